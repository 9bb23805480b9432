import { LEAD_MS, type Lead } from "../../schedule/leads";

/**
 * On time (docs/reminders.md, "On time"): a reminder's promise is "before the date", so a large fan-out starts
 * early enough that its last message goes out by the due time, from the delivery rate the fleet measured on
 * earlier fan-outs (kept in Redis), but never earlier than EARLIEST_SHARE of its lead before the due time
 * (6 minutes for the 2-hour reminder).
 */
export const EARLIEST_SHARE = 0.05;
/** Assumed until a fan-out of at least MIN_SAMPLE subscribers has been measured: a conservative figure (BENCHMARKS.md). */
export const DEFAULT_RATE_PER_S = 200;
/** Head room over the measured rate (a busy machine, a slower push service). */
export const SAFETY = 1.25;
/** A fan-out that needs less than this starts at its due time (small ones: no message goes out early at all). */
export const MIN_EARLY_MS = 1000;
/** Pages of a fan-out counted before its rate is taken as the fleet's (small ones are latency-bound). */
export const MIN_SAMPLE = 1000;

/** The earliest a reminder's fan-out may start before its due time. */
export function maxEarlyMs(lead: Lead): number {
  return Math.floor(LEAD_MS[lead] * EARLIEST_SHARE);
}

/** How long before its due time a fan-out to `subscribers` starts, at `ratePerS` deliveries/s (the fleet's). */
export function earlyStartMs(subscribers: number, ratePerS: number | undefined, lead: Lead): number {
  const rate = ratePerS !== undefined && Number.isFinite(ratePerS) && ratePerS > 0 ? ratePerS : DEFAULT_RATE_PER_S;
  const needed = Math.ceil((subscribers / rate) * 1000 * SAFETY);
  return needed < MIN_EARLY_MS ? 0 : Math.min(needed, maxEarlyMs(lead));
}
