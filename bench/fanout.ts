/**
 * npm run bench:fanout [-- --subscribers N] [--concurrency C] [--workers W] [--lead-ms L] [--baseline-sample S]
 *                         [--trust system|ca-file] [--worker-entry FILE] [--cpu-prof DIR]
 *
 * N subscribers (default 20,000) of one reminder, sent through the real pipeline: W worker processes (default
 * 1; scheduler → fan-out → deliver, aes128gcm, one VAPID token per push service, keep-alive agent) against a
 * private redis-server and the local HTTPS push service in its own process, which decrypts every message.
 * The app clock starts L ms (default 10 s) before the reminder is due. Measures deliveries/s, lateness from
 * the due time to receipt, the worker's peak RSS, lost and duplicate messages, each process's CPU, Redis
 * commands per delivery, and the ratio of the pipeline's throughput to a baseline measured in the same run:
 * a plain web-push sendNotification loop at the same concurrency over the first S subscribers (default
 * min(N, 20,000)). Prints a summary and, last, one JSON line.
 */
import { choiceArg, intArg, stringArg } from "./reminders/args";
import { runBaseline } from "./reminders/baseline";
import { onCleanup, runBench } from "./reminders/cleanup";
import { cpuLine, cpuPercents, loadLine } from "./reminders/format";
import { describeMachine, machine } from "./reminders/machine";
import { memoryKb, ProcMeter } from "./reminders/proc-meter";
import { watchQueues } from "./reminders/queue-watch";
import { commandFigures, resetCommandStats } from "./reminders/redis-commands";
import { anchorClock, benchRedisClient, startScenario, TRUSTS } from "./reminders/scenario";
import { settle } from "./reminders/settle";
import { round } from "./reminders/stats";
import { sleep } from "./reminders/wait";
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

runBench(async () => {
  const host = machine();
  console.log(
    `bench:fanout — ${subscribers} subscribers, ${workerCount} worker(s) × deliver concurrency ${concurrency}, trust ${trust}\n${describeMachine(host)}`,
  );
  const scenario = await startScenario(subscribers, { WORKER_CONCURRENCY: String(concurrency) }, trust);
  console.log(`setup: ${subscribers} subscriptions made and stored in ${round(scenario.setupSeconds, 1)} s`);

  const { clockStart, dueAt } = await anchorClock(scenario.redis.url, leadMs);
  const nodeArgs = cpuProfDir ? ["--cpu-prof", `--cpu-prof-dir=${cpuProfDir}`] : [];
  const meter = new ProcMeter();
  const workers = Array.from({ length: workerCount }, () => {
    const worker = spawnBenchWorker({ ...scenario.env, APP_CLOCK_START: clockStart }, nodeArgs, workerEntry);
    onCleanup("worker", () => worker.kill("SIGKILL"));
    meter.track("worker", worker.pid);
    return worker;
  });
  meter.track("pushService", scenario.push.pid);
  meter.track("redis", await scenario.redisPid());
  meter.track("bench", process.pid);
  for (const w of workers) await w.waitForStart(leadMs + 60_000);
  const readyBeforeDueMs = dueAt - Math.max(...workers.map((w) => w.startedAt ?? dueAt));
  if (readyBeforeDueMs < 0)
    console.log(`warning: a worker started ${-readyBeforeDueMs} ms after the reminder was due; use a longer --lead-ms`);
  const connection = benchRedisClient(scenario.redis.url);
  onCleanup("redis client", () => void connection.disconnect());
  await sleep(dueAt - Date.now() - 100);
  await resetCommandStats(connection);
  await sleep(dueAt - Date.now());
  meter.start();

  const watch = watchQueues(connection);
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
  const ratesByTenth = tally.ratesByTenth(dueAt);
  const deliveriesPerSecond = tally.unique / Math.max(late.maxMs / 1000, 0.001);
  const fanOutDoneAt = workers.map((w) => w.fanOutDoneAt).find((t) => t !== undefined);
  const fanOutSeconds = fanOutDoneAt === undefined ? undefined : round((fanOutDoneAt - dueAt) / 1000, 1);
  console.log(
    [
      `pipeline: ${tally.unique}/${subscribers} delivered in ${round(late.maxMs / 1000, 1)} s after the due time → ${Math.round(deliveriesPerSecond)} deliveries/s` +
        (fanOutSeconds === undefined ? "" : ` (fan-out done ${fanOutSeconds} s after due)`),
      `lateness (due → receipt): first ${late.earliestMs} ms, p50 ${late.p50Ms} ms, p99 ${late.p99Ms} ms, max ${late.maxMs} ms`,
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
  console.log(`ratio (pipeline ÷ baseline): ${ratio} (target ≥ 1.5); p99 lateness ${late.p99Ms} ms (target ≤ 30,000 ms at 100,000)`);
  if (timedOut) throw new Error("the run timed out before every reminder was delivered");
  console.log(
    JSON.stringify({
      bench: "fanout",
      subscribers,
      workers: workerCount,
      concurrency,
      trust,
      workerEntry,
      deliveriesPerSecond: Math.round(deliveriesPerSecond),
      latenessP50Ms: late.p50Ms,
      latenessP99Ms: late.p99Ms,
      latenessMaxMs: late.maxMs,
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
