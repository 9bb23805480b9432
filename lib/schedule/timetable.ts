/**
 * Business days and the dates an announcement leaves out, worked from the dates it gives (DESIGN §3.4 terms).
 * Pure: no I/O, no clock. The rules and their sources are in docs/timetable.md.
 *
 * Holidays come from maintained libraries, never a hand-written list: Hong Kong general holidays from
 * `date-holidays` ("HK"), the Mainland's State Council arrangement (with its bridge days) from `chinese-days`.
 * A day in a year a library does not cover answers `undefined` ("cannot tell"), and a date that needs such a
 * day is not derived.
 */
import { isHoliday as isMainlandHoliday, getHolidaysInRange as mainlandHolidaysInRange } from "chinese-days";
import Holidays from "date-holidays";

/** A calendar day, `YYYY-MM-DD`, in Hong Kong / Beijing time (both UTC+8). */
export type IsoDay = string;

/**
 * Years whose Hong Kong holidays the app trusts. `date-holidays` computes holidays from rules for any year,
 * but Hong Kong gazettes each year's list, and a computed future year is a forecast. The range ends with the
 * last year `chinese-days` covers (2026 in 1.5.7), so both markets are known together; raise both with the
 * libraries (docs/timetable.md).
 */
export const HK_YEARS = { from: 2004, to: 2026 } as const;

/**
 * Years after HK_YEARS whose Hong Kong holidays are computed from the General Holidays Ordinance's rules by
 * `date-holidays` and used as a forecast: a date worked out through one of them is `unconfirmed`, and its source
 * says the year's list was not checked against the Gazette (docs/timetable.md). The Mainland calendar has no such
 * forecast (its holidays are set each year by the State Council), so A-share and Southbound dates stay underived.
 */
export const HK_FORECAST_TO = 2028;

/**
 * The day the "common trading days" Stock Connect calendar took effect (24 Apr 2023, announced by the SFC and
 * CSRC on 24 Feb 2023; docs/timetable.md). Before it, Southbound also closed on the days whose settlement fell
 * on a Mainland holiday, which both-markets-open does not capture.
 */
export const SOUTHBOUND_COMMON_DAYS_FROM: IsoDay = "2023-04-24";

const DAY_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

function parseDay(day: IsoDay): number | undefined {
  const m = DAY_RE.exec(day);
  if (!m) return undefined;
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return new Date(ms).toISOString().slice(0, 10) === day ? ms : undefined;
}

const dayOf = (ms: number): IsoDay => new Date(ms).toISOString().slice(0, 10);
const yearOf = (day: IsoDay) => Number(day.slice(0, 4));
const isWeekday = (ms: number) => {
  const wd = new Date(ms).getUTCDay();
  return wd >= 1 && wd <= 5;
};

/** One step in the calendar, `n` days on (negative: back). */
export function addDays(day: IsoDay, n: number): IsoDay {
  const ms = parseDay(day);
  if (ms === undefined) throw new RangeError(`not a calendar day: ${day}`);
  return dayOf(ms + n * DAY_MS);
}

let hk: Holidays | undefined;
const hkHolidayCache = new Map<number, ReadonlySet<IsoDay>>();
function hkHolidays(year: number): ReadonlySet<IsoDay> {
  let set = hkHolidayCache.get(year);
  if (!set) {
    hk ??= new Holidays("HK");
    set = new Set(
      hk
        .getHolidays(year)
        .filter((h) => h.type === "public" || h.type === "bank")
        .map((h) => h.date.slice(0, 10)),
    );
    hkHolidayCache.set(year, set);
  }
  return set;
}

const mainlandYearCache = new Map<number, boolean>();
/** Whether `chinese-days` has the State Council arrangement for this year (it lists nothing for other years). */
export function mainlandYearKnown(year: number): boolean {
  let known = mainlandYearCache.get(year);
  if (known === undefined) {
    known = mainlandHolidaysInRange(`${year}-01-01`, `${year}-12-31`, false).length > 0;
    mainlandYearCache.set(year, known);
  }
  return known;
}

export const hkYearKnown = (year: number) => year >= HK_YEARS.from && year <= HK_YEARS.to;
/** A year whose Hong Kong holidays are a forecast (see HK_FORECAST_TO). */
export const hkYearForecast = (year: number) => year > HK_YEARS.to && year <= HK_FORECAST_TO;

/**
 * A Hong Kong business day: Monday to Friday and not a general holiday. `undefined` for a year outside
 * HK_YEARS (and, with `forecast`, the forecast years up to HK_FORECAST_TO) or a malformed day. Days closed by a
 * typhoon signal or black rainstorm are not known in advance.
 */
