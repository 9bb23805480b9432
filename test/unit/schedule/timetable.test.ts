import { describe, expect, it } from "vitest";
import {
  deriveTimetable,
  HK_FORECAST_TO,
  HK_YEARS,
  isHkBusinessDay,
  isMainlandTradingDay,
  isSouthboundTradingDay,
  mainlandYearKnown,
} from "@/lib/schedule/timetable";

// Expected values are worked by hand from the rules in docs/timetable.md and the published calendars:
// Hong Kong general holidays (gazette) and the State Council holiday arrangement for the Mainland.

describe("business days", () => {
  it("Hong Kong: weekdays that are not general holidays", () => {
    expect(isHkBusinessDay("2023-06-21")).toBe(true); // Wed
    expect(isHkBusinessDay("2023-06-22")).toBe(false); // Tuen Ng (Dragon Boat) Festival
    expect(isHkBusinessDay("2023-06-23")).toBe(true); // Fri: open in Hong Kong, closed in the Mainland
    expect(isHkBusinessDay("2023-06-24")).toBe(false); // Sat
    expect(isHkBusinessDay("2023-10-02")).toBe(false); // the day following National Day
    expect(isHkBusinessDay("2023-10-23")).toBe(false); // Chung Yeung Festival
    expect(isHkBusinessDay("2023-12-26")).toBe(false); // first weekday after Christmas
    expect(isHkBusinessDay("2025-10-29")).toBe(false); // Chung Yeung 2025
  });
  it("Mainland: weekdays outside the State Council arrangement; make-up weekend working days do not trade", () => {
    expect(isMainlandTradingDay("2023-06-21")).toBe(true);
    expect(isMainlandTradingDay("2023-06-22")).toBe(false); // 端午节
    expect(isMainlandTradingDay("2023-06-23")).toBe(false); // bridge day
    expect(isMainlandTradingDay("2023-06-25")).toBe(false); // Sunday made a working day (调休): no trading
    expect(isMainlandTradingDay("2023-06-26")).toBe(true);
    expect(isMainlandTradingDay("2023-10-06")).toBe(false); // National Day break 29 Sep – 6 Oct
    expect(isMainlandTradingDay("2023-10-07")).toBe(false); // make-up Saturday
    expect(isMainlandTradingDay("2023-10-23")).toBe(true); // Hong Kong's Chung Yeung is not a Mainland holiday
  });
  it("Southbound: both markets open", () => {
    expect(isSouthboundTradingDay("2023-06-21")).toBe(true);
    expect(isSouthboundTradingDay("2023-06-22")).toBe(false); // both closed
    expect(isSouthboundTradingDay("2023-06-23")).toBe(false); // Hong Kong open, Mainland closed
    expect(isSouthboundTradingDay("2023-10-23")).toBe(false); // Mainland open, Hong Kong closed
    expect(isSouthboundTradingDay("2023-06-26")).toBe(true);
  });
  it("say they cannot tell for years the libraries do not cover, and before the 2023 Southbound calendar", () => {
    expect(mainlandYearKnown(2026)).toBe(true);
    expect(mainlandYearKnown(HK_YEARS.to + 1)).toBe(false);
    expect(isHkBusinessDay(`${HK_YEARS.to + 1}-01-04`)).toBeUndefined();
    expect(isMainlandTradingDay(`${HK_YEARS.to + 1}-01-04`)).toBeUndefined();
    expect(isMainlandTradingDay("2003-06-02")).toBeUndefined();
    expect(isSouthboundTradingDay("2023-04-21")).toBeUndefined(); // before the common-days calendar (24 Apr 2023)
    expect(isSouthboundTradingDay("2023-04-24")).toBe(true);
    // 27–28 Apr 2023: open in both markets before the Mainland May Day break; the first days the new calendar added.
    expect(isSouthboundTradingDay("2023-04-28")).toBe(true);
    expect(isSouthboundTradingDay("2023-05-02")).toBe(false);
    expect(isHkBusinessDay("2023-02-30")).toBeUndefined();
    expect(isHkBusinessDay("23-06-21")).toBeUndefined();
  });
});

