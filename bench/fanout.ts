/**
 * npm run bench:fanout [-- --subscribers N] [--concurrency C] [--workers W] [--lead-ms L] [--baseline-sample S]
 *                         [--trust system|ca-file] [--worker-entry FILE] [--cpu-prof DIR] [--rate R] [--cluster]
 *
 * N subscribers (default 20,000) of one reminder, sent through the real pipeline: W worker processes (default
 * 1; scheduler → fan-out → deliver, aes128gcm, one VAPID token per push service, keep-alive agent) against a
 * private redis-server and the local HTTPS push service in its own process, which decrypts every message.
 * --cluster: against a local Redis Cluster instead (3 masters + 3 replicas, the integration tests' harness; the
 * worker gets REDIS_CLUSTER_NODES, so each event's subscribers are spread over 16 sets and each queue has its
 * own hash tag); Redis's command counts and CPU are then summed over every master (CPU: every node).
 * The app clock starts L ms (default 10 s) before the reminder is due. Measures deliveries/s, lateness from
 * the due time to receipt, the worker's peak RSS, lost and duplicate messages, each process's CPU, Redis
 * commands per delivery, and the ratio of the pipeline's throughput to a baseline measured in the same run:
 * a plain web-push sendNotification loop at the same concurrency over the first S subscribers (default
 * min(N, 20,000)). On time: a fan-out starts early when its subscribers need it at the fleet's measured rate
 * (--rate R seeds that rate in Redis, as an earlier fan-out would have left it; else the worker's default), never
 * more than 5% of the lead before due; give a --lead-ms longer than that early start to see it. Throughput is
 * counted from the fan-out's start (the due time, or earlier) to the last receipt; earliness and lateness from
 * the due time. Prints a summary and, last, one JSON line.
 */

import { maxEarlyMs } from "../lib/reminders/pipeline/early";
import { keys } from "../lib/reminders/pipeline/keys";
import { choiceArg, flagArg, intArg, stringArg } from "./reminders/args";
import { runBaseline } from "./reminders/baseline";
import { onCleanup, runBench } from "./reminders/cleanup";
import { cpuLine, cpuPercents, loadLine } from "./reminders/format";
import { describeMachine, machine } from "./reminders/machine";
import { memoryKb, ProcMeter } from "./reminders/proc-meter";
import { watchQueues } from "./reminders/queue-watch";
import { commandFigures, resetCommandStats } from "./reminders/redis-commands";
import { REMINDER } from "./reminders/reminder";
import { anchorClock, startScenario, TRUSTS } from "./reminders/scenario";
import { settle } from "./reminders/settle";
import { round } from "./reminders/stats";
import { spawnBenchWorker } from "./reminders/worker-process";

const subscribers = intArg("subscribers", 20_000);
const concurrency = intArg("concurrency", 20);
const workerCount = Math.max(1, intArg("workers", 1));
const leadMs = intArg("lead-ms", 10_000);
const baselineSample = Math.min(intArg("baseline-sample", Math.min(subscribers, 20_000)), subscribers);
const trust = choiceArg("trust", TRUSTS, "system");
/** A candidate worker entry point, to measure a change to the pipeline in the same harness. */
const workerEntry = stringArg("worker-entry", "worker/index.ts");
/** The workers write V8 CPU profiles here when they stop (open them in Chrome DevTools). */
const cpuProfDir = stringArg("cpu-prof", "");
/** The fleet's delivery rate to seed in Redis before the run (deliveries/s); 0: none (the worker's default applies). */
const seedRate = intArg("rate", 0);
/** On a local Redis Cluster (3 masters + 3 replicas) instead of one redis-server. */
const cluster = flagArg("cluster");

