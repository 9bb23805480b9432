/**
 * What every drill starts with: the scenario (Redis or a Redis Cluster, push service, N subscriptions), the app clock anchored
 * `leadMs` before the reminder is due, a worker fleet, a queue watcher, and a wait until the due time.
 */
import { onCleanup } from "./cleanup";
import { ProcMeter } from "./proc-meter";
import { watchQueues } from "./queue-watch";
import { anchorClock, startScenario } from "./scenario";
import { sleep } from "./wait";
import { WorkerFleet } from "./worker-fleet";

export interface DrillOptions {
  concurrency: number;
  pageSize: number;
  lockMs: number;
  leadMs: number;
  /** On a local Redis Cluster (3 masters + 3 replicas) instead of one redis-server. */
  cluster?: boolean;
}

export async function startDrill(subscribers: number, o: DrillOptions) {
  const scenario = await startScenario(
    subscribers,
    {
      WORKER_CONCURRENCY: String(o.concurrency),
      FANOUT_PAGE_SIZE: String(o.pageSize),
      WORKER_LOCK_MS: String(o.lockMs),
      PUSH_TIMEOUT_MS: "3000",
      DELIVER_RETRY_BASE_MS: "500",
    },
    "system",
    { cluster: o.cluster },
  );
  const connection = scenario.client();
  onCleanup("redis client", () => void connection.disconnect());
  const { clockStart, dueAt } = await anchorClock(connection, o.leadMs);
  const meter = new ProcMeter();
  const fleet = new WorkerFleet({ ...scenario.env, APP_CLOCK_START: clockStart }, meter);
  await fleet.start(o.leadMs + 60_000);
  const watch = watchQueues(connection, scenario.store);
  // The fan-out may start before its due time (it starts early enough to finish by then: docs/reminders.md, "On
  // time"): the drill begins when the fan-out does, or at the due time, whichever comes first.
  while (Date.now() < dueAt) {
    const { state } = await watch.fanOut();
    if (state === "active" || state === "completed") break;
    await sleep(Math.min(10, Math.max(0, dueAt - Date.now())));
  }
  meter.start();
  return { scenario, connection, meter, fleet, watch, startedAt: Date.now() };
}
