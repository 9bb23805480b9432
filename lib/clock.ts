/**
 * The one clock the web server and the worker read. Normally the real time. With APP_CLOCK_START it starts at
 * that instant and runs forward in real time, so a demo or a test can stand just before a 2023 deadline:
 *
 *   now = APP_CLOCK_START + (real now − anchor)
 *
 * The anchor (the real time the clock started) is stored once in Redis with SET NX, keyed by the start value,
 * so every web and worker process — started in any order, on any host — reads the same time. BullMQ delays are
 * real milliseconds, and since this clock runs at real speed, "fire at app time T" is "delay T − now".
 */
import type { Cluster, Redis } from "ioredis";

export interface Clock {
  /** Epoch milliseconds on the app's clock. */
  now(): number;
  /** Whether this clock was moved by APP_CLOCK_START. */
  readonly shifted: boolean;
}

export const systemClock: Clock = { now: () => Date.now(), shifted: false };

/** A clock that reads `startMs` at real time `anchorMs` and runs forward from there. */
export function shiftedClock(startMs: number, anchorMs: number): Clock {
  const offset = startMs - anchorMs;
  return { now: () => Date.now() + offset, shifted: true };
}

export function clockAnchorKey(startMs: number): string {
  return `entitle:clock:anchor:${startMs}`;
}

/**
 * The shared anchor for APP_CLOCK_START: set to the real time now by the first process that asks, read by all
 * the others. A new APP_CLOCK_START value starts a new anchor; to replay the same start, delete the key.
 */
export async function anchoredClock(redis: Redis | Cluster, startMs: number): Promise<Clock> {
  const key = clockAnchorKey(startMs);
  await redis.set(key, String(Date.now()), "NX");
  const stored = Number(await redis.get(key));
  if (!Number.isSafeInteger(stored) || stored <= 0) throw new Error(`The clock anchor in Redis (${key}) is not a time: delete the key.`);
  return shiftedClock(startMs, stored);
}

/** The system clock, or the shared shifted clock when APP_CLOCK_START is set (which then needs Redis). */
export async function appClock(clockStartMs: number | undefined, redis: Redis | Cluster): Promise<Clock> {
  return clockStartMs === undefined ? systemClock : anchoredClock(redis, clockStartMs);
}
