/**
 * The adapter between the reminders API and the §3.4 terms codec (lib/reminders/api/custom-event.ts) and the
 * server's rules for typed-in events: one event however its terms are written, dates mapped to the §3.2
 * milestones with their roles, the codec's §3.4 error codes.
 */
import { describe, expect, it, vi } from "vitest";

vi.mock("server-only", () => ({}));
const { resolveCustomEvent } = await import("@/lib/reminders/api/custom-event");
const { checkCustomEvent } = await import("@/lib/reminders/api/custom-event-rules");

const BASE = "name=Example+Co&classes=H&cash=1.50&cashCurrency=HKD&hLot=500&hLodge=2026-12-15&hRecord=2026-12-18&hPay=2027-01-20";

function resolve(terms: string) {
  const r = resolveCustomEvent(terms);
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
}

describe("resolveCustomEvent", () => {
  it("maps the dates to the milestones of §3.2, day-only dates at 09:00 HKT, hLodge's date alone at 16:30", () => {
    const { event, hash } = resolve(BASE);
    expect(event.id).toBe(`custom-${hash}`);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(event.name).toEqual({ en: "Example Co", "zh-Hant": "Example Co", "zh-Hans": "Example Co" });
    // Typed: lodgement (Tue 15 Dec 2026, the last registration day), record, payment. Derived by Hong Kong business
    // days (docs/timetable.md): ex-date = the business day before the last registration day = Mon 14 Dec; last cum =
    // the business day before = Fri 11 Dec; the Southbound last day to buy = the last day both markets trade on or
    // before it = Fri 11 Dec (no holiday in either market that week).
    expect(event.milestones.map((m) => [m.id, m.role, m.class, m.at, m.dayOnly, m.remindable])).toEqual([
      ["h-last-cum-date", "last-cum", "H", "2026-12-11T09:00:00+08:00", true, true],
      ["h-southbound-last-buy", "southbound-last-buy", "H", "2026-12-11T09:00:00+08:00", true, true],
      ["h-ex-date", "ex", "H", "2026-12-14T09:00:00+08:00", true, false],
      ["h-lodgement-deadline", "lodgement", "H", "2026-12-15T16:30:00+08:00", false, true],
      ["h-record-date", "record", "H", "2026-12-18T09:00:00+08:00", true, true],
      ["h-payment", "payment", "H", "2027-01-20T09:00:00+08:00", true, true],
    ]);
  });

  it("is one event (one hash) however the same terms are written", () => {
    const same = [
      "hPay=2027-01-20&hRecord=2026-12-18&hLodge=2026-12-15T16:30:00%2B08:00&hLot=500&cashCurrency=hkd&cash=1.5&classes=H&name=Example%20Co",
      "event=custom&classes=H&cash=01.500&cashCurrency=HKD&hLot=500&hLodge=2026-12-15T08:30Z&hRecord=2026-12-18&hPay=2027-01-20&name=+Example+Co+",
      `?${BASE}`,
    ];
    for (const terms of same) expect(resolve(terms).hash, terms).toBe(resolve(BASE).hash);
    // A different figure or date is another event.
    expect(resolve(BASE.replace("cash=1.50", "cash=1.51")).hash).not.toBe(resolve(BASE).hash);
    expect(resolve(BASE.replace("hPay=2027-01-20", "hPay=2027-01-21")).hash).not.toBe(resolve(BASE).hash);
  });

  // Each case is valid but for the one thing it tests; the message names the term.
  const H = "classes=H&cashCurrency=HKD&cash=1&hLodge=2026-12-15";
  it.each([
    [H.replace("classes=H", "classes=B"), "term_invalid", /classes/],
    [H.replace("cash=1", "cash=1e3"), "term_invalid", /cash/],
    [`${H}&hRecord=2026-02-30`, "term_invalid", /hRecord/],
    [H.replace("hLodge=2026-12-15", "hLodge=tomorrow"), "term_invalid", /hLodge/],
    [`${H}&name=${"x".repeat(81)}`, "term_invalid", /name/],
    [`${H}&name=a%07b`, "term_invalid", /name/],
    [`${H}&name=%3Cscript%3E`, "term_invalid", /name/],
    ["classes=H&hLodge=2026-12-15", "terms_empty", /cash/],
    ["cash=2.6&hLodge=2026-12-15", "h_rate_missing", /hCash|hRate/],
    [`${H}&hRecord=2026-12-18&hPay=2026-12-17`, "dates_out_of_order", /hPay|hRecord/],
  ])("%s → %s", (terms, code, message) => {
    const r = resolveCustomEvent(terms);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe(code);
      expect(r.error.message).toMatch(message);
    }
  });
});

describe("checkCustomEvent (what the server asks before it keeps reminders)", () => {
  const now = Date.parse("2026-11-30T12:00:00+08:00");
  const check = (terms: string) => checkCustomEvent(resolve(terms).event, now);

  it("accepts dates ahead within two years", () => {
    expect(check(BASE).ok).toBe(true);
  });

  it.each([
    [BASE.replace("hPay=2027-01-20", "hPay=2028-12-01"), "event_dates_out_of_range"],
    [BASE.replace("hLodge=2026-12-15&hRecord=2026-12-18&hPay=2027-01-20", "hLodge=2026-11-01"), "event_dates_out_of_range"],
    [BASE.replace("hLodge=2026-12-15&hRecord=2026-12-18&hPay=2027-01-20", "agm=2026-12-10"), "event_dates_out_of_range"],
  ])("refuses %s (%s)", (terms, code) => {
    const r = check(terms);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe(code);
  });

  it("counts a name's length in characters, not bytes: 80 Chinese characters are fine", () => {
    expect(check(BASE.replace("name=Example+Co", `name=${"長".repeat(80)}`)).ok).toBe(true);
  });
});
