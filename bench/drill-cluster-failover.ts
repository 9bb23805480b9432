/**
 * npm run drill:cluster-failover [-- --subscribers N] [--seed S] [--concurrency C] [--page-size P] [--lock-ms L]
 *
 * N subscribers (default 20,000) of one reminder, on a local Redis Cluster (3 masters + 3 replicas,
 * cluster-node-timeout 1 s; the worker configured with REDIS_CLUSTER_NODES). While the fan-out is enqueueing (at
 * a random number of enqueued deliveries) the master serving the deliver queue's slot (`CLUSTER KEYSLOT
 * {entitle-deliver}`, then CLUSTER SLOTS) is killed with SIGKILL; its replica takes over. The worker is not
 * touched: it must follow the failover by itself. Replication is asynchronous, so the replica may lack the
 * master's last writes. Reports delivered, lost (must be 0), duplicates (bound: the deliver concurrency, the
 * sends in flight at the kill), how long the cluster took to promote the replica and how long until messages
 * flowed again. Prints a summary and, last, one JSON line.
 */
import { DELIVER_PAGE_SIZE } from "../lib/reminders/pipeline/processors";
import { DELIVER_QUEUE, FANOUT_QUEUE, queuePrefix } from "../lib/reminders/pipeline/queues";
import { intArg } from "./reminders/args";
import { runBench } from "./reminders/cleanup";
import { finishDrill, startDrill } from "./reminders/drill-setup";
import { loadLine } from "./reminders/format";
import { describeMachine, machine } from "./reminders/machine";
import { round, seededRandom } from "./reminders/stats";
import { waitUntil } from "./reminders/wait";

const subscribers = intArg("subscribers", 20_000);
const seed = intArg("seed", Date.now() % 1_000_000);
const concurrency = intArg("concurrency", 20);
const pageSize = intArg("page-size", 500);
const lockMs = intArg("lock-ms", 5000);
const leadMs = intArg("lead-ms", 10_000);

runBench(async () => {
  const host = machine();
  console.log(
    `drill:cluster-failover — ${subscribers} subscribers on a Redis Cluster (3 masters + 3 replicas), the deliver queue's master killed mid-fan-out (seed ${seed}), concurrency ${concurrency}\n${describeMachine(host)}`,
  );
  const random = seededRandom(seed);
  const drill = await startDrill(subscribers, {
    concurrency,
    pageSize,
    lockMs,
    leadMs,
    cluster: true,
  });
  const { scenario, fleet, watch } = drill;
  if (scenario.store.kind !== "cluster") throw new Error("this drill needs the Redis Cluster");
  const cluster = scenario.store.cluster;
  const deliverTag = queuePrefix(DELIVER_QUEUE, true);
  const victim = await cluster.masterOf(deliverTag);
  if (victim === undefined) throw new Error(`no master serves ${deliverTag}`);
  const fanOutOnVictim = (await cluster.masterOf(queuePrefix(FANOUT_QUEUE, true))) === victim;

  // Mid-fan-out: at a random share (10–60 %) of the subscribers enqueued in deliver pages.
  const target = Math.max(1, Math.round(subscribers * (0.1 + 0.5 * random())));
  await waitUntil(
    async () => (await watch.enqueued()) * DELIVER_PAGE_SIZE >= target || (await watch.fanOut()).state === "completed",
    120_000,
    "the fan-out to get going",
    10,
  );
  // Read just before the kill (the victim answers nothing after it): the sends that may be in flight.
  const inFlightIds = new Set(await watch.activeSubscriptions());
  const before = {
    fanOut: (await watch.fanOut()).state,
    enqueued: await watch.enqueued(),
    sent: Math.max(fleet.sent(), scenario.tally.unique),
  };
  await cluster.killNode(victim);
  const killedAt = Date.now();
  const receivedAtKill = scenario.tally.unique;
  console.log(
    `killed the deliver queue's master (port ${victim}${fanOutOnVictim ? ", the fan-out queue's too" : ""}) with the fan-out ${before.fanOut} at ${before.enqueued} deliver pages enqueued, ${before.sent} sent, ${inFlightIds.size} subscribers pending in active pages`,
  );

  // The replica is promoted once the other masters agree the old one failed (cluster-node-timeout, 1 s here).
  let newMaster: number | undefined;
  await waitUntil(
    async () => {
      newMaster = await cluster.masterOf(deliverTag);
      return newMaster !== undefined && newMaster !== victim && (await cluster.healthy());
    },
    60_000,
    "a replica to take over the deliver queue's slot",
    20,
  );
  const promotedMs = Date.now() - killedAt;
  // Messages flowing again after the promotion: the push service receives one more than it had then.
  const receivedAtPromotion = scenario.tally.unique;
  await waitUntil(
    () => scenario.tally.unique > receivedAtPromotion || scenario.tally.unique >= subscribers,
    120_000,
    "messages to flow again after the failover",
    20,
  );
  const resumedMs = Date.now() - killedAt;
  console.log(
    `replica on port ${newMaster} promoted ${promotedMs} ms after the kill; messages flowing again ${resumedMs} ms after it (${receivedAtKill} received at the kill, ${receivedAtPromotion} at the promotion)`,
  );

  const { timedOut, seconds, cpu, failedJobs, workerRestarts } = await finishDrill(drill, subscribers);

  const tally = scenario.tally;
  const duplicated = tally.duplicated().map((i) => scenario.storeIds[i] ?? "");
  const notInFlight = duplicated.filter((id) => !inFlightIds.has(id)).length;
  const bound = concurrency;
  console.log(
    [
      `delivered ${tally.unique}/${subscribers} in ${round(seconds, 1)} s; the worker followed the failover by itself: ${workerRestarts === 0 ? "yes" : `no (${workerRestarts} restarts)`}`,
      `lost ${tally.lost}; duplicates ${tally.duplicates} (bound ${bound} = 1 kill × concurrency ${concurrency}; ${notInFlight} not pending in an active page at the kill); bad payloads ${tally.badPayload}, bad VAPID ${tally.badVapid}, failed jobs ${failedJobs}`,
      `promoted after ${promotedMs} ms, messages again after ${resumedMs} ms; deliver results ${JSON.stringify(fleet.results())}; load average ${loadLine(cpu.loadAverage)}`,
    ].join("\n"),
  );
  if (timedOut) throw new Error("the drill timed out before the queues drained");
  console.log(
    JSON.stringify({
      bench: "drill-cluster-failover",
      subscribers,
      seed,
      concurrency,
      kills: 1,
      killedPort: victim,
      fanOutQueueOnKilledMaster: fanOutOnVictim,
      fanOutAtKill: before.fanOut,
      enqueuedAtKill: before.enqueued,
      sentAtKill: before.sent,
      inFlightAtKill: inFlightIds.size,
      promotedMs,
      resumedMs,
      workerRestarts,
      delivered: tally.unique,
      lost: tally.lost,
      duplicates: tally.duplicates,
      duplicatesBound: bound,
      duplicatesNotInFlight: notInFlight,
      badPayloads: tally.badPayload,
      failedJobs,
      seconds: round(seconds, 1),
      machine: host,
      ratio: round(tally.unique / subscribers, 4),
    }),
  );
});
