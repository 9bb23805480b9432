import "server-only";
import { randomBytes } from "node:crypto";
import type { Redis } from "ioredis";
import type { Lead } from "../../schedule/leads";
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

export type Claim = { ok: true; token: string } | { ok: false; retryInMs: number };

/**
 * Which subscriptions were sent which reminder, and which sends are in flight: the guard against sending one
 * twice. A send is claimed first (SET NX with an expiry longer than any send can take), so the same delivery
 * running twice at once (a job taken over from a worker thought dead) sends once; if the sender dies between
 * the push service's answer and `record`, the claim expires and a retry sends again.
 */
export interface SentLedger {
  has(subscription: string, ref: ReminderRef): Promise<boolean>;
  /** Claims the send for `ttlMs`, or says when to look again (within a second). */
  claim(subscription: string, ref: ReminderRef, ttlMs: number): Promise<Claim>;
  /** Gives a claim back without recording (the send failed). */
  release(subscription: string, ref: ReminderRef, token: string): Promise<void>;
  /** Records the send and drops the claim. */
  record(subscription: string, ref: ReminderRef): Promise<void>;
}

/** Deletes the claim only if it is still ours (it may have expired and been taken by another sender). */
const RELEASE_LUA = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`;

export function sentLedger(redis: Redis): SentLedger {
  const claimKey = (subscription: string, ref: ReminderRef) => keys.inFlight(subscription, ref.event, ref.milestone, ref.lead);
  return {
    async has(subscription, ref) {
      return (await redis.sismember(keys.sent(ref.event, ref.milestone, ref.lead), subscription)) === 1;
    },
    async claim(subscription, ref, ttlMs) {
      const token = randomBytes(8).toString("hex");
      const key = claimKey(subscription, ref);
      if ((await redis.set(key, token, "PX", ttlMs, "NX")) === "OK") return { ok: true, token };
      // Look again within a second: the other send usually finishes (and records) long before its claim expires.
      const left = await redis.pttl(key);
      return { ok: false, retryInMs: Math.min(Math.max(left, 100), 1000) };
    },
    async release(subscription, ref, token) {
      await redis.eval(RELEASE_LUA, 1, claimKey(subscription, ref), token);
    },
    async record(subscription, ref) {
      const key = keys.sent(ref.event, ref.milestone, ref.lead);
      await redis.multi().sadd(key, subscription).pexpire(key, KEEP_MS).del(claimKey(subscription, ref)).exec();
    },
  };
}
