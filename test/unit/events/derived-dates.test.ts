import { describe, expect, it } from "vitest";
import { listEvents } from "@/lib/events/catalog";
import { customEvent } from "@/lib/events/custom";
import { DERIVED_MILESTONES, derivedMilestones, typedDates } from "@/lib/events/derived-dates";
import { findMilestone } from "@/lib/events/roles";
import type { EntitlementEvent, Milestone } from "@/lib/events/schema";
import { parseTermsQuery } from "@/lib/events/terms";
import { deriveTimetable } from "@/lib/schedule/timetable";

/**
 * Dates worked out by hand from the published calendars (docs/timetable.md):
 * - Hong Kong 2023: Thu 22 Jun Tuen Ng; Mainland 2023: 22–24 Jun Dragon Boat break, 29 Sep–6 Oct Mid-Autumn and
 *   National Day, Sat 7 / Sun 8 Oct make-up working days without trading.
 * - Hong Kong 2024: Tue 1 Oct National Day; Mainland 2024: 1–7 Oct National Day break.
 * - Hong Kong 2025: Wed 1 Jan.
 */
const event = (query: string): EntitlementEvent => {
  const r = parseTermsQuery(query);
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return customEvent(r.terms);
};
const day = (m: Milestone | undefined) => m?.at.slice(0, 10);
const TYPED = "typed in by the holder";

