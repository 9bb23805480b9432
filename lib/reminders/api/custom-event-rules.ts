import "server-only";
import type { ReminderEvent } from "../pipeline/events";
import { apiError, fail, ok, type Result } from "./api-error";

/**
 * What the server asks of a typed-in event before it keeps reminders for it (issue 8, item 6), whatever the
 * terms codec accepts: a plain-text name of at most 80 characters, at most 12 dates, every date within two
 * years of today, and at least one date to be reminded of still ahead.
 */
export const MAX_NAME_CHARACTERS = 80;
export const MAX_MILESTONES = 12;
const YEARS = 2;

/** Control, format (bidirectional overrides, zero-width), unassigned and private-use characters, and markup. */
const NOT_PLAIN = /[\p{C}<>]/u;

function yearsFrom(ms: number, years: number): number {
  const d = new Date(ms);
  d.setUTCFullYear(d.getUTCFullYear() + years);
  return d.getTime();
}

export function checkCustomEvent(event: ReminderEvent, nowMs: number): Result<ReminderEvent> {
  const name = event.name?.en;
  if (name !== undefined) {
    if ([...name].length > MAX_NAME_CHARACTERS) {
      return fail(apiError(400, "term_invalid", `name: at most ${MAX_NAME_CHARACTERS} characters`));
    }
    if (NOT_PLAIN.test(name)) return fail(apiError(400, "term_invalid", "name: plain text only (no control characters or < >)"));
  }
  if (event.milestones.length > MAX_MILESTONES) {
    return fail(apiError(400, "too_many_milestones", `an event may have at most ${MAX_MILESTONES} dates`));
  }
  const earliest = yearsFrom(nowMs, -YEARS);
  const latest = yearsFrom(nowMs, YEARS);
  for (const m of event.milestones) {
    const at = Date.parse(m.at);
    if (at > latest) return fail(apiError(400, "event_dates_out_of_range", `${m.at.slice(0, 10)} is more than ${YEARS} years ahead`));
    if (at < earliest) return fail(apiError(400, "event_dates_out_of_range", `${m.at.slice(0, 10)} is more than ${YEARS} years ago`));
  }
  if (!event.milestones.some((m) => m.remindable && Date.parse(m.at) > nowMs)) {
    return fail(apiError(400, "event_dates_out_of_range", "no date of this event to be reminded of is still ahead"));
  }
  return ok(event);
}
