import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort } from "../../../scripts/free-port";

/**
 * The app as `npm start` runs it — its own redis-server on a free port, `next start`, the reminders worker —
 * with the push settings a local push service needs and the app clock moved by APP_CLOCK_START.
 * The production build must exist and be current (npm test builds it; else `npm start` would build first).
 */
export interface RunningApp {
  url: string;
  /** The redis:// URL of the redis-server `npm start` started (read from its log). */
  redisUrl: string;
  /** The JSON log lines of the worker and the web server so far. */
  logs(): Record<string, unknown>[];
  output(): string;
  waitForLog(match: (line: Record<string, unknown>) => boolean, what: string, timeoutMs?: number): Promise<Record<string, unknown>>;
  stop(): Promise<void>;
}

export async function startApp(env: Record<string, string>): Promise<RunningApp> {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), "entitle-push-app-"));
  const childEnv: NodeJS.ProcessEnv = {
    ...process.env,
    NEXT_TELEMETRY_DISABLED: "1",
    PORT: String(port),
    HOST: "127.0.0.1",
    DATA_DIR: dataDir,
    ...env,
  };
  delete childEnv.REDIS_URL;
  // Its own process group, so that stopping it is Ctrl-C for npm, web, worker and redis-server together.
  const child: ChildProcess = spawn("npm", ["start"], { env: childEnv, stdio: ["ignore", "pipe", "pipe"], detached: true });
  let text = "";
  let partial = "";
  const logs: Record<string, unknown>[] = [];
  child.stdout?.setEncoding("utf8");
  child.stdout?.on("data", (chunk: string) => {
    text += chunk;
    partial += chunk;
    const lines = partial.split("\n");
    partial = lines.pop() ?? "";
    for (const line of lines) {
      if (!line.startsWith("{")) continue;
      try {
        const parsed = JSON.parse(line) as Record<string, unknown>;
        if ("msg" in parsed) logs.push(parsed);
      } catch {
        // a line that only looks like JSON
      }
    }
  });
  child.stderr?.on("data", (chunk) => (text += chunk));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));

  const waitFor = async <T>(probe: () => T | undefined | Promise<T | undefined>, what: string, timeoutMs: number): Promise<T> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`npm start exited (${child.exitCode}) while waiting for ${what}:\n${text.slice(-4000)}`);
      const value = await probe();
      if (value !== undefined) return value;
      if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}:\n${text.slice(-4000)}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };

  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null && child.pid) process.kill(-child.pid, "SIGINT");
    await exited;
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    const loggedUrl = await waitFor(
      () => /Started a local redis-server at (redis:\/\/\S+?)\s/.exec(text)?.[1],
      "the local redis-server",
      60_000,
    );
    // The log never shows the password (docs/security.md): the test reads it from DATA_DIR like web and worker do.
    const redisUrl = new URL(loggedUrl);
    redisUrl.password = readFileSync(join(dataDir, "redis.password"), "utf8").trim();
    await waitFor(() => (logs.some((l) => l.msg === "worker started") ? true : undefined), "the worker", 60_000);
    await waitFor(
      async () => {
        try {
          return (await fetch(`${url}/api/v1/push/clock`)).status === 200 ? true : undefined;
        } catch {
          return undefined;
        }
      },
      "the web server",
      120_000,
    );
    return {
      url,
      redisUrl: redisUrl.href,
      logs: () => [...logs],
      output: () => text,
      waitForLog: (match, what, timeoutMs = 30_000) => waitFor(() => logs.find(match), what, timeoutMs),
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
