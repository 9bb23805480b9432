import "server-only";
import { createHash } from "node:crypto";
import { type ConnectionOptions, Queue } from "bullmq";
import { Cluster } from "ioredis";
import type { Clock } from "../../clock";
import type { Lead } from "../../schedule/leads";
import type { PlannedReminder } from "../../schedule/reminders";
import { maxEarlyMs } from "./early";
import { waitForReplica } from "./redis";

/**
 * Two queues, so that a push service's 429 (which rate-limits the whole deliver queue) never holds up the
 * scheduler and the fan-outs. Job data are ids only: never endpoints or keys.
 */
export const FANOUT_QUEUE = "entitle-fanout";
export const DELIVER_QUEUE = "entitle-deliver";

export const RECONCILE_SCHEDULER_ID = "reconcile";
export const JOB = { reconcile: "reconcile", fanOut: "fan-out", deliver: "deliver" } as const;

export interface ReminderRefData {
  event: string;
  milestone: string;
  lead: Lead;
}

export interface FanOutData extends ReminderRefData {
  /** SSCAN cursor of the last page enqueued (in `shard`); absent before the first page, "0" when done. */
  cursor?: string;
  /** Which of the event's subscriber sets the cursor belongs to (a Cluster spreads them over several); 0 if absent. */
  shard?: number;
  /** Set when the last set has been scanned to its end. */
  done?: boolean;
  /** The Redis run_id the cursor belongs to: a restarted Redis reseeds its hash, so an old cursor means nothing. */
  runId?: string;
}

/** What a page of deliveries came to so far (carried from one attempt to the next in the job's data). */
export interface PageTally {
  sent: number;
  /** By reason ("already sent", "subscription gone", …). */
  skipped: Record<string, number>;
  /** Ids of subscriptions removed because the push service answered 404 or 410. */
  removed: string[];
  /** Ids refused for good (another 4xx, a refused endpoint, unusable keys), with the reason. */
  rejected: Record<string, string>;
}

/**
 * One reminder to a page of subscribers (`subscriptions`), or to one (`subscription`: release 1's jobs, and
 * what a test adds by hand). `pending` holds the ids still to handle after an attempt that did not finish
 * them all (a retry sends only to those), `tally` what the earlier attempts came to.
 */
export interface DeliverData extends ReminderRefData {
  /** The subscriber set the page came from, when there are several (its ledger keys are tagged by it). */
  shard?: number;
  subscription?: string;
  subscriptions?: string[];
  pending?: string[];
  tally?: PageTally;
}

// Deterministic ids make every enqueue idempotent. BullMQ 6 rejects ids with ":" or all digits;
// event and milestone ids are [a-z0-9-], subscription ids base64url, and every id starts with a word.
export function fanOutJobId(ref: ReminderRefData): string {
  return `fanout-${ref.event}-${ref.milestone}-${ref.lead}`;
}

export function deliverJobId(subscription: string, ref: ReminderRefData): string {
  return `deliver-${subscription}-${ref.event}-${ref.milestone}-${ref.lead}`;
}

/** A page's id names its reminder and a hash of its subscribers: a page enqueued twice (a resumed fan-out) is one job. */
export function deliverPageJobId(subscriptions: readonly string[], ref: ReminderRefData): string {
  const hash = createHash("sha256")
    .update([...subscriptions].sort().join(","))
    .digest("base64url")
    .slice(0, 22);
  return `deliver-page-${ref.event}-${ref.milestone}-${ref.lead}-${hash}`;
}

const DAY_S = 24 * 60 * 60;

export interface ReminderQueues {
  fanOut: Queue<FanOutData | Record<string, never>>;
  deliver: Queue<DeliverData>;
  /**
   * After pages were added: on a Cluster, waits (at most a second) until the deliver queue's master has passed
   * them to a replica, so that a failover right after cannot lose them once the fan-out has moved past them.
   * Returns how many replicas confirmed; undefined where there is none to wait for (one Redis).
   */
  deliverReplicated(): Promise<number | undefined>;
  close(): Promise<void>;
}

