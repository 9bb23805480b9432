import { createEvents, type EventAttributes } from "ics";
import type { EntitlementEvent, FactStatus, Locale, Milestone } from "../events/schema";

export interface CalendarOptions {
  locale: Locale;
  /** Only these milestones; all of them when absent. */
  milestoneIds?: readonly string[];
  /** The status words in the user's language (from the UI's messages). */
  statusLabel: (status: FactStatus) => string;
  /** Absolute link back to the app's timeline, when known. */
  url?: string;
}

const hktDay = (m: Milestone): [number, number, number] => {
  const [y, mo, d] = m.at.slice(0, 10).split("-").map(Number) as [number, number, number];
  return [y, mo, d];
};

function toCalendarEvent(event: EntitlementEvent, m: Milestone, o: CalendarOptions): EventAttributes {
  const common = {
    uid: `${event.id}.${m.id}@entitle`,
    title: `${m.title[o.locale]} — ${event.issuer.name[o.locale]}`,
    description: `${m.meaning[o.locale]}\n\n${o.statusLabel(m.status)}: ${m.source}`,
    calName: `${event.issuer.name[o.locale]} · ${event.title[o.locale]}`,
    productId: "entitle/calendar",
    status: m.approximate ? ("TENTATIVE" as const) : ("CONFIRMED" as const),
    busyStatus: "FREE" as const,
    ...(o.url ? { url: o.url } : {}),
  };
  // A reminder the day before every date, and two hours before a deadline with a time of day.
  const dayBefore = { action: "display" as const, description: m.title[o.locale], trigger: { hours: 24, before: true } };
  if (m.dayOnly) return { ...common, start: hktDay(m), duration: { days: 1 }, alarms: [dayBefore] };
  return {
    ...common,
    start: Date.parse(m.at),
    startInputType: "utc",
    startOutputType: "utc",
    duration: { minutes: 30 },
    alarms: [dayBefore, { action: "display", description: m.title[o.locale], trigger: { hours: 2, before: true } }],
  };
}

/** An iCalendar file of the event's milestones, or the reason it could not be made. */
export function buildCalendar(event: EntitlementEvent, o: CalendarOptions): { ok: true; ics: string } | { ok: false; reason: string } {
  const chosen = o.milestoneIds ? event.milestones.filter((m) => o.milestoneIds?.includes(m.id)) : event.milestones;
  if (chosen.length === 0) return { ok: false, reason: "no such milestone" };
  const { error, value } = createEvents(chosen.map((m) => toCalendarEvent(event, m, o)));
  if (error || !value) return { ok: false, reason: error?.message ?? "calendar could not be built" };
  return { ok: true, ics: value };
}