describe("a typed-in event gets the dates its own dates imply", () => {
  it("in 2027 (Hong Kong holidays forecast): H dates unconfirmed, saying why; no A or Southbound date guessed", () => {
    const e = event("cash=1&hCash=1.1&hCloseFrom=2027-07-02&hCloseTo=2027-07-05&aRecord=2027-07-12");
    // Thu 1 Jul 2027 is HKSAR Establishment Day → lodgement Wed 30 Jun 16:30, ex Tue 29 Jun, last cum Mon 28 Jun.
    const lodge = findMilestone(e, "lodgement", "H");
    expect(lodge).toMatchObject({ at: "2027-06-30T16:30:00+08:00", status: "unconfirmed" });
    expect(lodge?.source).toContain("Hong Kong's 2027 general holidays are computed from their rules");
    expect(lodge?.source).toContain("not yet checked against the Gazette");
    expect(day(findMilestone(e, "ex", "H"))).toBe("2027-06-29");
    expect(findMilestone(e, "last-cum", "H")).toMatchObject({ at: "2027-06-28T09:00:00+08:00", status: "unconfirmed" });
    expect(findMilestone(e, "southbound-last-buy", "H")).toBeUndefined();
    expect(findMilestone(e, "record", "A")).toBeDefined();
    expect(findMilestone(e, "ex", "A")).toBeUndefined();
  });

  it("from the book closure: lodgement, H ex-date, last cum date and the Southbound last day to buy (JL MAG 2023)", () => {
    const e = event("cash=2.6&hCash=2.847798&cap=6&hCloseFrom=2023-06-28&hCloseTo=2023-07-03&hRecord=2023-07-03");
    // Closure Wed 28 Jun → last registration Tue 27 Jun, 16:30 → ex Mon 26 Jun → last cum: Fri 23 Jun (Thu 22 Jun
    // is Tuen Ng) → Southbound: 23 and 22 Jun are Mainland holidays, so Wed 21 Jun.
    const lodge = findMilestone(e, "lodgement", "H");
    expect(lodge).toMatchObject({ id: "h-lodgement-deadline", at: "2023-06-27T16:30:00+08:00", dayOnly: false, status: "derived" });
    expect(lodge?.source).toBe(
      "Worked out from the H share book closure by Hong Kong business days: 4:30 p.m. on the business day before the register closes, the usual deadline for lodging transfers",
    );
    expect(findMilestone(e, "ex", "H")).toMatchObject({
      id: "h-ex-date",
      at: "2023-06-26T09:00:00+08:00",
      dayOnly: true,
      status: "derived",
    });
    expect(day(findMilestone(e, "last-cum", "H"))).toBe("2023-06-23");
    const sb = findMilestone(e, "southbound-last-buy", "H");
    expect(sb).toMatchObject({ id: "h-southbound-last-buy", at: "2023-06-21T09:00:00+08:00", status: "derived", remindable: true });
    expect(sb?.source).toMatch(/^Worked out from the H share book closure by the Stock Connect calendar/);
    expect(sb?.title["zh-Hant"]).toBe("經港股通買入H股可享權益的最後交易日");
    // The typed dates stay as typed, and the milestones are in time order.
    expect(findMilestone(e, "closure-start", "H")).toMatchObject({ status: "unconfirmed", source: TYPED });
    const ats = e.milestones.map((m) => m.at);
    expect(ats).toEqual([...ats].sort());
  });

  it("from the A record date: the next Mainland trading day, across the National Day break", () => {
    const e = event("classes=A&cash=1&aRecord=2023-09-28");
    // Thu 28 Sep → Fri 29 Sep to Fri 6 Oct closed, Sat 7 and Sun 8 Oct are working days without trading → Mon 9 Oct.
    expect(findMilestone(e, "ex", "A")).toMatchObject({ id: "a-ex-date", at: "2023-10-09T09:00:00+08:00", status: "derived" });
    expect(findMilestone(e, "ex", "A")?.source).toBe(
      "Worked out from the A share record date by Mainland trading days: the trading day after the record date",
    );
    // An A-only event has no H dates to derive.
    expect(e.milestones.filter((m) => m.class === "H")).toEqual([]);
  });

  it("from the record date without a book closure: the lodgement time is unconfirmed, the rest follow", () => {
    const e = event("classes=H&cash=1&hCash=1.1&hRecord=2025-01-02");
    // Thu 2 Jan 2025 is a business day → lodgement 16:30 that day (unconfirmed rule) → ex Tue 31 Dec 2024
    // (1 Jan is a holiday) → last cum Mon 30 Dec → Southbound Mon 30 Dec (both markets open).
    expect(findMilestone(e, "lodgement", "H")).toMatchObject({ at: "2025-01-02T16:30:00+08:00", status: "unconfirmed" });
    expect(day(findMilestone(e, "ex", "H"))).toBe("2024-12-31");
    expect(day(findMilestone(e, "last-cum", "H"))).toBe("2024-12-30");
    expect(day(findMilestone(e, "southbound-last-buy", "H"))).toBe("2024-12-30");
  });

  it("the Southbound last day to buy skips the Mainland National Day break", () => {
    const e = event("classes=H&cash=1&hCash=1.1&hLastCum=2024-10-04");
    // Fri 4 Oct 2024: Mainland closed 1–7 Oct, Hong Kong closed 1 Oct → Mon 30 Sep.
    const sb = findMilestone(e, "southbound-last-buy", "H");
    expect(day(sb)).toBe("2024-09-30");
    expect(sb?.source).toMatch(/^Worked out from the last day to buy H shares with the entitlement by the Stock Connect calendar/);
    expect(findMilestone(e, "last-cum", "H")).toMatchObject({ status: "unconfirmed", source: TYPED });
  });

  it("never replaces a typed date, and derives the next ones from it", () => {
    const e = event("classes=H&cash=1&hCash=1.1&hLastCum=2023-06-21&hLodge=2023-06-27&hCloseFrom=2023-06-28");
    expect(findMilestone(e, "last-cum", "H")).toMatchObject({ at: "2023-06-21T09:00:00+08:00", source: TYPED });
    expect(findMilestone(e, "lodgement", "H")).toMatchObject({ at: "2023-06-27T16:30:00+08:00", source: TYPED });
    expect(day(findMilestone(e, "ex", "H"))).toBe("2023-06-26");
    // On or before the typed last cum date, which is itself a Southbound day.
    expect(day(findMilestone(e, "southbound-last-buy", "H"))).toBe("2023-06-21");
    expect(new Set(e.milestones.map((m) => m.id)).size).toBe(e.milestones.length);
  });

  it("derives no ex-date that a typed last cum date contradicts", () => {
    // Closure Wed 28 Jun 2023 gives ex Mon 26 Jun; a typed last cum date of 26 Jun leaves no room for it.
    const e = event("classes=H&cash=1&hCash=1.1&hLastCum=2023-06-26&hCloseFrom=2023-06-28");
    expect(findMilestone(e, "ex", "H")).toBeUndefined();
    expect(findMilestone(e, "lodgement", "H")?.at).toBe("2023-06-27T16:30:00+08:00");
    expect(day(findMilestone(e, "southbound-last-buy", "H"))).toBe("2023-06-26");
  });

  it("derives nothing in a year the holiday calendars do not cover", () => {
    const e = event("classes=H&cash=1&hCash=1.1&hCloseFrom=2030-06-10");
    expect(e.milestones.map((m) => m.id)).toEqual(["h-book-closure-start"]);
  });
});

describe("catalog events state every date their own dates imply", () => {
  const roles = Object.entries(DERIVED_MILESTONES);
  for (const e of listEvents()) {
    it(`${e.id}: nothing left to derive`, () => {
      expect(derivedMilestones(e)).toEqual([]);
    });
    it(`${e.id}: each date stated as derived is what the calendars give from the other dates`, () => {
      for (const [key, { role, class: cls }] of roles) {
        const m = findMilestone(e, role, cls);
        if (!m || m.class !== cls || m.status !== "derived") continue;
        const others = typedDates({ milestones: e.milestones.filter((x) => x !== m) });
        const d = deriveTimetable(others)[key as keyof typeof DERIVED_MILESTONES];
        expect(d?.ok && d.value, `${e.id} ${m.id}`).toBe(m.dayOnly ? m.at.slice(0, 10) : m.at);
      }
    });
  }
  it("JL MAG: the Southbound holder's last day to buy is Wed 21 June 2023, remindable", () => {
    const jl = listEvents().find((x) => x.id === "jlmag-2022-final");
    expect(jl && findMilestone(jl, "southbound-last-buy", "H")).toMatchObject({
      id: "h-southbound-last-buy",
      at: "2023-06-21T09:00:00+08:00",
      status: "derived",
      remindable: true,
    });
  });
});
