/** Reads the pipeline's two queues: how far the fan-out has got and how much delivering is left. */
import { Queue } from "bullmq";
import { keys } from "../../lib/reminders/pipeline/keys";
import {
  DELIVER_QUEUE,
  type DeliverData,
  FANOUT_QUEUE,
  type FanOutData,
  fanOutJobId,
  queuePrefix,
} from "../../lib/reminders/pipeline/queues";
import type { RedisClient } from "../../lib/reminders/pipeline/redis";
import { REMINDER } from "./reminder";

export interface QueueWatch {
  /** The fan-out job's state ("delayed", "active", "completed", …) and its saved SSCAN cursor. */
  fanOut(): Promise<{ state: string; cursor: string | undefined }>;
  /**
   * Deliver jobs (pages of subscribers) that exist in any state: how many pages the fan-out has enqueued (until
   * the first are removed). Each holds up to about the fan-out's page size of subscribers.
   */
  enqueued(): Promise<number>;
  /** Deliver jobs not finished yet (waiting, active, delayed, prioritized). */
  pending(): Promise<number>;
  failed(): Promise<number>;
  /** Where things stand in Redis, for the summary of a run that lost messages: jobs by state, ledger size. */
  diagnose(): Promise<Record<string, unknown>>;
  /** Subscription ids still pending in the deliver pages active right now (a superset of the sends in flight). */
  activeSubscriptions(): Promise<string[]>;
  close(): Promise<void>;
}

/** `store`: on a Cluster each queue has its own hash-tag prefix, and the ledger is one set per subscriber set. */
export function watchQueues(connection: RedisClient, store: { kind: "single" | "cluster"; shards: number }): QueueWatch {
  const cluster = store.kind === "cluster";
  const fanOuts = new Queue<FanOutData>(FANOUT_QUEUE, { connection, prefix: queuePrefix(FANOUT_QUEUE, cluster) });
  const delivers = new Queue<DeliverData>(DELIVER_QUEUE, { connection, prefix: queuePrefix(DELIVER_QUEUE, cluster) });
  const ledgerKeys =
    store.shards === 1
      ? [keys.sent(REMINDER.event, REMINDER.milestone, REMINDER.lead)]
      : Array.from({ length: store.shards }, (_, shard) => keys.sent(REMINDER.event, REMINDER.milestone, REMINDER.lead, shard));
  const id = fanOutJobId(REMINDER);
  // A drill stops Redis (or a node) on purpose: the queues' reconnect errors are expected, not news.
  for (const q of [fanOuts, delivers]) q.on("error", () => undefined);
  return {
    async fanOut() {
      const job = await fanOuts.getJob(id);
      return { state: job ? await job.getState() : "missing", cursor: job?.data.cursor };
    },
    enqueued: () => delivers.getJobCountByTypes("waiting", "active", "delayed", "prioritized", "completed", "failed"),
    pending: () => delivers.getJobCountByTypes("waiting", "active", "delayed", "prioritized"),
    failed: () => delivers.getJobCountByTypes("failed"),
    async diagnose() {
      const job = await fanOuts.getJob(id);
      return {
        fanOut: job && {
          state: await job.getState(),
          cursor: job.data.cursor,
          result: job.returnvalue,
          attempts: job.attemptsMade,
          failed: job.failedReason,
        },
        deliverJobs: await delivers.getJobCounts("waiting", "active", "delayed", "prioritized", "completed", "failed"),
        ledger: (await Promise.all(ledgerKeys.map((key) => connection.scard(key)))).reduce((a, b) => a + b, 0),
      };
    },
    async activeSubscriptions() {
      return (await delivers.getJobs(["active"])).flatMap(
        ({ data }) => data.pending ?? data.subscriptions ?? (data.subscription ? [data.subscription] : []),
      );
    },
    async close() {
      await Promise.all([fanOuts.close(), delivers.close()]);
    },
  };
}
