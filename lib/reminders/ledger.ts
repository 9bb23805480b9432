import "server-only";
import type { Redis } from "ioredis";
import type { Lead } from "../schedule/leads";
import { keys } from "./keys";

/**
 * How long an entry is kept, in real time: longer than the longest lead plus every retry, so no retry can
 * outlive it; after that Redis forgets it.
 */
const KEEP_MS = 45 * 24 * 60 * 60 * 1000;

export interface ReminderRef {
  event: string;
  milestone: string;
  lead: Lead;
}

/** Which subscriptions were already sent which reminder: the guard against sending one twice. */
export interface SentLedger {
  has(subscription: string, ref: ReminderRef): Promise<boolean>;
  record(subscription: string, ref: ReminderRef): Promise<void>;
}

export function sentLedger(redis: Redis): SentLedger {
  return {
    async has(subscription, ref) {
      return (await redis.sismember(keys.sent(ref.event, ref.milestone, ref.lead), subscription)) === 1;
    },
    async record(subscription, ref) {
      const key = keys.sent(ref.event, ref.milestone, ref.lead);
      await redis.multi().sadd(key, subscription).pexpire(key, KEEP_MS).exec();
    },
  };
}
