import "server-only";
import { createHash } from "node:crypto";

/** Four weeks: the most push services keep a message. */
export const MAX_TTL_SECONDS = 28 * 24 * 60 * 60;
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * How long the push service may hold the message for an offline device: until the milestone, no longer
 * (a reminder shown after its deadline is worse than none; web-push's default is four weeks).
 */
export function ttlSeconds(milestoneMs: number, nowMs: number): number {
  return Math.min(Math.max(Math.floor((milestoneMs - nowMs) / 1000), 0), MAX_TTL_SECONDS);
}

/** High inside the last 24 hours, so a phone in battery saving still wakes for it. */
export function urgencyFor(milestoneMs: number, nowMs: number): "high" | "normal" {
  return milestoneMs - nowMs <= DAY_MS ? "high" : "normal";
}

const TOPIC = /^[A-Za-z0-9_-]{1,32}$/;

/**
 * The Topic header (RFC 8030: at most 32 characters of the URL-safe base64 alphabet). A pending message with
 * the same topic is replaced, so a later reminder for a milestone replaces an undelivered earlier one. The topic
 * names the event and the milestone: a device with reminders for two events keeps both. Written as
 * `<event>-<milestone>` when that fits, else a hash of it that does.
 */
export function topicFor(event: string, milestoneId: string): string {
  const plain = `${event}-${milestoneId}`;
  return TOPIC.test(plain) ? plain : createHash("sha256").update(`${event}\n${milestoneId}`).digest("base64url").slice(0, 32);
}
