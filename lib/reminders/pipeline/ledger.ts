import "server-only";
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import type { Lead } from "../../schedule/leads";
import { keys } from "./keys";
import type { RedisClient } from "./redis";

/**
 * How long an entry is kept, in real time: longer than the longest lead plus every retry, so no retry can
 * outlive it; after that Redis forgets it.
 */
const KEEP_MS = 45 * 24 * 60 * 60 * 1000;

export interface ReminderRef {
  event: string;
  milestone: string;
  lead: Lead;
  /** The subscriber set the page came from, when an event's subscribers are spread over several (a Cluster). */
  shard?: number;
}

/** What claiming a page of sends found, by subscription id. */
export interface PageClaim {
  /** This run's token: records and releases name it, so a claim taken over by another run is never dropped. */
  token: string;
  /** Claimed by this run: send these. */
  claimed: string[];
  /** Recorded as sent already: skip. */
  sent: string[];
  /** Claimed by another run that is sending right now: look again after `retryInMs` (within a second). */
  busy: string[];
  retryInMs: number;
}

/**
 * Which subscriptions were sent which reminder, and which sends are in flight: the guard against sending one
 * twice. Sends are claimed first (SET NX with an expiry longer than any send can take), a page at a time in one
 * script, so the same page running twice at once (a job taken over from a worker thought dead) sends each message
 * once; if the sender dies between the push service's answer and `record`, the claim expires and a retry sends
 * again (the duplicates a crash can cause are the sends in flight at that moment). Scripts: ./lua/*.lua.
 */
export interface SentLedger {
  has(subscription: string, ref: ReminderRef): Promise<boolean>;
  /** "Sent already? else claim for `ttlMs`", for every id at once (one script, one round trip). */
  claimPage(subscriptions: readonly string[], ref: ReminderRef, ttlMs: number): Promise<PageClaim>;
  /** Gives claims back without recording (the sends failed or never started). */
  release(subscriptions: readonly string[], ref: ReminderRef, token: string): Promise<void>;
  /** Records one send and drops its claim. */
  record(subscription: string, ref: ReminderRef, token: string): Promise<void>;
}

const lua = (name: string) => readFileSync(new URL(`./lua/${name}.lua`, import.meta.url), "utf8");

type LedgerRedis = RedisClient & {
  entitleClaimPage(numKeys: number, ...args: string[]): Promise<number[]>;
  entitleRecordSent(sentKey: string, inFlightKey: string, keepMs: string, token: string, id: string): Promise<number>;
  entitleReleaseClaims(numKeys: number, ...args: string[]): Promise<number>;
};

function scripted(redis: RedisClient): LedgerRedis {
  const r = redis as LedgerRedis;
  if (typeof r.entitleClaimPage !== "function") {
    redis.defineCommand("entitleClaimPage", { lua: lua("claim-page") });
    redis.defineCommand("entitleRecordSent", { numberOfKeys: 2, lua: lua("record-sent") });
    redis.defineCommand("entitleReleaseClaims", { lua: lua("release-claims") });
  }
  return r;
}

/** On one Redis or a Redis Cluster: every script's keys are declared and share the reminder's (and shard's) hash tag. */
export function sentLedger(redis: RedisClient): SentLedger {
  const r = scripted(redis);
  const claimKey = (subscription: string, ref: ReminderRef) => keys.inFlight(subscription, ref.event, ref.milestone, ref.lead, ref.shard);
  const sentKey = (ref: ReminderRef) => keys.sent(ref.event, ref.milestone, ref.lead, ref.shard);
  return {
    async has(subscription, ref) {
      return (await redis.sismember(sentKey(ref), subscription)) === 1;
    },
    async claimPage(subscriptions, ref, ttlMs) {
      const token = randomBytes(8).toString("hex");
      const claim: PageClaim = { token, claimed: [], sent: [], busy: [], retryInMs: 1000 };
      if (subscriptions.length === 0) return claim;
      const answers = await r.entitleClaimPage(
        subscriptions.length + 1,
        sentKey(ref),
        ...subscriptions.map((id) => claimKey(id, ref)),
        String(ttlMs),
        token,
        ...subscriptions,
      );
      subscriptions.forEach((id, i) => {
        const answer = Number(answers[i]);
        if (answer === 1) claim.claimed.push(id);
        else if (answer === 0) claim.sent.push(id);
        else {
          claim.busy.push(id);
          // Look again within a second: the other send usually finishes (and records) long before its claim expires.
          claim.retryInMs = Math.min(claim.retryInMs, Math.max(-answer, 100));
        }
      });
      return claim;
    },
    async release(subscriptions, ref, token) {
      if (subscriptions.length === 0) return;
      await r.entitleReleaseClaims(subscriptions.length, ...subscriptions.map((id) => claimKey(id, ref)), token);
    },
    async record(subscription, ref, token) {
      await r.entitleRecordSent(sentKey(ref), claimKey(subscription, ref), String(KEEP_MS), token, subscription);
    },
  };
}
