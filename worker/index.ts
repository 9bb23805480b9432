/**
 * `npm run worker`: the BullMQ worker process for push reminders. Structured JSON logs on stdout.
 * Stops gracefully on SIGINT/SIGTERM (finishes the jobs in hand; anything unfinished is picked up again by
 * another worker or on restart).
 */
import { ConfigError, loadConfig } from "../lib/config";
import { errorMessage, jsonLog } from "../lib/reminders/pipeline/log";
import { startWorker } from "./run";

const log = jsonLog("worker");

async function main(): Promise<void> {
  const config = loadConfig();
  const worker = await startWorker(config, log);
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log("info", "stopping", { signal });
    const force = setTimeout(() => {
      log("error", "did not stop within 30 s; exiting");
      process.exit(1);
    }, 30_000);
    force.unref();
    await worker.close();
    log("info", "stopped");
    process.exit(0);
  };
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("SIGTERM", () => void stop("SIGTERM"));
}

main().catch((error: unknown) => {
  log("error", error instanceof ConfigError ? error.message : `worker failed to start: ${errorMessage(error)}`);
  process.exit(1);
});
