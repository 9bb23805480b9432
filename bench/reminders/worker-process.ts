/**
 * `npm run worker` as a real process, started as the reminder integration harness starts it (node with the
 * react-server condition and tsx, worker/index.ts). Unlike the harness it does not keep every log line: at
 * 100,000 deliveries that would be tens of MB in the benchmark process. It counts deliver results instead.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { sleep } from "./wait";

export interface BenchWorker {
  child: ChildProcess;
  pid: number | undefined;
  /** Real time the worker logged "worker started" (undefined until then). */
  startedAt: number | undefined;
  /** Deliveries completed, by result ("sent", "skipped: already sent", "removed", "rejected", …), per subscriber. */
  results: Map<string, number>;
  /** Real time the worker logged that the reminder's fan-out started before its due time (undefined if it did not). */
  fanOutEarlyAt: number | undefined;
  /** Real time the worker logged that the reminder's fan-out was done. */
  fanOutDoneAt: number | undefined;
  /** Lines logged as "job failed". */
  failedJobs: number;
  /** Called on every deliver page (or one-subscription job) completed with messages sent. */
  onSent(listener: () => void): void;
  waitForStart(timeoutMs: number): Promise<void>;
  /** The last lines the worker wrote, for error messages. */
  tail(): string;
  /** Signals the worker and resolves once it has exited. */
  kill(signal: NodeJS.Signals): Promise<void>;
  readonly exited: boolean;
}

const TAIL_LINES = 60;
const RESULT = /"result":"([^"]*)"/;

/**
 * `nodeArgs`: extra flags for node, e.g. --cpu-prof (which NODE_OPTIONS does not allow). `entry`: another
 * worker entry point, to measure a candidate change to the pipeline against the same run of the harness.
 */
export function spawnBenchWorker(env: Record<string, string>, nodeArgs: readonly string[] = [], entry = "worker/index.ts"): BenchWorker {
  const child = spawn(process.execPath, [...nodeArgs, "--conditions=react-server", "--import", "tsx", entry], {
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const results = new Map<string, number>();
  const tail: string[] = [];
  const sentListeners: (() => void)[] = [];
  let partial = "";
  let exited = false;
  const exit = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  void exit.then(() => (exited = true));

  const worker: BenchWorker = {
    child,
    pid: child.pid,
    startedAt: undefined,
    fanOutDoneAt: undefined,
    fanOutEarlyAt: undefined,
    results,
    failedJobs: 0,
    onSent: (listener) => sentListeners.push(listener),
    async waitForStart(timeoutMs) {
      const deadline = Date.now() + timeoutMs;
      while (worker.startedAt === undefined) {
        if (exited) throw new Error(`the worker exited before it started:\n${worker.tail()}`);
        if (Date.now() > deadline) throw new Error(`the worker did not start within ${timeoutMs} ms:\n${worker.tail()}`);
        await sleep(20);
      }
    },
    tail: () => tail.join("\n"),
    async kill(signal) {
      if (!exited) child.kill(signal);
      await exit;
    },
    get exited() {
      return exited;
    },
  };

  const remember = (line: string) => {
    tail.push(line.slice(0, 500));
    if (tail.length > TAIL_LINES) tail.shift();
  };
  child.stdout.setEncoding("utf8");
  child.stdout.on("data", (chunk: string) => {
    partial += chunk;
    const lines = partial.split("\n");
    partial = lines.pop() ?? "";
    for (const line of lines) {
      // One line per deliver page, with its counts (or one per one-subscription job, with its result).
      if (line.includes('"msg":"deliver"')) {
        const add = (result: string, n: number) => n > 0 && results.set(result, (results.get(result) ?? 0) + n);
        const single = RESULT.exec(line)?.[1];
        if (single !== undefined) add(single, 1);
        else {
          try {
            const page = JSON.parse(line) as { sent?: number; skipped?: Record<string, number>; removed?: unknown[]; rejected?: number };
            add("sent", page.sent ?? 0);
            for (const [reason, n] of Object.entries(page.skipped ?? {})) add(`skipped: ${reason}`, n);
            add("removed", page.removed?.length ?? 0);
            add("rejected", page.rejected ?? 0);
          } catch {
            add("?", 1);
          }
        }
        if ((results.get("sent") ?? 0) > 0) for (const l of sentListeners) l();
        continue;
      }
      remember(line);
      if (line.includes('"msg":"worker started"')) worker.startedAt = Date.now();
      else if (line.includes('"msg":"fan-out done"')) worker.fanOutDoneAt = Date.now();
      else if (line.includes('"msg":"fan-out starting early"')) worker.fanOutEarlyAt ??= Date.now();
      else if (line.includes('"msg":"job failed"')) worker.failedJobs++;
    }
  });
  child.stderr.setEncoding("utf8");
  child.stderr.on("data", (chunk: string) => remember(chunk.trimEnd()));
  return worker;
}
