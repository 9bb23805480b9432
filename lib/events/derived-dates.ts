/**
 * The dates an event leaves out, worked out from the ones it gives (lib/schedule/timetable.ts, docs/timetable.md)
 * and added as milestones with their role, status `derived` (or `unconfirmed` where the rule itself is) and a
 * source a holder can read. A date the event gives is never replaced.
 *
 * This module brings the holiday calendars (`date-holidays`, `chinese-days`) with it: the server, the CLI and the
 * pages of typed-in events use it; the calculator of a catalog event does not need it, because catalog data states
 * its derived dates (checked against this derivation by test/unit/events/derived-dates.test.ts).
 */
import { type Derivation, type DerivationCode, type DerivedTimetable, deriveTimetable, type TypedDates } from "../schedule/timetable";
import type { MilestoneRole, ShareClass } from "./model";
import { REMINDABLE, roleWords } from "./role-words";
import type { EntitlementEvent, Milestone } from "./schema";

/** Which typed date each role and class stands for. */
const INPUTS: { role: MilestoneRole; class: ShareClass; date: keyof TypedDates }[] = [
  { role: "closure-start", class: "H", date: "hCloseFrom" },
  { role: "closure-end", class: "H", date: "hCloseTo" },
  { role: "record", class: "H", date: "hRecord" },
  { role: "ex", class: "H", date: "hEx" },
  { role: "last-cum", class: "H", date: "hLastCum" },
  { role: "lodgement", class: "H", date: "hLodge" },
  { role: "payment", class: "H", date: "hPay" },
  { role: "record", class: "A", date: "aRecord" },
  { role: "ex", class: "A", date: "aEx" },
];

/** Which milestone each derived date becomes (DESIGN §3.2 ids). */
export const DERIVED_MILESTONES: Record<keyof DerivedTimetable, { id: string; role: MilestoneRole; class: ShareClass }> = {
  hLodge: { id: "h-lodgement-deadline", role: "lodgement", class: "H" },
  hEx: { id: "h-ex-date", role: "ex", class: "H" },
  hLastCum: { id: "h-last-cum-date", role: "last-cum", class: "H" },
  aEx: { id: "a-ex-date", role: "ex", class: "A" },
  hSouthboundLastBuy: { id: "h-southbound-last-buy", role: "southbound-last-buy", class: "H" },
};

/** What each input is, as a holder reads it. */
const INPUT_WORDS: Record<keyof TypedDates, string> = {
  hCloseFrom: "the H share book closure",
  hCloseTo: "the end of the H share book closure",
  hRecord: "the H share record date",
  hEx: "the H share ex-date",
  hLastCum: "the last day to buy H shares with the entitlement",
  hLodge: "the H share lodgement deadline",
  hPay: "the H share payment date",
  aRecord: "the A share record date",
  aEx: "the A share ex-date",
};

/** How each rule works, as a holder reads it, after "Worked out from …". */
const RULE_WORDS: Record<DerivationCode, string> = {
  "hk-bday-before-closure":
    "by Hong Kong business days: 4:30 p.m. on the business day before the register closes, the usual deadline for lodging transfers",
  "hk-record-date":
    "4:30 p.m. on the record date, the usual deadline for lodging transfers; not confirmed for an event without a book closure",
  "hk-bday-before-last-registration": "by Hong Kong business days: the business day before the last day transfers are registered",
  "hk-bday-before-ex":
    "by Hong Kong business days: the business day before the ex-date (a Hong Kong trade settles two business days later)",
  "cn-trading-day-after-record": "by Mainland trading days: the trading day after the record date",
  "sb-trading-day-on-or-before-last-cum":
    "by the Stock Connect calendar: the last day on or before it when both the Hong Kong and the Mainland markets are open for Southbound trading",
};

/** The holder-readable source of a derived date. */
export function derivationSource(d: Extract<Derivation, { ok: true }>): string {
  const from = d.from.map((k) => INPUT_WORDS[k]).join(" and ");
  const rule = `Worked out from ${from} ${RULE_WORDS[d.how]}`;
  if (d.forecastYear === undefined) return rule;
  return `${rule}. Hong Kong's ${d.forecastYear} general holidays are computed from their rules (the General Holidays Ordinance), not yet checked against the Gazette: check this date against the announcement`;
}

/** The dates the event gives, keyed as the timetable reads them (Hong Kong / Beijing calendar days). */
export function typedDates(event: Pick<EntitlementEvent, "milestones">): TypedDates {
  const out: TypedDates = {};
  for (const { role, class: cls, date } of INPUTS) {
    const m = event.milestones.find((x) => x.role === role && x.class === cls);
    if (!m) continue;
    // Every `at` carries +08:00 (schema), so its first ten characters are the Hong Kong day.
    out[date] = date === "hLodge" ? m.at : m.at.slice(0, 10);
  }
  return out;
}

/** The milestones the event's own dates imply and it lacks (only for classes it has). */
export function derivedMilestones(event: Pick<EntitlementEvent, "milestones" | "classes">): Milestone[] {
  const derived = deriveTimetable(typedDates(event));
  const out: Milestone[] = [];
  for (const key of Object.keys(DERIVED_MILESTONES) as (keyof DerivedTimetable)[]) {
    const d = derived[key];
    const { id, role, class: cls } = DERIVED_MILESTONES[key];
    if (!d?.ok || !event.classes[cls]) continue;
    if (event.milestones.some((m) => (m.role === role && m.class === cls) || m.id === id)) continue;
    // A typed last cum date on or after the derived ex-date contradicts it: show the holder's date alone.
    const lastCum = event.milestones.find((m) => m.role === "last-cum" && m.class === cls);
    if (key === "hEx" && lastCum && lastCum.at.slice(0, 10) >= d.value) continue;
    const timed = key === "hLodge";
    out.push({
      id,
      role,
      class: cls,
      at: timed ? d.value : `${d.value}T09:00:00+08:00`,
      dayOnly: !timed,
      approximate: false,
      status: d.status,
      source: derivationSource(d),
      ...roleWords(role, cls),
      remindable: REMINDABLE[role],
    });
  }
  return out;
}

/** The event with the dates its own dates imply, in time order. */
export function withDerivedDates<E extends EntitlementEvent>(event: E): E {
  const extra = derivedMilestones(event);
  if (extra.length === 0) return event;
  const milestones = [...event.milestones, ...extra].sort((a, b) => a.at.localeCompare(b.at) || a.id.localeCompare(b.id));
  return { ...event, milestones };
}
