/**
 * Which event `/{locale}` opens (issue 8 item 5): the one whose next date is soonest among those with a date
 * still ahead; when no event has a date ahead, the one whose last date is the latest. Ties keep catalog order.
 */
import type { EntitlementEvent } from "./schema";

const HKT_OFFSET_MS = 8 * 3600_000;
/** The Hong Kong calendar day of an instant, YYYY-MM-DD. */
const hktDay = (ms: number) => new Date(ms + HKT_OFFSET_MS).toISOString().slice(0, 10);

/** When a milestone stops being ahead: a day-only date lasts its whole Hong Kong day, a timed one is its instant. */
function endOf(m: EntitlementEvent["milestones"][number]): { day: string; ms: number | null } {
  return m.dayOnly ? { day: m.at.slice(0, 10), ms: null } : { day: hktDay(Date.parse(m.at)), ms: Date.parse(m.at) };
}

const isAhead = (m: EntitlementEvent["milestones"][number], nowMs: number) => {
  const end = endOf(m);
  return end.ms === null ? end.day >= hktDay(nowMs) : end.ms > nowMs;
};

export function mostRelevantEvent(events: readonly EntitlementEvent[], nowMs: number): EntitlementEvent | undefined {
  let next: { event: EntitlementEvent; at: number } | undefined;
  let latest: { event: EntitlementEvent; at: number } | undefined;
  for (const event of events) {
    for (const m of event.milestones) {
      const at = Date.parse(m.at);
      if (isAhead(m, nowMs) && (!next || at < next.at)) next = { event, at };
      if (!latest || at > latest.at) latest = { event, at };
    }
  }
  return next?.event ?? latest?.event ?? events[0];
}
