/**
 * npm run drill:crash [-- --subscribers N] [--kills K] [--seed S] [--concurrency C] [--page-size P] [--lock-ms L]
 *
 * N subscribers (default 20,000) of one reminder; the worker is killed with SIGKILL at K random moments
 * (default 5) during the fan-out and the delivery, and restarted each time. The first kill falls while the
 * fan-out is still enqueueing (at a random number of enqueued deliveries), the others at random numbers of
 * messages sent. Counts what the push service received: lost (never sent) must be 0, and duplicates at most
 * the worker's concurrency per kill — only a message in flight at a kill (accepted by the push service, not
 * yet in the sent-ledger) may come twice. Prints a summary and, last, one JSON line.
 */
import { intArg } from "./reminders/args";
import { runBench } from "./reminders/cleanup";
import { finishDrill, startDrill } from "./reminders/drill-setup";
import { loadLine } from "./reminders/format";
import { describeMachine, machine } from "./reminders/machine";
import { round, seededRandom } from "./reminders/stats";
import { waitUntil } from "./reminders/wait";

const subscribers = intArg("subscribers", 20_000);
const kills = intArg("kills", 5);
const seed = intArg("seed", Date.now() % 1_000_000);
const concurrency = intArg("concurrency", 20);
const pageSize = intArg("page-size", 500);
// A dead worker's jobs are taken over after the lock expires: shorter than production's 30 s to keep the drill short.
const lockMs = intArg("lock-ms", 5000);
const leadMs = intArg("lead-ms", 10_000);

interface Kill {
  at: "fan-out" | "delivery";
  /** Messages sent (all workers) when it was killed. */
  sentBefore: number;
  fanOutState: string;
  /**
   * Deliver jobs active right after the kill: held by this worker, or by an earlier killed one whose jobs are
   * not taken over yet (that waits for the lock to expire). Only these may be sent twice.
   */
  inFlight: number;
}

runBench(async () => {
  const host = machine();
  console.log(
    `drill:crash — ${subscribers} subscribers, ${kills} kills (seed ${seed}), concurrency ${concurrency}\n${describeMachine(host)}`,
  );
  const random = seededRandom(seed);
  const drill = await startDrill(subscribers, { concurrency, pageSize, lockMs, leadMs });
  const { scenario, fleet, watch } = drill;

  // Kill moments: the first while the fan-out enqueues, the others at increasing random numbers of messages sent.
  const fanOutTarget = Math.max(1, Math.round(subscribers * (0.05 + 0.45 * random())));
  const sentTargets = Array.from({ length: Math.max(kills - 1, 0) }, () => Math.round(subscribers * (0.05 + 0.85 * random()))).sort(
    (a, b) => a - b,
  );
  const done: Kill[] = [];
  const inFlightIds = new Set<string>();

  const killNow = async (at: Kill["at"]) => {
    const worker = fleet.current;
    if (!worker) return;
    await worker.kill("SIGKILL");
    const fanOut = await watch.fanOut();
    const active = await watch.activeSubscriptions();
    for (const id of active) inFlightIds.add(id);
    done.push({ at, sentBefore: progress(), fanOutState: fanOut.state, inFlight: active.length });
    console.log(
      `kill ${done.length} (${at}): ${progress()} sent, fan-out ${fanOut.state}, ${active.length} subscribers pending in deliver pages active (held by killed workers); restarting`,
    );
    await fleet.start();
  };
  const allSent = () => scenario.tally.unique >= subscribers;
  // Messages sent so far: the workers' "deliver … sent" log lines are immediate; the push service's receipts
  // (every 200 ms) keep the drill working if that log line is ever dropped.
  const progress = () => Math.max(fleet.sent(), scenario.tally.unique);

  if (kills > 0) {
    await waitUntil(
      async () => allSent() || (await watch.enqueued()) * pageSize >= fanOutTarget || (await watch.fanOut()).state === "completed",
      120_000,
      "the fan-out to get going",
      10,
    );
    if (!allSent()) await killNow((await watch.fanOut()).state === "completed" ? "delivery" : "fan-out");
  }
  for (const target of sentTargets) {
    // Each kill needs the new worker to have sent something, so that it dies while working.
    const floor = progress() + 1;
    await waitUntil(() => allSent() || progress() >= Math.max(target, floor), 600_000, `${target} messages sent`, 10);
    if (allSent()) break;
    await killNow("delivery");
  }

  const { timedOut, seconds, cpu, failedJobs } = await finishDrill(drill, subscribers);

  const tally = scenario.tally;
  const duplicated = tally.duplicated().map((i) => scenario.storeIds[i] ?? "");
  const notInFlight = duplicated.filter((id) => !inFlightIds.has(id)).length;
  const bound = done.length * concurrency;
  const results = fleet.results();
  console.log(
    [
      `delivered ${tally.unique}/${subscribers} in ${round(seconds, 1)} s with ${done.length} kills (${done.filter((k) => k.at === "fan-out").length} during the fan-out)`,
      `lost ${tally.lost}; duplicates ${tally.duplicates} (bound ${bound} = ${done.length} kills × concurrency ${concurrency}; ${notInFlight} not in flight at a kill); subscribers pending in the deliver pages active at each kill: ${done.map((k) => k.inFlight).join(", ")}`,
      `bad payloads ${tally.badPayload}, bad VAPID ${tally.badVapid}, failed jobs ${failedJobs}; deliver results ${JSON.stringify(results)}`,
      `worker peak RSS ${cpu.processes.worker?.peakRssMb ?? 0} MB; load average ${loadLine(cpu.loadAverage)}`,
    ].join("\n"),
  );
  if (timedOut) throw new Error("the drill timed out before the queues drained");
  console.log(
    JSON.stringify({
      bench: "drill-crash",
      subscribers,
      kills: done.length,
      killsDuringFanOut: done.filter((k) => k.at === "fan-out").length,
      seed,
      concurrency,
      delivered: tally.unique,
      lost: tally.lost,
      duplicates: tally.duplicates,
      duplicatesBound: bound,
      duplicatesNotInFlight: notInFlight,
      inFlightAtKills: done.map((k) => k.inFlight),
      badPayloads: tally.badPayload,
      failedJobs,
      seconds: round(seconds, 1),
      machine: host,
      ratio: round(tally.unique / subscribers, 4),
    }),
  );
});
