import { describe, expect, inject, it } from "vitest";

const base = () => inject("webUrl");

interface M {
  id: string;
  role: string;
  class: string | null;
  at: string;
  dayOnly: boolean;
  status: string;
  source: string;
  remindable: boolean;
  title: Record<string, string>;
}

async function event(terms: string): Promise<{ id: string; milestones: M[] }> {
  const response = await fetch(`${base()}/api/v1/events/custom?${terms}`);
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toContain("application/json");
  return response.json();
}

const byId = (milestones: M[]) => Object.fromEntries(milestones.map((m) => [m.id, m]));
/** The Hong Kong calendar day of a milestone (every `at` carries +08:00). */
const day = (m: M | undefined) => m?.at.slice(0, 10);

// Hong Kong rules (docs/timetable.md): transfers are lodged by 4:30 p.m. on the business day before the register
// closes; a Hong Kong trade settles two business days later, so the ex-date is the business day before the last
// day transfers are registered and the last cum date the business day before the ex-date. Mainland: the A ex-date
// is the trading day after the record date. Southbound: the last day on or before the last cum date when both
// markets are open.
describe("GET /api/v1/events/custom — a typed-in event with the dates its typed ones imply", () => {
  it("a week without holidays: closure from Wednesday 16 Sep 2026 → lodgement Tue 15th 16:30, ex Mon 14th, last cum Fri 11th", async () => {
    const e = await event("name=Derived+dates&cash=1&hCash=1.1&hCloseFrom=2026-09-16&hCloseTo=2026-09-21&aRecord=2026-09-16");
    expect(e.id).toBe("custom");
    const m = byId(e.milestones);
    const lodge = m["h-lodgement-deadline"];
    expect(lodge?.dayOnly).toBe(false);
    expect(new Date(lodge?.at ?? "").toISOString()).toBe("2026-09-15T08:30:00.000Z"); // 16:30 in Hong Kong
    expect(day(m["h-ex-date"])).toBe("2026-09-14");
    expect(day(m["h-last-cum-date"])).toBe("2026-09-11");
    expect(day(m["h-southbound-last-buy"])).toBe("2026-09-11");
    // A record Wednesday 16 Sep → A ex Thursday 17 Sep.
    expect(day(m["a-ex-date"])).toBe("2026-09-17");
    for (const id of ["h-lodgement-deadline", "h-ex-date", "h-last-cum-date", "h-southbound-last-buy", "a-ex-date"]) {
      expect(m[id]?.status, id).toBe("derived");
      expect(m[id]?.source, id).toMatch(/^Worked out from /);
      expect(m[id]?.title.en, id).not.toBe("");
    }
    expect(m["h-ex-date"]?.source).toContain("the H share book closure");
    // The typed dates stay as typed, in time order with the derived ones.
    expect(m["h-book-closure-start"]).toMatchObject({
      at: "2026-09-16T09:00:00+08:00",
      status: "unconfirmed",
      source: "typed in by the holder",
    });
    expect(m["a-record-date"]?.status).toBe("unconfirmed");
    const ats = e.milestones.map((x) => x.at.slice(0, 10));
    expect(ats).toEqual([...ats].sort());
    expect(e.milestones.filter((x) => x.remindable).map((x) => x.id)).toEqual(
      expect.arrayContaining(["h-lodgement-deadline", "h-last-cum-date"]),
    );
  });

  it("Mid-Autumn 2026 (Fri 25 Sep, a Mainland holiday; Hong Kong's falls on Saturday): Southbound's last day moves to Thursday", async () => {
    const m = byId((await event("cash=1&hCash=1.1&hCloseFrom=2026-09-30&hCloseTo=2026-10-05")).milestones);
    expect(new Date(m["h-lodgement-deadline"]?.at ?? "").toISOString()).toBe("2026-09-29T08:30:00.000Z");
    expect(day(m["h-ex-date"])).toBe("2026-09-28");
    // Hong Kong is open on Friday 25 Sep: the last cum date is that Friday…
    expect(day(m["h-last-cum-date"])).toBe("2026-09-25");
    // …but the Mainland is not, so Southbound cannot buy that day.
    expect(day(m["h-southbound-last-buy"])).toBe("2026-09-24");
    // A-share dates are not derived for an event whose terms give none.
    expect(m["a-ex-date"]).toBeUndefined();
  });

  it("Christmas 2026 (Fri 25 Dec closed in Hong Kong; the day after is Saturday, so Monday is open): last cum skips back to Thursday", async () => {
    const m = byId((await event("classes=H&cash=1&hRate=0.9&hCloseFrom=2026-12-30&hCloseTo=2027-01-04")).milestones);
    expect(new Date(m["h-lodgement-deadline"]?.at ?? "").toISOString()).toBe("2026-12-29T08:30:00.000Z");
    expect(day(m["h-ex-date"])).toBe("2026-12-28");
    // The business day before Monday 28 Dec: not Christmas Day, not the weekend → Thursday 24 Dec.
    expect(day(m["h-last-cum-date"])).toBe("2026-12-24");
    expect(day(m["h-southbound-last-buy"])).toBe("2026-12-24");
  });

  it("a typed date is never replaced: a typed ex-date stays, and the last cum date is worked from it", async () => {
    const m = byId((await event("cash=1&hCash=1.1&hEx=2026-09-11&hCloseFrom=2026-09-16&hCloseTo=2026-09-21")).milestones);
    expect(m["h-ex-date"]).toMatchObject({ at: "2026-09-11T09:00:00+08:00", status: "unconfirmed", source: "typed in by the holder" });
    expect(day(m["h-last-cum-date"])).toBe("2026-09-10");
    expect(m["h-last-cum-date"]?.source).toContain("the H share ex-date");
  });

  it("the terms as a reminder carries them (`event=custom&…`) answer the same event", async () => {
    const terms = "classes=H&cash=1&hRate=0.9&hCloseFrom=2026-12-30&hCloseTo=2027-01-04";
    expect(await event(`event=custom&${terms}`)).toEqual(await event(terms));
  });

  it("bad terms: 400 with the codec's code and a message naming the term", async () => {
    const refusals: [string, string, string][] = [
      ["cash=1&hCash=abc", "term_invalid", "hCash"],
      ["classes=A&aRecord=2026-09-16", "terms_empty", "cash"],
      ["classes=H&cash=1", "h_rate_missing", "hRate"],
      ["cash=1&hCash=1.1&hCloseFrom=2026-09-21&hCloseTo=2026-09-16", "dates_out_of_order", "hClose"],
      [`cash=1&name=${"x".repeat(3000)}`, "term_invalid", "terms"],
    ];
    for (const [terms, code, term] of refusals) {
      const response = await fetch(`${base()}/api/v1/events/custom?${terms}`);
      expect(response.status, terms.slice(0, 60)).toBe(400);
      const body = await response.json();
      expect(body.error.code, terms.slice(0, 60)).toBe(code);
      expect(body.error.message, terms.slice(0, 60)).toContain(term);
    }
  });
});
