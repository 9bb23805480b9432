/**
 * What every drill starts with: the scenario (Redis or a Redis Cluster, push service, N subscriptions), the app clock anchored
 * `leadMs` before the reminder is due, a worker fleet, a queue watcher, and a wait until the due time.
 */
import { onCleanup } from "./cleanup";
import { ProcMeter } from "./proc-meter";
import { watchQueues } from "./queue-watch";
import { anchorClock, startScenario } from "./scenario";
import { settle } from "./settle";
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

/**
 * What every drill ends with: wait until every subscriber is reached (or the time is up), restarting a worker
 * that exits by itself; then the figures, what Redis still holds if anything was lost, and everything stopped.
 */
export async function finishDrill(drill: Awaited<ReturnType<typeof startDrill>>, subscribers: number) {
  const { scenario, meter, fleet, watch, startedAt } = drill;
  let workerRestarts = 0;
  const { timedOut } = await settle(scenario, watch, {
    timeoutMs: 300_000 + subscribers * 20,
    onTick: async () => {
      if (fleet.current?.exited) {
        workerRestarts++;
        console.log(`the worker exited by itself:\n${fleet.current.tail()}\nrestarting`);
        await fleet.start();
      }
    },
  });
  const seconds = (scenario.tally.lastReceiptAt - startedAt) / 1000;
  const cpu = meter.stop();
  const failedJobs = await watch.failed();
  if (scenario.tally.lost > 0) console.log(`messages lost; in Redis: ${JSON.stringify(await watch.diagnose())}`);
  await watch.close();
  await fleet.stop();
  return { timedOut, seconds, cpu, failedJobs, workerRestarts };
}
