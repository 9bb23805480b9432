import "server-only";
import { readFileSync } from "node:fs";
import type { Cluster, Redis } from "ioredis";
import { MIN_SAMPLE } from "./early";
import { keys } from "./keys";
import type { ReminderRef } from "./ledger";

/** How long a reminder's progress is kept: longer than any fan-out runs. */
const PROGRESS_KEEP_MS = 24 * 60 * 60 * 1000;

export interface Pace {
  /** The fleet's measured deliveries per second, if any fan-out large enough was measured. */
  rate(): Promise<number | undefined>;
  /** Adds a deliver page's work (subscribers handled, real start and end) to its reminder's measurement. */
  pageDone(ref: ReminderRef, handled: number, startMs: number, endMs: number): Promise<void>;
}

type PaceRedis = (Redis | Cluster) & {
  entitlePageProgress(key: string, handled: string, start: string, end: string, keepMs: string): Promise<[number, string, string]>;
};

export function pace(redis: Redis | Cluster): Pace {
  const r = redis as PaceRedis;
  if (typeof r.entitlePageProgress !== "function")
    redis.defineCommand("entitlePageProgress", {
      numberOfKeys: 1,
      lua: readFileSync(new URL("./lua/page-progress.lua", import.meta.url), "utf8"),
    });
  return {
    async rate() {
      const value = Number(await redis.get(keys.deliverRate()));
      return Number.isFinite(value) && value > 0 ? value : undefined;
    },
    async pageDone(ref, handled, startMs, endMs) {
      if (handled <= 0) return;
      const key = keys.progress(ref.event, ref.milestone, ref.lead);
      const [n, first, last] = await r.entitlePageProgress(key, String(handled), String(startMs), String(endMs), String(PROGRESS_KEEP_MS));
      const seconds = (Number(last) - Number(first)) / 1000;
      if (n >= MIN_SAMPLE && seconds > 0) await redis.set(keys.deliverRate(), String(Math.round((n / seconds) * 10) / 10));
    },
  };
}
