import { describe, expect, it } from "vitest";
import { findEvent } from "@/lib/events/catalog";
import { withDerivedDates } from "@/lib/events/derived-dates";
import type { EntitlementEvent } from "@/lib/events/schema";
import { parseTermsQuery } from "@/lib/events/terms";
import { typedInEvent } from "@/lib/events/typed-in";
import {
  defaultMilestones,
  findMilestone,
  keepTouched,
  leadsFor,
  offeredLeads,
  previewReminders,
  tickedMilestones,
} from "@/lib/schedule/choices";

function jlmag(): EntitlementEvent {
  const event = findEvent("jlmag-2022-final");
  if (!event) throw new Error("the JL MAG event is missing from the catalog");
  return event;
}

const hkt = (local: string) => Date.parse(`${local}+08:00`);
// The demo clock of the e2e tests: Tue 20 June 2023, 09:00 HKT, before every H and A date of the event.
const NOW = hkt("2023-06-20T09:00:00");

describe("milestones by role and class", () => {
  it("are found in the event's data (the A class has no last cum date of its own)", () => {
    expect(findMilestone(jlmag(), "payment", "A")?.id).toBe("a-payment");
    expect(findMilestone(jlmag(), "last-cum", "H")?.at).toBe("2023-06-23T09:00:00+08:00");
    expect(findMilestone(jlmag(), "last-cum", "A")).toBeUndefined();
    expect(findMilestone(jlmag(), "approval", "H")?.class).toBeNull();
  });
});

describe("defaults per route", () => {
  it("broker: the last day that carries the entitlement and the payment; no lodgement", () => {
    expect(defaultMilestones(jlmag(), "H", "broker", NOW)).toEqual(["h-last-cum-date", "h-payment"]);
    // A shares bought on the record date are entitled (ex-date the next trading day): the record date stands in.
    expect(defaultMilestones(jlmag(), "A", "broker", NOW)).toEqual(["a-record-date", "a-payment"]);
  });
  it("Stock Connect: the last Southbound day to buy and the payment", () => {
    expect(defaultMilestones(jlmag(), "H", "stock-connect", NOW)).toEqual(["h-southbound-last-buy", "h-payment"]);
    // An event without a Southbound date in its data: the last cum date stands for it.
    const without = { ...jlmag(), milestones: jlmag().milestones.filter((m) => m.role !== "southbound-last-buy") };
    expect(defaultMilestones(without, "H", "stock-connect", NOW)).toEqual(["h-last-cum-date", "h-payment"]);
  });
  it("own name: the lodgement deadline and the posting of the cheques", () => {
    expect(defaultMilestones(jlmag(), "H", "own-name", NOW)).toEqual(["h-lodgement-deadline", "h-warrants-posted"]);
    // No lodgement for A shares (all held at CSDC): the payment alone.
    expect(defaultMilestones(jlmag(), "A", "own-name", NOW)).toEqual(["a-payment"]);
  });
  it("never tick a date that has passed", () => {
    expect(defaultMilestones(jlmag(), "H", "broker", hkt("2023-06-24T00:00:00"))).toEqual(["h-payment"]);
    expect(defaultMilestones(jlmag(), "H", "own-name", hkt("2023-06-27T16:30:00"))).toEqual(["h-warrants-posted"]);
    expect(defaultMilestones(jlmag(), "H", "broker", hkt("2024-01-01T00:00:00"))).toEqual([]);
  });
});

describe("leads", () => {
  const byId = (id: string) => {
    const m = jlmag().milestones.find((x) => x.id === id);
    if (!m) throw new Error(id);
    return m;
  };
  it("day-only dates take day leads only; a date with a time takes all three", () => {
    expect(leadsFor(byId("h-record-date"))).toEqual(["P7D", "P1D"]);
    expect(leadsFor(byId("h-lodgement-deadline"))).toEqual(["P7D", "P1D", "PT2H"]);
  });
  it("are offered only when they give a reminder still ahead for a ticked date", () => {
    // Last cum date 23 June 09:00: its 7-day reminder (16 June) is past, but the payment's (14 August) is not.
    expect(offeredLeads(jlmag(), ["h-last-cum-date", "h-payment"], NOW)).toEqual(["P7D", "P1D"]);
    expect(offeredLeads(jlmag(), ["h-last-cum-date"], NOW)).toEqual(["P1D"]);
    expect(offeredLeads(jlmag(), ["h-lodgement-deadline"], NOW)).toEqual(["P7D", "P1D", "PT2H"]);
    // 27 June 14:00: only the 2-hour reminder (14:30) of the 16:30 deadline is still to come.
    expect(offeredLeads(jlmag(), ["h-lodgement-deadline"], hkt("2023-06-27T14:00:00"))).toEqual(["PT2H"]);
    expect(offeredLeads(jlmag(), [], NOW)).toEqual([]);
  });
});

