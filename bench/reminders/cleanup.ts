/**
 * Every process a benchmark starts (redis-server, push service, workers, baseline) is registered here and
 * stopped when the script ends, fails, or is interrupted, newest first.
 */
const steps: { name: string; run: () => Promise<void> | void }[] = [];
let running: Promise<void> | undefined;

export function onCleanup(name: string, run: () => Promise<void> | void): void {
  steps.push({ name, run });
}

export function cleanup(): Promise<void> {
  running ??= (async () => {
    for (const step of steps.reverse()) {
      try {
        await step.run();
      } catch (error) {
        console.error(`cleanup (${step.name}) failed: ${(error as Error).message}`);
      }
    }
  })();
  return running;
}

/** Runs a benchmark's body; cleans up after it whatever happens and exits 0 only when it returned. */
export function runBench(body: () => Promise<void>): void {
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => {
      console.error(`${signal}: stopping`);
      void cleanup().finally(() => process.exit(130));
    });
  }
  // An error thrown in an event handler (e.g. a worker's output parser) must not leave redis-server or the
  // Cluster's six nodes running behind the benchmark.
  process.once("uncaughtException", (error) => {
    console.error(error.stack ?? error.message);
    void cleanup().finally(() => process.exit(1));
  });
  body()
    .then(() => cleanup())
    .then(() => process.exit(0))
    .catch(async (error: unknown) => {
      console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
      await cleanup();
      process.exit(1);
    });
}
