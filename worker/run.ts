/**
 * Wires the reminder pipeline to BullMQ workers. Used by worker/index.ts and by the integration tests, so
 * both run the same code.
 */
import { Worker } from "bullmq";
import { appClock, type Clock } from "../lib/clock";
import { type Config, LOOPBACK_WARNING, requireRedis } from "../lib/config";
import { listEvents } from "../lib/events/catalog";
import type { EntitlementEvent } from "../lib/events/schema";
import { customEventStore, eventSource } from "../lib/reminders/pipeline/events";
import { sentLedger } from "../lib/reminders/pipeline/ledger";
import { errorMessage, type Log } from "../lib/reminders/pipeline/log";
import { pace } from "../lib/reminders/pipeline/pace";
import { deliverQueueProcessor, fanOutQueueProcessor, type PipelineDeps, reconcile } from "../lib/reminders/pipeline/processors";
import {
  DELIVER_QUEUE,
  type DeliverData,
  FANOUT_QUEUE,
  JOB,
  type PageTally,
  queuePrefix,
  RECONCILE_SCHEDULER_ID,
  reminderQueues,
} from "../lib/reminders/pipeline/queues";
import { primaries, type RedisClient, workerConnection } from "../lib/reminders/pipeline/redis";
import { checkShardLayout, migrateStore, subscriptionStore } from "../lib/reminders/pipeline/store";
import { guardedAgent } from "../lib/reminders/push/endpoint-guard";
import { pushSender } from "../lib/reminders/push/sender";
import { resolveVapidKeys } from "../lib/reminders/push/vapid";

/** Deliver pages in hand at once: one page's Redis work overlaps the other's sends. */
const PAGES_AT_ONCE = 2;

export interface RunningWorker {
  clock: Clock;
  /** Waits for the jobs in hand to finish, then disconnects. */
  close(): Promise<void>;
}

export interface WorkerOptions {
  /** The catalog (tests pass their own); custom events always come from Redis. */
  events?: () => readonly EntitlementEvent[];
}

/** An evicting Redis may drop a job or a ledger entry (a reminder lost or sent twice): say so at start. */
async function warnUnlessNoEviction(redis: RedisClient, log: Log): Promise<void> {
  // On a Cluster, every master holds jobs or ledger entries: each one is checked.
  for (const node of primaries(redis)) {
    try {
      const [, policy] = (await node.config("GET", "maxmemory-policy")) as [string, string];
      const [, maxmemory] = (await node.config("GET", "maxmemory")) as [string, string];
      const server = `${node.options.host}:${node.options.port}`;
      if (policy !== "noeviction")
        log("warn", "Redis maxmemory-policy is not noeviction: jobs may be evicted; set it to noeviction", { policy, server });
      if (maxmemory === "0") log("warn", "Redis has no maxmemory: it can grow until the machine runs out of memory; set a cap", { server });
    } catch {
      // CONFIG is disabled on some managed Redis services: nothing to check here.
    }
  }
}