runBench(async () => {
  const host = machine();
  console.log(
    `bench:fanout — ${subscribers} subscribers, ${workerCount} worker(s) × deliver concurrency ${concurrency}, trust ${trust}, ${cluster ? "Redis Cluster (3 masters + 3 replicas)" : "one redis-server"}\n${describeMachine(host)}`,
  );
  const scenario = await startScenario(subscribers, { WORKER_CONCURRENCY: String(concurrency) }, trust, { cluster });
  console.log(
    `setup: ${subscribers} subscriptions made and stored in ${round(scenario.setupSeconds, 1)} s (${scenario.store.shards} subscriber set(s) for the event)`,
  );

  const connection = scenario.client();
  onCleanup("redis client", () => void connection.disconnect());
  const { clockStart, dueAt } = await anchorClock(connection, leadMs);
  if (seedRate > 0) await connection.set(keys.deliverRate(), String(seedRate));
  const nodeArgs = cpuProfDir ? ["--cpu-prof", `--cpu-prof-dir=${cpuProfDir}`] : [];
  const meter = new ProcMeter();
  const workers = Array.from({ length: workerCount }, () => {
    const worker = spawnBenchWorker({ ...scenario.env, APP_CLOCK_START: clockStart }, nodeArgs, workerEntry);
    onCleanup("worker", () => worker.kill("SIGKILL"));
    meter.track("worker", worker.pid);
    return worker;
  });
  meter.track("pushService", scenario.push.pid);
  for (const pid of await scenario.redisPids()) meter.track("redis", pid);
  meter.track("bench", process.pid);
  for (const w of workers) await w.waitForStart(leadMs + 60_000);
  const readyBeforeDueMs = dueAt - Math.max(...workers.map((w) => w.startedAt ?? dueAt));
  if (readyBeforeDueMs < 0)
    console.log(`warning: a worker started ${-readyBeforeDueMs} ms after the reminder was due; use a longer --lead-ms`);
  // The fan-out may start before the due time (on time): count from when the workers are ready.
  await resetCommandStats(connection);
  meter.start();

  const watch = watchQueues(connection, scenario.store);
  const { timedOut } = await settle(scenario, watch, {
    timeoutMs: 120_000 + subscribers * 20,
    onTick: () => {
      const dead = workers.find((w) => w.exited);
      if (dead) throw new Error(`a worker exited during the run:\n${dead.tail()}`);
    },
  });
  const cpu = meter.stop();
  const workerPeakRssMb = Math.round(Math.max(...workers.map((w) => memoryKb(w.pid ?? 0)?.hwmKb ?? 0)) / 1024);
  const failedJobs = await watch.failed();
  const commands = await commandFigures(connection, scenario.tally.unique);
  if (scenario.tally.lost > 0) console.log(`messages lost; in Redis: ${JSON.stringify(await watch.diagnose())}`);
  await watch.close();
  for (const w of workers) await w.kill("SIGTERM");

  const tally = scenario.tally;
  const late = tally.lateness(dueAt);
  // The fan-out started at the due time, or earlier when the worker said so (or when a worker was ready only after).
  const earlyAt = workers.map((w) => w.fanOutEarlyAt).find((t) => t !== undefined);
  const startAt = Math.min(earlyAt ?? dueAt, dueAt);
  const ratesByTenth = tally.ratesByTenth(startAt);
  const deliveriesPerSecond = tally.unique / Math.max((tally.lastReceiptAt - startAt) / 1000, 0.001);
  const fanOutDoneAt = workers.map((w) => w.fanOutDoneAt).find((t) => t !== undefined);
  const fanOutSeconds = fanOutDoneAt === undefined ? undefined : round((fanOutDoneAt - startAt) / 1000, 1);
  const earliestAllowedMs = maxEarlyMs(REMINDER.lead);
  console.log(
    [
      `pipeline: ${tally.unique}/${subscribers} delivered in ${round((tally.lastReceiptAt - startAt) / 1000, 1)} s from the fan-out's start (${round((dueAt - startAt) / 1000, 1)} s before due) → ${Math.round(deliveriesPerSecond)} deliveries/s` +
        (fanOutSeconds === undefined ? "" : ` (fan-out done ${fanOutSeconds} s after its start)`),
      `due → receipt (negative: early): first ${late.earliestMs} ms, p50 ${late.p50Ms} ms, p99 ${late.p99Ms} ms, max ${late.maxMs} ms; ` +
        `earliness ${Math.max(0, -late.earliestMs)} ms (bound ${earliestAllowedMs} ms = 5% of the lead: ${-late.earliestMs <= earliestAllowedMs ? "within" : "EXCEEDED"}); ` +
        `lateness p99 ${Math.max(0, late.p99Ms)} ms, max ${Math.max(0, late.maxMs)} ms`,
      `deliveries/s in each tenth of the run: ${ratesByTenth.join(", ")}`,
      `lost ${tally.lost}, duplicates ${tally.duplicates}, bad payloads ${tally.badPayload}, bad VAPID ${tally.badVapid}, non-2xx ${tally.notDelivered}, failed jobs ${failedJobs}${timedOut ? " — TIMED OUT" : ""}`,
      `worker peak RSS ${workerPeakRssMb} MB; CPU over the delivery window (% of one core): ${cpuLine(cpu.processes)}; machine ${cpu.machineBusyPercent}% busy; load average ${loadLine(cpu.loadAverage)}`,
      `Redis per delivery: ${commands.callsPerDelivery} commands (Lua's included), ${commands.usecPerDelivery} µs; ${Object.entries(
        commands.perDelivery,
      )
        .filter(([, n]) => n >= 1)
        .map(([name, n]) => `${name} ${n}`)
        .join(", ")}`,
    ].join("\n"),
  );

  const baselineMeter = new ProcMeter();
  baselineMeter.track("pushService", scenario.push.pid);
  const baseline = await runBaseline(scenario, baselineSample, concurrency, baselineMeter);
  console.log(
    `baseline (web-push sendNotification loop, concurrency ${concurrency}, ${baselineSample} subscribers): ${baseline.sent} sent in ${round(baseline.seconds, 1)} s → ${Math.round(baseline.deliveriesPerSecond)} deliveries/s; lost ${baseline.lost}, duplicates ${baseline.duplicates}, failed ${baseline.failed}; CPU ${cpuLine(baseline.cpu.processes)}`,
  );
  const ratio = round(deliveriesPerSecond / baseline.deliveriesPerSecond, 2);
  console.log(
    `ratio (pipeline ÷ baseline): ${ratio} (target ≥ ${cluster ? "1.2 on the Cluster" : "1.5"}); p99 lateness ${late.p99Ms} ms (target ≤ 30,000 ms at 100,000)`,
  );
  if (timedOut) throw new Error("the run timed out before every reminder was delivered");
  console.log(
    JSON.stringify({
      bench: "fanout",
      redis: cluster ? "cluster" : "single",
      eventShards: scenario.store.shards,
      subscribers,
      workers: workerCount,
      concurrency,
      trust,
      workerEntry,
      deliveriesPerSecond: Math.round(deliveriesPerSecond),
      latenessP50Ms: late.p50Ms,
      latenessP99Ms: late.p99Ms,
      latenessMaxMs: late.maxMs,
      earlinessMs: Math.max(0, -late.earliestMs),
      earlinessBoundMs: earliestAllowedMs,
      fanOutStartBeforeDueMs: dueAt - startAt,
      seededRate: seedRate || undefined,
      ratesByTenth,
      fanOutSeconds,
      workerPeakRssMb,
      lost: tally.lost,
      duplicates: tally.duplicates,
      badPayloads: tally.badPayload,
      failedJobs,
      workerReadyBeforeDueMs: readyBeforeDueMs,
      cpuPercent: cpuPercents(cpu.processes),
      machineBusyPercent: cpu.machineBusyPercent,
      loadAverage: cpu.loadAverage.map((l) => round(l, 2)),
      redisCallsPerDelivery: commands.callsPerDelivery,
      redisUsecPerDelivery: commands.usecPerDelivery,
      pushServicePeakRssMb: cpu.processes.pushService?.peakRssMb,
      baseline: {
        sample: baselineSample,
        deliveriesPerSecond: Math.round(baseline.deliveriesPerSecond),
        lost: baseline.lost,
        failed: baseline.failed,
        cpuPercent: cpuPercents(baseline.cpu.processes),
      },
      machine: host,
      ratio,
    }),
  );
});
