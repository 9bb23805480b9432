/**
 * The worker of a drill and its successors: one runs at a time; a killed one is replaced by a new process
 * with the same environment, as a supervisor (systemd, Kubernetes) would restart it.
 */
import { onCleanup } from "./cleanup";
import type { ProcMeter } from "./proc-meter";
import { type BenchWorker, spawnBenchWorker } from "./worker-process";

export class WorkerFleet {
  readonly all: BenchWorker[] = [];

  constructor(
    private readonly env: Record<string, string>,
    private readonly meter?: ProcMeter,
  ) {
    onCleanup("workers", async () => {
      for (const w of this.all) await w.kill("SIGKILL");
    });
  }

  get current(): BenchWorker | undefined {
    return this.all.at(-1);
  }

  /** Starts a new worker and waits until it has started (reconciled and listening). */
  async start(timeoutMs = 60_000): Promise<BenchWorker> {
    const worker = spawnBenchWorker(this.env);
    this.all.push(worker);
    this.meter?.track("worker", worker.pid);
    await worker.waitForStart(timeoutMs);
    return worker;
  }

  /** Deliver jobs that ended "sent", over every worker so far. */
  sent(): number {
    return this.all.reduce((n, w) => n + (w.results.get("sent") ?? 0), 0);
  }

  /** Deliver results over every worker ("sent", "skipped: already sent", …). */
  results(): Record<string, number> {
    const total: Record<string, number> = {};
    for (const w of this.all) for (const [k, v] of w.results) total[k] = (total[k] ?? 0) + v;
    return total;
  }

  failedJobs(): number {
    return this.all.reduce((n, w) => n + w.failedJobs, 0);
  }

  /** Stops the current worker gracefully (end of the run). */
  async stop(): Promise<void> {
    await this.current?.kill("SIGTERM");
  }
}