/** Starts the fan-out and deliver workers and the reconcile scheduler. Throws when Redis or the keys are unusable. */
export async function startWorker(config: Config, log: Log, options: WorkerOptions = {}): Promise<RunningWorker> {
  const target = requireRedis(config);
  const cluster = target.kind === "cluster";
  if (config.push.allowLoopback) log("warn", LOOPBACK_WARNING);
  const connection = workerConnection(target);
  connection.on("error", (error) => log("warn", "redis connection error", { error: errorMessage(error) }));
  // A Cluster client knows its masters only once it has read the slot map: a first command waits for that.
  await connection.ping();
  await warnUnlessNoEviction(connection, log);
  const clock = await appClock(config.clockStartMs, connection);
  // Release 1's subscriptions keep working: converted to the many-events layout before the first fan-out.
  const migrated = await migrateStore(connection);
  if (migrated.scanned > 0) log("info", "subscription store migrated", { ...migrated });
  await checkShardLayout(connection, target.shards);
  if (clock.shifted) log("info", "app clock shifted by APP_CLOCK_START", { now: new Date(clock.now()).toISOString() });
  const vapid = resolveVapidKeys(config);
  // WORKER_CONCURRENCY sends at once in all: a few pages at a time, each sending its share; one keep-alive
  // socket per concurrent send (a new TLS handshake per message is what made release 1 slow).
  const pagesAtOnce = Math.min(PAGES_AT_ONCE, config.worker.deliverConcurrency);
  const sendConcurrency = Math.max(1, Math.floor(config.worker.deliverConcurrency / pagesAtOnce));
  const sender = pushSender(config.push, vapid, guardedAgent(config.push, pagesAtOnce * sendConcurrency));
  // Our own reads and writes go through a connection of their own with auto-pipelining: the commands of
  // concurrent sends (ledger records) leave in one round trip. BullMQ keeps its connection (blocking commands).
  const commands = workerConnection(target, { autoPipelining: true });
  commands.on("error", (error) => log("warn", "redis connection error", { error: errorMessage(error) }));
  const customEvents = customEventStore(connection);
  const queues = reminderQueues(connection, { attempts: config.worker.deliverAttempts, retryBaseMs: config.worker.retryBaseMs }, cluster);
  const deps: PipelineDeps = {
    events: eventSource(customEvents, options.events ?? listEvents),
    forgetEvent: (id) => customEvents.remove(id),
    clock,
    store: subscriptionStore(commands, target.shards),
    ledger: sentLedger(commands),
    queues,
    sender,
    log,
    fanOutPageSize: config.worker.fanOutPageSize,
    sendConcurrency,
    sendTimeoutMs: config.push.timeoutMs,
    lockMs: config.worker.lockMs,
    pace: pace(commands),
    rateLimit: (ms) => queues.deliver.rateLimit(ms),
  };

  const common = {
    connection,
    lockDuration: config.worker.lockMs,
    stalledInterval: config.worker.lockMs,
    // A job whose worker died is picked up again; twice more before it counts as failed.
    maxStalledCount: 2,
  };
  const fanOutWorker = new Worker(FANOUT_QUEUE, fanOutQueueProcessor(deps), {
    ...common,
    prefix: queuePrefix(FANOUT_QUEUE, cluster),
    concurrency: 2,
  });
  const deliverWorker = new Worker<DeliverData>(DELIVER_QUEUE, deliverQueueProcessor(deps), {
    ...common,
    prefix: queuePrefix(DELIVER_QUEUE, cluster),
    concurrency: pagesAtOnce,
    // BullMQ honours a manual rate limit (429 Retry-After) only when the worker has a limiter; this one
    // is far above any real sending rate.
    limiter: { max: 10_000, duration: 1000 },
  });

  for (const worker of [fanOutWorker, deliverWorker]) {
    worker.on("error", (error) => log("warn", "worker error", { queue: worker.name, error: errorMessage(error) }));
    worker.on("failed", (job, error) =>
      log("warn", "job failed", { queue: worker.name, job: job?.id, attempts: job?.attemptsMade, error: errorMessage(error) }),
    );
  }
  // One line per page (counts), never one per message; a one-subscription job says what happened to it.
  deliverWorker.on("completed", (job, result) => {
    const { event, milestone, lead } = job.data;
    if (!job.data.subscriptions) return log("info", "deliver", { job: job.id, event, milestone, lead, result });
    try {
      const tally = JSON.parse(String(result)) as PageTally & { subscribers: number };
      log("info", "deliver", {
        job: job.id,
        event,
        milestone,
        lead,
        subscribers: tally.subscribers,
        sent: tally.sent,
        skipped: tally.skipped,
        removed: tally.removed,
        rejected: Object.keys(tally.rejected).length,
        attempts: job.attemptsMade,
      });
    } catch {
      log("info", "deliver", { job: job.id, event, milestone, lead, result });
    }
  });

  await queues.fanOut.upsertJobScheduler(
    RECONCILE_SCHEDULER_ID,
    { every: config.worker.reconcileEveryMs },
    { name: JOB.reconcile, data: {} },
  );
  const counts = await reconcile({ ...deps, forget: deps.forgetEvent });
  log("info", "worker started", {
    reconciled: counts,
    deliverConcurrency: config.worker.deliverConcurrency,
    // Where reminders are kept (never the address or the password: a cluster's node count and its sets per event).
    redis: cluster
      ? { kind: "cluster", seedNodes: target.nodes.length, eventShards: target.shards }
      : { kind: "single", eventShards: target.shards },
  });

  return {
    clock,
    async close() {
      await Promise.all([fanOutWorker.close(), deliverWorker.close()]);
      await queues.close();
      sender.close();
      await commands.quit().catch(() => commands.disconnect());
      await connection.quit().catch(() => connection.disconnect());
    },
  };
}
