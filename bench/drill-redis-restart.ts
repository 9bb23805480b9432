/**
 * npm run drill:redis-restart [-- --subscribers N] [--mode crash|clean] [--down-ms D] [--seed S] [--concurrency C] [--page-size P]
 *
 * N subscribers (default 20,000) of one reminder; while the fan-out is enqueueing (at a random number of
 * enqueued deliveries) redis-server is stopped and started again on its append-only file, D ms later (default
 * 3,000). --mode crash (default) kills it with SIGKILL, so up to the last second of writes is lost
 * (appendfsync everysec); clean stops it with SIGTERM (a flushed shutdown). The worker process is not
 * touched: it must reconnect by itself. Lost must be 0; a message sent just before the crash whose ledger
 * write was lost with the last second may come twice. Prints a summary and, last, one JSON line.
 */
import { choiceArg, intArg } from "./reminders/args";
import { runBench } from "./reminders/cleanup";
import { finishDrill, startDrill } from "./reminders/drill-setup";
import { loadLine } from "./reminders/format";
import { describeMachine, machine } from "./reminders/machine";
import { round, seededRandom } from "./reminders/stats";
import { sleep, waitUntil } from "./reminders/wait";

const subscribers = intArg("subscribers", 20_000);
const mode = choiceArg("mode", ["crash", "clean"] as const, "crash");
const downMs = intArg("down-ms", 3000);
const seed = intArg("seed", Date.now() % 1_000_000);
const concurrency = intArg("concurrency", 20);
const pageSize = intArg("page-size", 500);
const lockMs = intArg("lock-ms", 5000);
const leadMs = intArg("lead-ms", 10_000);

runBench(async () => {
  const host = machine();
  console.log(
    `drill:redis-restart — ${subscribers} subscribers, Redis ${mode} mid-fan-out (seed ${seed}), down ${downMs} ms\n${describeMachine(host)}`,
  );
  const random = seededRandom(seed);
  const drill = await startDrill(subscribers, { concurrency, pageSize, lockMs, leadMs });
  const { scenario, fleet, watch } = drill;
  if (scenario.store.kind !== "single") throw new Error("this drill restarts one redis-server");
  const redis = scenario.store.redis;

  const target = Math.max(1, Math.round(subscribers * (0.1 + 0.5 * random())));
  await waitUntil(
    async () => (await watch.enqueued()) * pageSize >= target || (await watch.fanOut()).state === "completed",
    120_000,
    "the fan-out to get going",
    10,
  );
  const before = { fanOut: (await watch.fanOut()).state, enqueued: await watch.enqueued(), sent: fleet.sent() };
  await redis.stop({ hard: mode === "crash" });
  const stoppedAt = Date.now();
  await sleep(downMs);
  await redis.start();
  console.log(
    `Redis ${mode === "crash" ? "killed (SIGKILL)" : "stopped (SIGTERM)"} with the fan-out ${before.fanOut} at ${before.enqueued} deliver pages enqueued, ${before.sent} sent; back after ${Date.now() - stoppedAt} ms`,
  );
  const after = { fanOut: (await watch.fanOut()).state, enqueued: await watch.enqueued() };
  console.log(`after the restart: fan-out ${after.fanOut}, ${after.enqueued} deliver pages in Redis`);

  const { timedOut, seconds, cpu, failedJobs, workerRestarts } = await finishDrill(drill, subscribers);

  const tally = scenario.tally;
  console.log(
    [
      `delivered ${tally.unique}/${subscribers} in ${round(seconds, 1)} s; the worker reconnected by itself: ${workerRestarts === 0 ? "yes" : `no (${workerRestarts} restarts)`}`,
      `lost ${tally.lost}; duplicates ${tally.duplicates}; bad payloads ${tally.badPayload}, bad VAPID ${tally.badVapid}, failed jobs ${failedJobs}`,
      `deliver results ${JSON.stringify(fleet.results())}; load average ${loadLine(cpu.loadAverage)}`,
    ].join("\n"),
  );
  if (timedOut) throw new Error("the drill timed out before the queues drained");
  console.log(
    JSON.stringify({
      bench: "drill-redis-restart",
      subscribers,
      mode,
      restarts: 1,
      downMs,
      seed,
      fanOutAtRestart: before.fanOut,
      enqueuedAtRestart: before.enqueued,
      enqueuedAfterRestart: after.enqueued,
      workerRestarts,
      delivered: tally.unique,
      lost: tally.lost,
      duplicates: tally.duplicates,
      badPayloads: tally.badPayload,
      failedJobs,
      seconds: round(seconds, 1),
      machine: host,
      ratio: round(tally.unique / subscribers, 4),
    }),
  );
});