/** How long a fan-out waits for a replica to confirm its pages before it goes on anyway. */
const REPLICA_WAIT_MS = 1000;

export interface DeliverRetry {
  attempts: number;
  retryBaseMs: number;
}

/**
 * BullMQ's key prefix for a queue. On a Redis Cluster each queue gets its own hash tag, so all of a queue's keys
 * share a slot (its scripts touch several) and the two queues may sit on different nodes; on one Redis the
 * default, as release 1 wrote them.
 */
export function queuePrefix(queue: string, cluster: boolean): string {
  return cluster ? `{${queue}}` : "bull";
}

export function reminderQueues(connection: ConnectionOptions, retry: DeliverRetry, cluster = false): ReminderQueues {
  const fanOut = new Queue<FanOutData | Record<string, never>>(FANOUT_QUEUE, {
    connection,
    prefix: queuePrefix(FANOUT_QUEUE, cluster),
    defaultJobOptions: {
      attempts: 10,
      backoff: { type: "exponential", delay: 5_000 },
      // Completed fan-outs are kept so the reconciler sees them as done and does not add them again.
      removeOnComplete: { age: 30 * DAY_S },
      removeOnFail: { age: 30 * DAY_S },
    },
  });
  const deliver = new Queue<DeliverData>(DELIVER_QUEUE, {
    connection,
    prefix: queuePrefix(DELIVER_QUEUE, cluster),
    defaultJobOptions: {
      attempts: retry.attempts,
      backoff: { type: "exponential", delay: retry.retryBaseMs },
      // A page job stands for up to a fan-out page of subscribers: 20,000 pages is millions of deliveries.
      removeOnComplete: { age: 7 * DAY_S, count: 20_000 },
      removeOnFail: { age: 30 * DAY_S },
    },
  });
  return {
    fanOut,
    deliver,
    async deliverReplicated() {
      return connection instanceof Cluster ? waitForReplica(connection, deliver.toKey("meta"), REPLICA_WAIT_MS) : undefined;
    },
    async close() {
      await Promise.all([fanOut.close(), deliver.close()]);
    },
  };
}

export type EnsureResult = "added" | "exists" | "advanced" | "retried";

/**
 * Makes sure one delayed fan-out job exists for this reminder, due at the earliest it may start on the app clock
 * (EARLIEST_SHARE of its lead before its time: the fan-out then waits until its measured rate says to start, see
 * early.ts). Idempotent and safe to run from many processes at once. Callers pass only reminders whose milestone
 * is still ahead.
 */
export async function ensureFanOut(queue: ReminderQueues["fanOut"], reminder: PlannedReminder, clock: Clock): Promise<EnsureResult> {
  const ref: ReminderRefData = { event: reminder.event, milestone: reminder.milestone, lead: reminder.lead };
  const jobId = fanOutJobId(ref);
  const delay = Math.max(0, reminder.atMs - maxEarlyMs(reminder.lead) - clock.now());
  const dueIn = reminder.atMs - clock.now();
  const job = await queue.getJob(jobId);
  if (!job) {
    await queue.add(JOB.fanOut, ref, { jobId, delay });
    return "added";
  }
  const state = await job.getState();
  try {
    if (state === "failed") {
      // A fan-out that gave up (e.g. Redis away through every attempt) gets another go while the milestone is ahead.
      await job.retry("failed", { resetAttemptsMade: true });
      return "retried";
    }
    if (state === "delayed" && job.timestamp + (job.delay ?? 0) > Date.now() + Math.max(0, dueIn) + 1000) {
      // Due after the reminder's time (the app clock moved forward): bring it forward. One due too early
      // re-delays itself when it runs (see the fan-out processor), which may set it anywhere up to the due time.
      await job.changeDelay(delay);
      return "advanced";
    }
  } catch {
    // Another process changed the job between our read and our write: it is being handled.
  }
  return "exists";
}
