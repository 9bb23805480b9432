import { describe, expect, it } from "vitest";
import { findEvent } from "@/lib/events/catalog";
import type { EntitlementEvent } from "@/lib/events/schema";
import { isLead, LEAD_MS, LEADS, shorterLeads } from "@/lib/schedule/leads";
import { deliverableReminders, futureReminders, plannedReminders, remindableMilestones, reminderTime } from "@/lib/schedule/reminders";

function jlmag(): EntitlementEvent {
  const event = findEvent("jlmag-2022-final");
  if (!event) throw new Error("the JL MAG event is missing from the catalog");
  return event;
}

const hkt = (local: string) => Date.parse(`${local}+08:00`);

describe("leads", () => {
  it("are 7 days, 1 day and 2 hours, longest first", () => {
    expect(LEADS).toEqual(["P7D", "P1D", "PT2H"]);
    expect(LEAD_MS).toEqual({ P7D: 604_800_000, P1D: 86_400_000, PT2H: 7_200_000 });
  });
  it("recognise only the three ISO durations", () => {
    expect(["P7D", "P1D", "PT2H"].every(isLead)).toBe(true);
    expect(["PT1H", "p7d", "", "P7D ", 7, null, "__proto__"].some(isLead)).toBe(false);
  });
  it("know which reminders come later for the same milestone", () => {
    expect(shorterLeads("P7D")).toEqual(["P1D", "PT2H"]);
    expect(shorterLeads("P1D")).toEqual(["PT2H"]);
    expect(shorterLeads("PT2H")).toEqual([]);
  });
});

describe("remindable milestones", () => {
  it("are the ones the data marks remindable, filtered by class", () => {
    const ids = (c?: "H" | "A") => remindableMilestones(jlmag(), c).map((m) => m.id);
    expect(ids("H")).toEqual([
      "h-southbound-last-buy",
      "h-last-cum-date",
      "h-lodgement-deadline",
      "h-book-closure-start",
      "h-record-date",
      "h-payment",
      "h-warrants-posted",
    ]);
    expect(ids("A")).toEqual(["a-record-date", "a-payment"]);
    expect(ids()).toEqual(expect.arrayContaining([...ids("H"), ...ids("A")]));
    expect(ids()).not.toContain("agm-approval");
    expect(ids()).not.toContain("h-ex-date");
    expect(ids()).not.toContain("a-ex-date");
  });
});

describe("reminder times", () => {
  const lodgement = () => {
    const m = jlmag().milestones.find((x) => x.id === "h-lodgement-deadline");
    if (!m) throw new Error("no lodgement deadline");
    return m;
  };

  it("are the milestone time minus the lead (lodgement deadline Tue 2023-06-27 16:30 HKT)", () => {
    expect(reminderTime(lodgement(), "PT2H")).toBe(hkt("2023-06-27T14:30:00"));
    expect(reminderTime(lodgement(), "P1D")).toBe(hkt("2023-06-26T16:30:00"));
    expect(reminderTime(lodgement(), "P7D")).toBe(hkt("2023-06-20T16:30:00"));
  });

  it("anchor day-only milestones at 09:00 HKT and give them day leads only (no invented hour)", () => {
    const planned = plannedReminders(jlmag(), { milestones: ["h-record-date"], leads: ["P1D", "PT2H"] });
    expect(planned.map((r) => [r.lead, r.at])).toEqual([["P1D", "2023-07-02T09:00:00+08:00"]]);
    expect(plannedReminders(jlmag(), { milestones: ["h-record-date"], leads: ["PT2H"] })).toEqual([]);
  });

  it("give a timed milestone every lead, 2 hours included", () => {
    const planned = plannedReminders(jlmag(), { milestones: ["h-lodgement-deadline"], leads: ["P1D", "PT2H"] });
    expect(planned.map((r) => [r.lead, r.at])).toEqual([
      ["P1D", "2023-06-26T16:30:00+08:00"],
      ["PT2H", "2023-06-27T14:30:00+08:00"],
    ]);
  });

  it("are written in Hong Kong time with an explicit +08:00 offset and sorted by time", () => {
    const planned = plannedReminders(jlmag(), { class: "H" });
    // Seven remindable H milestones: the lodgement deadline has a time (3 leads), the six others are day-only (2 leads).
    expect(planned.length).toBe(1 * 3 + 6 * 2);
    for (const r of planned) expect(r.at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00$/);
    for (const r of planned) expect(Date.parse(r.at)).toBe(r.atMs);
    const times = planned.map((r) => r.atMs);
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });

  it("honour the selection of milestones, leads and class", () => {
    const planned = plannedReminders(jlmag(), { class: "A", milestones: ["a-payment", "h-payment"], leads: ["P1D"] });
    expect(planned.map((r) => `${r.milestone}/${r.lead}`)).toEqual(["a-payment/P1D"]);
  });
});

describe("which reminders are still to come", () => {
  const selection = { milestones: ["h-lodgement-deadline"] };

  it("before all of them: every lead", () => {
    const r = futureReminders(jlmag(), selection, hkt("2023-06-01T00:00:00"));
    expect(r.map((x) => x.lead)).toEqual(["P7D", "P1D", "PT2H"]);
  });

  it("between two reminders: only the later ones; a reminder exactly now is no longer future", () => {
    expect(futureReminders(jlmag(), selection, hkt("2023-06-26T16:30:00")).map((x) => x.lead)).toEqual(["PT2H"]);
    expect(futureReminders(jlmag(), selection, hkt("2023-06-26T16:29:59")).map((x) => x.lead)).toEqual(["P1D", "PT2H"]);
  });

  it("after the last reminder but before the milestone: none to schedule, all three still deliverable", () => {
    const now = hkt("2023-06-27T15:00:00");
    expect(futureReminders(jlmag(), selection, now)).toEqual([]);
    expect(deliverableReminders(jlmag(), selection, now).map((x) => x.lead)).toEqual(["P7D", "P1D", "PT2H"]);
  });

  it("at or after the milestone: nothing is deliverable", () => {
    expect(deliverableReminders(jlmag(), selection, hkt("2023-06-27T16:30:00"))).toEqual([]);
    expect(deliverableReminders(jlmag(), selection, hkt("2024-01-01T00:00:00"))).toEqual([]);
  });
});