describe("the preview", () => {
  const summary = (ids: string[], leads: ("P7D" | "P1D" | "PT2H")[], now = NOW) => {
    const list = previewReminders(jlmag(), ids, leads, now);
    return { count: list.length, first: list[0]?.at };
  };
  it("counts the broker defaults with one day's notice: 2 notifications, the first on Thu 22 June at 09:00", () => {
    expect(summary(["h-last-cum-date", "h-payment"], ["P1D"])).toEqual({ count: 2, first: "2023-06-22T09:00:00+08:00" });
  });
  it("leaves out reminders already past and 2-hour reminders of day-only dates", () => {
    // Last cum: P7D (16 June) past, P1D 22 June, no PT2H; payment 21 Aug: P7D 14 Aug, P1D 20 Aug, no PT2H.
    expect(summary(["h-last-cum-date", "h-payment"], ["P7D", "P1D", "PT2H"])).toEqual({ count: 3, first: "2023-06-22T09:00:00+08:00" });
  });
  it("counts the own-name defaults: the timed deadline gets its 2-hour reminder, the cheques do not", () => {
    // Lodgement 27 June 16:30: P1D 26 June 16:30, PT2H 27 June 14:30; warrants 23 Aug: P1D 22 Aug.
    expect(summary(["h-lodgement-deadline", "h-warrants-posted"], ["P1D", "PT2H"])).toEqual({
      count: 3,
      first: "2023-06-26T16:30:00+08:00",
    });
  });
  it("covers both classes in one selection", () => {
    // H last cum P1D 22 June; A record 11 July → P1D 10 July; A payment 12 July → P1D 11 July.
    const list = previewReminders(jlmag(), ["h-last-cum-date", "a-record-date", "a-payment"], ["P1D"], NOW);
    expect(list.map((r) => r.at)).toEqual(["2023-06-22T09:00:00+08:00", "2023-07-10T09:00:00+08:00", "2023-07-11T09:00:00+08:00"]);
  });
  it("is empty without dates or leads, and after the dates", () => {
    expect(summary([], ["P1D"]).count).toBe(0);
    expect(summary(["h-payment"], []).count).toBe(0);
    expect(summary(["h-payment"], ["P1D"], hkt("2023-08-20T09:00:00")).count).toBe(0);
  });
});

describe("the holder's choices while the list of dates changes", () => {
  // A typed-in H share event with a lodgement deadline, a record date and a payment date (the Firefox test's):
  // the page shows these three first, then the dates they imply once GET /api/v1/events/custom answers.
  const parsed = parseTermsQuery(
    "hPay=2023-07-20&hRecord=2023-06-30&hLodge=2023-06-27T16:30%2B08:00&cash=1.50&cashCurrency=HKD&classes=H&name=Keep",
  );
  if (!parsed.ok) throw new Error("the terms are invalid");
  const typed = typedInEvent(parsed.terms);
  const derived = withDerivedDates(typed);
  const ids = (event: EntitlementEvent) => event.milestones.map((m) => m.id);

  it("the worked-out dates add a last cum date, which takes the record date's place in the broker defaults", () => {
    expect(ids(typed)).toEqual(["h-lodgement-deadline", "h-record-date", "h-payment"]);
    expect(ids(derived)).toEqual(expect.arrayContaining([...ids(typed), "h-last-cum-date"]));
    // Broker: the last cum date, else the record date; and the payment (defaultRoles).
    expect(defaultMilestones(typed, "H", "broker", NOW)).toEqual(["h-record-date", "h-payment"]);
    expect(defaultMilestones(derived, "H", "broker", NOW)).toEqual(["h-last-cum-date", "h-payment"]);
  });

  it("a box ticked before the worked-out dates arrive stays ticked; untouched dates follow the defaults of the new list", () => {
    // Ticked the lodgement deadline and unticked the payment while the typed dates alone were shown.
    const touched = { "h-lodgement-deadline": true, "h-payment": false };
    expect(tickedMilestones(ids(typed), touched, defaultMilestones(typed, "H", "broker", NOW))).toEqual([
      "h-lodgement-deadline",
      "h-record-date",
    ]);
    const kept = keepTouched(touched, ids(derived));
    expect(kept).toBe(touched);
    // The record date was only ever a default (no last cum date yet): now the last cum date is.
    expect(tickedMilestones(ids(derived), kept, defaultMilestones(derived, "H", "broker", NOW))).toEqual([
      "h-last-cum-date",
      "h-lodgement-deadline",
    ]);
  });

  it("a date that leaves the list drops its tick, and is not ticked if it comes back untouched", () => {
    const touched = { "h-last-cum-date": true, "h-lodgement-deadline": true };
    const kept = keepTouched(touched, ids(typed));
    expect(kept).toEqual({ "h-lodgement-deadline": true });
    expect(tickedMilestones(ids(typed), touched, [])).toEqual(["h-lodgement-deadline"]);
    expect(tickedMilestones(ids(derived), kept, [])).toEqual(["h-lodgement-deadline"]);
  });

  it("follows the saved selection (or the defaults) where the holder touched nothing, in the list's order", () => {
    const list = ["a", "b", "c", "d"];
    expect(tickedMilestones(list, {}, ["d", "b"])).toEqual(["b", "d"]);
    expect(tickedMilestones(list, { b: false, c: true }, ["d", "b"])).toEqual(["c", "d"]);
    // A choice is by its own id only: an id like an Object property is not a choice.
    expect(tickedMilestones(["constructor"], {}, [])).toEqual([]);
    expect(keepTouched({}, list)).toEqual({});
  });
});
