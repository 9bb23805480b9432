import { describe, expect, it } from "vitest";
import { findEvent, listEvents } from "@/lib/events/catalog";
import { eventSchema } from "@/lib/events/schema";
import { validateCatalog } from "@/lib/events/validate";

describe("the event catalog", () => {
  it("holds the JL MAG event, valid against the schema", () => {
    const e = findEvent("jlmag-2022-final");
    expect(e).toBeDefined();
    expect(eventSchema.safeParse(e).success).toBe(true);
    expect(listEvents().length).toBeGreaterThanOrEqual(1);
    expect(() => validateCatalog()).not.toThrow();
  });

  it("carries the announcement's figures", () => {
    const e = findEvent("jlmag-2022-final");
    expect(e?.cash).toMatchObject({ currency: "RMB", per10: { value: "2.60", status: "confirmed" } });
    expect(e?.capitalisation?.per10.value).toBe("6");
    expect(e?.bonus).toBeNull();
    expect(e?.classes.H?.paidPer10?.value).toBe("2.847798");
    expect(e?.classes.H?.exchangeRate?.value).toBe("0.912986");
    expect((e?.classes.H?.issuedShares?.value ?? 0) + (e?.classes.A?.issuedShares?.value ?? 0)).toBe(839_087_782);
    expect(e?.issuer.codes).toEqual({ H: "06680", A: "300748" });
  });

  it("has every milestone of domain.md Decision 7 at its HKT time with its status", () => {
    const e = findEvent("jlmag-2022-final");
    const byId = Object.fromEntries((e?.milestones ?? []).map((m) => [m.id, m]));
    const expected: [string, string, string][] = [
      ["h-last-cum-date", "2023-06-23", "derived"],
      ["h-ex-date", "2023-06-26", "derived"],
      ["h-lodgement-deadline", "2023-06-27T16:30:00+08:00", "confirmed"],
      ["h-book-closure-start", "2023-06-28", "confirmed"],
      ["h-record-date", "2023-07-03", "confirmed"],
      ["h-payment", "2023-08-21", "confirmed"],
      ["h-warrants-posted", "2023-08-23", "confirmed"],
      ["a-record-date", "2023-07-11", "derived"],
      ["a-ex-date", "2023-07-12", "derived"],
      ["a-payment", "2023-07-12", "derived"],
    ];
    for (const [id, when, status] of expected) {
      expect(byId[id], id).toBeDefined();
      expect(byId[id]?.at.startsWith(when), id).toBe(true);
      expect(byId[id]?.at.endsWith("+08:00"), id).toBe(true);
      expect(byId[id]?.status, id).toBe(status);
      expect(byId[id]?.source.length, id).toBeGreaterThan(10);
    }
  });

  it("refuses a malformed event (a bad data file fails fast)", () => {
    const e = findEvent("jlmag-2022-final");
    const broken = {
      ...e,
      classes: { ...e?.classes, H: { ...e?.classes.H, paidPer10: { value: 0.28, status: "confirmed", source: "x" } } },
    };
    expect(eventSchema.safeParse(broken).success).toBe(false);
    const duplicate = { ...e, milestones: [...(e?.milestones ?? []), e?.milestones[0]] };
    expect(eventSchema.safeParse(duplicate).success).toBe(false);
  });
});