export function isHkBusinessDay(day: IsoDay, options: { forecast?: boolean } = {}): boolean | undefined {
  const ms = parseDay(day);
  const year = yearOf(day);
  if (ms === undefined || !(hkYearKnown(year) || (options.forecast === true && hkYearForecast(year)))) return undefined;
  return isWeekday(ms) && !hkHolidays(year).has(day);
}

/** The Hong Kong calendar the H-share rules step through: the trusted years, then the forecast ones. */
const hkDay = (day: IsoDay) => isHkBusinessDay(day, { forecast: true });

/**
 * A Shanghai / Shenzhen trading day: Monday to Friday and not a holiday of the State Council arrangement.
 * The make-up working Saturdays and Sundays (调休) do not trade. `undefined` for a year `chinese-days` does
 * not cover.
 */
export function isMainlandTradingDay(day: IsoDay): boolean | undefined {
  const ms = parseDay(day);
  if (ms === undefined || !mainlandYearKnown(yearOf(day))) return undefined;
  return isWeekday(ms) && !isMainlandHoliday(day);
}

/**
 * A Southbound (港股通) trading day: both markets open. `undefined` where either calendar is unknown, and
 * before SOUTHBOUND_COMMON_DAYS_FROM, when Southbound followed a stricter calendar.
 */
export function isSouthboundTradingDay(day: IsoDay): boolean | undefined {
  if (parseDay(day) === undefined || day < SOUTHBOUND_COMMON_DAYS_FROM) return undefined;
  const h = isHkBusinessDay(day);
  const m = isMainlandTradingDay(day);
  if (h === undefined || m === undefined) return undefined;
  return h && m;
}

/** The nearest day before (dir −1) or after (dir +1) `day` that passes `test`, within two months. */
function step(
  day: IsoDay,
  dir: -1 | 1,
  test: (d: IsoDay) => boolean | undefined,
  inclusive = false,
): { day: IsoDay } | { why: UnderivableReason } {
  if (parseDay(day) === undefined) return { why: "bad-input" };
  let d = inclusive ? day : addDays(day, dir);
  for (let i = 0; i < 62; i++, d = addDays(d, dir)) {
    const ok = test(d);
    if (ok === undefined) return { why: "calendar-unknown" };
    if (ok) return { day: d };
  }
  return { why: "no-day-found" };
}

/** The dates of DESIGN §3.4 a derivation reads. `hLodge` is a date-time with offset or a day (then 16:30 HKT). */
export interface TypedDates {
  hCloseFrom?: IsoDay;
  hCloseTo?: IsoDay;
  hRecord?: IsoDay;
  hEx?: IsoDay;
  hLastCum?: IsoDay;
  hLodge?: string;
  aRecord?: IsoDay;
  aEx?: IsoDay;
  hPay?: IsoDay;
}

/** How a date was worked out: a short code the UI translates (docs/timetable.md lists them). */
export type DerivationCode =
  | "hk-bday-before-closure" // lodgement: 16:30 on the HK business day before the first closure day
  | "hk-record-date" // lodgement, no closure: 16:30 on the record date (time unconfirmed)
  | "hk-bday-before-last-registration" // H ex-date
  | "hk-bday-before-ex" // H last cum date
  | "cn-trading-day-after-record" // A ex-date
  | "sb-trading-day-on-or-before-last-cum"; // Southbound last day to buy

/** Why a date that could have been derived was not. */
export type UnderivableReason =
  | "calendar-unknown" // a year (or, for Southbound, a period) the holiday libraries do not cover
  | "not-business-day" // the input day is not a business / trading day, so the rule does not apply
  | "no-day-found" // no qualifying day within two months
  | "bad-input"; // not a calendar day (the terms codec should have refused it)

export type Derivation =
  | {
      ok: true;
      value: string;
      how: DerivationCode;
      status: "derived" | "unconfirmed";
      from: readonly (keyof TypedDates)[];
      /** The year of Hong Kong holidays used as a forecast (HK_FORECAST_TO); the date is then `unconfirmed`. */
      forecastYear?: number;
    }
  | { ok: false; why: UnderivableReason; from: readonly (keyof TypedDates)[] };

export interface DerivedTimetable {
  /** Lodgement deadline, `YYYY-MM-DDT16:30:00+08:00`. */
  hLodge?: Derivation;
  hEx?: Derivation;
  hLastCum?: Derivation;
  aEx?: Derivation;
  /** Last Southbound trading day on or before the H last cum date (milestone `h-southbound-last-buy`). */
  hSouthboundLastBuy?: Derivation;
}

const LODGE_TIME = "T16:30:00+08:00";

/**
 * A derivation whose steps (from `a` to `b`, at most two months apart) touched a forecast year of Hong Kong
 * holidays becomes `unconfirmed` and names that year.
 */
