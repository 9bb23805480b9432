/**
 * What both drills start with: the scenario (Redis, push service, N subscriptions), the app clock anchored
 * `leadMs` before the reminder is due, a worker fleet, a queue watcher, and a wait until the due time.
 */
import { onCleanup } from "./cleanup";
import { ProcMeter } from "./proc-meter";
import { watchQueues } from "./queue-watch";
import { anchorClock, benchRedisClient, startScenario } from "./scenario";
import { sleep } from "./wait";
import { WorkerFleet } from "./worker-fleet";

export interface DrillOptions {
  concurrency: number;
  pageSize: number;
  lockMs: number;
  leadMs: number;
}

export async function startDrill(subscribers: number, o: DrillOptions) {
  const scenario = await startScenario(subscribers, {
    WORKER_CONCURRENCY: String(o.concurrency),
    FANOUT_PAGE_SIZE: String(o.pageSize),
    WORKER_LOCK_MS: String(o.lockMs),
    PUSH_TIMEOUT_MS: "3000",
    DELIVER_RETRY_BASE_MS: "500",
  });
  const { clockStart, dueAt } = await anchorClock(scenario.redis.url, o.leadMs);
  const meter = new ProcMeter();
  const fleet = new WorkerFleet({ ...scenario.env, APP_CLOCK_START: clockStart }, meter);
  await fleet.start(o.leadMs + 60_000);
  const connection = benchRedisClient(scenario.redis.url);
  onCleanup("redis client", () => void connection.disconnect());
  const watch = watchQueues(connection);
  // The fan-out may start before its due time (it starts early enough to finish by then: docs/reminders.md, "On
  // time"): the drill begins when the fan-out does, or at the due time, whichever comes first.
  while (Date.now() < dueAt) {
    const { state } = await watch.fanOut();
    if (state === "active" || state === "completed") break;
    await sleep(Math.min(10, Math.max(0, dueAt - Date.now())));
  }
  meter.start();
  return { scenario, meter, fleet, watch, startedAt: Date.now() };
}