describe("deriveTimetable", () => {
  it("JL MAG 2023 (closure from Wed 28 Jun): lodge Tue 27 Jun 16:30, ex Mon 26 Jun, last cum Fri 23 Jun, Southbound Wed 21 Jun", () => {
    // 27 Jun is the business day before 28 Jun; the ex-date is the business day before that last registration
    // day (26 Jun); the last cum date the business day before the ex-date: 25 Sun, 24 Sat → Fri 23 Jun.
    // Southbound on or before 23 Jun: 23 Jun Mainland bridge day, 22 Jun both closed → Wed 21 Jun.
    // China Cinda's announcement (same closure) states ex 26 Jun and last cum 23 Jun (domain-generic §4.1).
    const d = deriveTimetable({ hCloseFrom: "2023-06-28", hCloseTo: "2023-07-03", hRecord: "2023-07-03" });
    expect(d.hLodge).toMatchObject({ ok: true, value: "2023-06-27T16:30:00+08:00", how: "hk-bday-before-closure" });
    expect(d.hEx).toMatchObject({ ok: true, value: "2023-06-26", how: "hk-bday-before-last-registration" });
    expect(d.hLastCum).toMatchObject({ ok: true, value: "2023-06-23", how: "hk-bday-before-ex", status: "derived" });
    expect(d.hSouthboundLastBuy).toMatchObject({ ok: true, value: "2023-06-21", how: "sb-trading-day-on-or-before-last-cum" });
    expect(d.aEx).toBeUndefined();
  });
  it("issuer timetables: Shanghai Dazhong 2019, HTSC 2025 (record date a Sunday), PAX Global 2020", () => {
    // Dazhong: closure Tue 18 Jun 2019 → lodge Mon 17 Jun, ex Fri 14 Jun (issuer), last cum Thu 13 Jun.
    const dazhong = deriveTimetable({ hCloseFrom: "2019-06-18", hCloseTo: "2019-06-23", hRecord: "2019-06-23" });
    expect([dazhong.hLodge, dazhong.hEx, dazhong.hLastCum].map((x) => x?.ok && x.value)).toEqual([
      "2019-06-17T16:30:00+08:00",
      "2019-06-14",
      "2019-06-13",
    ]);
    // 2019 is before the common-days Southbound calendar: no guess.
    expect(dazhong.hSouthboundLastBuy).toMatchObject({ ok: false, why: "calendar-unknown" });
    // HTSC: closure Tue 4 Nov 2025 → lodge Mon 3 Nov, ex Fri 31 Oct (issuer), last cum Thu 30 Oct; Southbound
    // 30 Oct is open in both markets (Hong Kong's Chung Yeung was Wed 29 Oct).
    const htsc = deriveTimetable({ hCloseFrom: "2025-11-04", hRecord: "2025-11-09" });
    expect([htsc.hLodge, htsc.hEx, htsc.hLastCum, htsc.hSouthboundLastBuy].map((x) => x?.ok && x.value)).toEqual([
      "2025-11-03T16:30:00+08:00",
      "2025-10-31",
      "2025-10-30",
      "2025-10-30",
    ]);
    // PAX: closure Fri 28 Aug 2020 → lodge Thu 27 Aug (issuer), ex Wed 26 Aug, last cum Tue 25 Aug.
    const pax = deriveTimetable({ hCloseFrom: "2020-08-28" });
    expect([pax.hLodge, pax.hEx, pax.hLastCum].map((x) => x?.ok && x.value)).toEqual([
      "2020-08-27T16:30:00+08:00",
      "2020-08-26",
      "2020-08-25",
    ]);
  });
  it("record date without closure: ex the business day before it, lodgement 16:30 on it (time unconfirmed)", () => {
    // Fri 23 Jun 2023: ex = business day before = Wed 21 Jun (22nd a holiday); last cum Tue 20 Jun.
    const d = deriveTimetable({ hRecord: "2023-06-23" });
    expect(d.hLodge).toMatchObject({ ok: true, value: "2023-06-23T16:30:00+08:00", how: "hk-record-date", status: "unconfirmed" });
    expect(d.hEx).toMatchObject({ ok: true, value: "2023-06-21" });
    expect(d.hLastCum).toMatchObject({ ok: true, value: "2023-06-20" });
    expect(d.hSouthboundLastBuy).toMatchObject({ ok: true, value: "2023-06-20" });
    // A record date on a Sunday with no closure: the rule does not apply; nothing is guessed.
    const sunday = deriveTimetable({ hRecord: "2025-11-09" });
    expect(sunday.hLodge).toMatchObject({ ok: false, why: "not-business-day" });
    expect(sunday.hEx).toBeUndefined();
  });
  it("never overrides a typed date, and derives the later dates from it", () => {
    const d = deriveTimetable({ hCloseFrom: "2023-06-28", hLodge: "2023-06-27T16:00:00+08:00", hEx: "2023-06-26", hLastCum: "2023-06-21" });
    expect(d.hLodge).toBeUndefined();
    expect(d.hEx).toBeUndefined();
    expect(d.hLastCum).toBeUndefined();
    // Southbound from the typed last cum date (21 Jun is a Southbound day) and labelled with what it came from.
    expect(d.hSouthboundLastBuy).toMatchObject({ ok: true, value: "2023-06-21", from: ["hLastCum"] });
    // A typed lodgement day (a bare day means 16:30) fixes the last registration day: ex the day before it.
    const lodged = deriveTimetable({ hLodge: "2023-06-27" });
    expect(lodged.hEx).toMatchObject({ ok: true, value: "2023-06-26", from: ["hLodge"] });
    // A date-time in another offset still counts as its Hong Kong day: 23:30 UTC on 26 Jun is 27 Jun 07:30 HKT.
    expect(deriveTimetable({ hLodge: "2023-06-26T23:30:00Z" }).hEx).toMatchObject({ value: "2023-06-26" });
  });
  it("A ex-date: the next Mainland trading day after the record date, skipping make-up weekend days", () => {
    expect(deriveTimetable({ aRecord: "2023-07-11" }).aEx).toMatchObject({
      ok: true,
      value: "2023-07-12",
      how: "cn-trading-day-after-record",
    });
    // Thu 28 Sep 2023 → 29 Sep–6 Oct closed, Sat 7 / Sun 8 Oct are make-up working days without trading → Mon 9 Oct.
    expect(deriveTimetable({ aRecord: "2023-09-28" }).aEx).toMatchObject({ ok: true, value: "2023-10-09" });
    expect(deriveTimetable({ aRecord: "2023-06-25" }).aEx).toMatchObject({ ok: false, why: "not-business-day" });
    expect(deriveTimetable({ aRecord: "2023-07-11", aEx: "2023-07-13" }).aEx).toBeUndefined();
  });
  it("a forecast year of Hong Kong holidays: H dates worked out but unconfirmed; A and Southbound dates not", () => {
    // Fri 2 Jul 2027 closure; Thu 1 Jul is HKSAR Establishment Day (a general holiday every year by the General
    // Holidays Ordinance) → lodgement Wed 30 Jun 16:30, ex-date Tue 29 Jun, last cum date Mon 28 Jun.
    const d = deriveTimetable({ hCloseFrom: "2027-07-02", aRecord: "2027-07-12" });
    expect(d.hLodge).toEqual({
      ok: true,
      value: "2027-06-30T16:30:00+08:00",
      how: "hk-bday-before-closure",
      status: "unconfirmed",
      forecastYear: 2027,
      from: ["hCloseFrom"],
    });
    expect(d.hEx).toMatchObject({ ok: true, value: "2027-06-29", status: "unconfirmed", forecastYear: 2027 });
    expect(d.hLastCum).toMatchObject({ ok: true, value: "2027-06-28", status: "unconfirmed", forecastYear: 2027 });
    // The Mainland's 2027 arrangement is set by the State Council and not in the library: no guess.
    expect(d.hSouthboundLastBuy).toMatchObject({ ok: false, why: "calendar-unknown" });
    expect(d.aEx).toMatchObject({ ok: false, why: "calendar-unknown" });
    // Crossing from a trusted year into a forecast one: Mon 4 Jan 2027 → Thu 31 Dec 2026 (1 Jan a holiday).
    expect(deriveTimetable({ hLodge: "2027-01-04T16:30:00+08:00" }).hEx).toMatchObject({ value: "2026-12-31", forecastYear: 2027 });
    // Within trusted years nothing changes.
    expect(deriveTimetable({ hCloseFrom: "2026-07-03" }).hLodge).toMatchObject({ status: "derived" });
    expect(deriveTimetable({ hCloseFrom: "2026-07-03" }).hLodge).not.toHaveProperty("forecastYear");
  });
  it("an uncovered year or bad input: says it cannot derive", () => {
    const next = HK_FORECAST_TO + 1;
    const d = deriveTimetable({ hCloseFrom: `${next}-06-28`, aRecord: `${next}-07-12` });
    expect(d.hLodge).toMatchObject({ ok: false, why: "calendar-unknown" });
    expect(d.hEx).toBeUndefined();
    expect(d.aEx).toMatchObject({ ok: false, why: "calendar-unknown" });
    // Crossing into an uncovered year: Thu 31 Dec 2026 → the next trading day lies in 2027.
    expect(deriveTimetable({ aRecord: "2026-12-31" }).aEx).toMatchObject({ ok: false, why: "calendar-unknown" });
    // Crossing back out of the covered range from Jan 2004.
    expect(deriveTimetable({ hCloseFrom: "2004-01-02" }).hLodge).toMatchObject({ ok: false, why: "calendar-unknown" });
    expect(deriveTimetable({ hCloseFrom: "2023-02-30" }).hLodge).toMatchObject({ ok: false, why: "bad-input" });
    expect(deriveTimetable({ hLodge: "soon" }).hEx).toMatchObject({ ok: false, why: "bad-input" });
    expect(deriveTimetable({})).toEqual({});
  });
});