function forecast(d: Extract<Derivation, { ok: true }>, a: IsoDay, b: IsoDay): Extract<Derivation, { ok: true }> {
  const year = [yearOf(a), yearOf(b)].find(hkYearForecast);
  return year === undefined ? d : { ...d, status: "unconfirmed", forecastYear: year };
}

/** The Hong Kong calendar day of a lodgement deadline (date-time with offset, or a bare day). */
function lodgementDay(hLodge: string): IsoDay | undefined {
  if (parseDay(hLodge) !== undefined) return hLodge;
  const ms = Date.parse(hLodge);
  if (Number.isNaN(ms)) return undefined;
  return dayOf(ms + 8 * 3_600_000);
}

/**
 * The dates the typed ones imply (docs/timetable.md). A typed date is never replaced: it is absent from the
 * result and used as the input of the dates after it. A date with nothing to derive it from is absent too.
 */
export function deriveTimetable(t: TypedDates): DerivedTimetable {
  const out: DerivedTimetable = {};
  // Last registration day: the lodgement day when typed, else the business day before the closure,
  // else the record date itself (no closure).
  let lastRegistration: { day: IsoDay; from: (keyof TypedDates)[] } | undefined;
  if (t.hLodge) {
    const day = lodgementDay(t.hLodge);
    if (day) lastRegistration = { day, from: ["hLodge"] };
    else if (!t.hEx) out.hEx = { ok: false, why: "bad-input", from: ["hLodge"] };
  } else if (t.hCloseFrom) {
    const from: (keyof TypedDates)[] = ["hCloseFrom"];
    const r = step(t.hCloseFrom, -1, hkDay);
    if ("day" in r) {
      out.hLodge = forecast(
        { ok: true, value: `${r.day}${LODGE_TIME}`, how: "hk-bday-before-closure", status: "derived", from },
        t.hCloseFrom,
        r.day,
      );
      lastRegistration = { day: r.day, from };
    } else out.hLodge = { ok: false, why: r.why, from };
  } else if (t.hRecord) {
    const from: (keyof TypedDates)[] = ["hRecord"];
    const open = parseDay(t.hRecord) === undefined ? "bad" : hkDay(t.hRecord);
    if (open === true) {
      out.hLodge = forecast(
        { ok: true, value: `${t.hRecord}${LODGE_TIME}`, how: "hk-record-date", status: "unconfirmed", from },
        t.hRecord,
        t.hRecord,
      );
      lastRegistration = { day: t.hRecord, from };
    } else
      out.hLodge = { ok: false, why: open === "bad" ? "bad-input" : open === undefined ? "calendar-unknown" : "not-business-day", from };
  }

  let ex: { day: IsoDay; from: readonly (keyof TypedDates)[] } | undefined = t.hEx ? { day: t.hEx, from: ["hEx"] } : undefined;
  if (!t.hEx && lastRegistration) {
    const { from } = lastRegistration;
    const r = step(lastRegistration.day, -1, hkDay);
    if ("day" in r) {
      out.hEx = forecast(
        { ok: true, value: r.day, how: "hk-bday-before-last-registration", status: "derived", from },
        lastRegistration.day,
        r.day,
      );
      ex = { day: r.day, from };
    } else out.hEx = { ok: false, why: r.why, from };
  }

  let lastCum: { day: IsoDay; from: readonly (keyof TypedDates)[] } | undefined = t.hLastCum
    ? { day: t.hLastCum, from: ["hLastCum"] }
    : undefined;
  if (!t.hLastCum && ex) {
    const { from } = ex;
    const r = step(ex.day, -1, hkDay);
    if ("day" in r) {
      out.hLastCum = forecast({ ok: true, value: r.day, how: "hk-bday-before-ex", status: "derived", from }, ex.day, r.day);
      lastCum = { day: r.day, from };
    } else out.hLastCum = { ok: false, why: r.why, from };
  }

  if (lastCum) {
    const { from } = lastCum;
    const r = step(lastCum.day, -1, isSouthboundTradingDay, true);
    out.hSouthboundLastBuy =
      "day" in r
        ? { ok: true, value: r.day, how: "sb-trading-day-on-or-before-last-cum", status: "derived", from }
        : { ok: false, why: r.why, from };
  }

  if (!t.aEx && t.aRecord) {
    const from: (keyof TypedDates)[] = ["aRecord"];
    const open = parseDay(t.aRecord) === undefined ? "bad" : isMainlandTradingDay(t.aRecord);
    if (open !== true)
      out.aEx = { ok: false, why: open === "bad" ? "bad-input" : open === undefined ? "calendar-unknown" : "not-business-day", from };
    else {
      const r = step(t.aRecord, 1, isMainlandTradingDay);
      out.aEx =
        "day" in r
          ? { ok: true, value: r.day, how: "cn-trading-day-after-record", status: "derived", from }
          : { ok: false, why: r.why, from };
    }
  }
  return out;
}
