/**
 * The terms codec (DESIGN §3.4): any event described by a few named terms, read from a query string, CLI flags
 * or a form, printed back in one canonical order, hashed. Pure and zod-free: the page runs it offline.
 */
import type { ShareClass } from "./model";
import { sha256Hex } from "./sha256";

import { TERM_NAMES, type TermName } from "./term-names";

export { TERM_NAMES, type TermName };

export const DATE_TERMS = ["agm", "hLastCum", "hEx", "hCloseFrom", "hCloseTo", "hRecord", "hPay", "aRecord", "aEx", "aPay"] as const;
export type DateTerm = (typeof DATE_TERMS)[number];

/** The terms of one event, canonical: decimals without redundant zeros, zero amounts absent, defaults absent. */
export interface Terms {
  name?: string;
  /** In the order A, H. */
  classes: ShareClass[];
  cash?: string;
  cashCurrency: "RMB" | "HKD";
  hCash?: string;
  hRate?: string;
  bonus?: string;
  cap?: string;
  hLot?: number;
  /** Absent: 100. */
  aLot?: number;
  agm?: string;
  hLastCum?: string;
  hEx?: string;
  hCloseFrom?: string;
  hCloseTo?: string;
  hRecord?: string;
  hPay?: string;
  aRecord?: string;
  aEx?: string;
  aPay?: string;
  /** ISO date-time in Hong Kong time, "2023-06-27T16:30:00+08:00". */
  hLodge?: string;
}

export const DEFAULT_A_LOT = 100;
export const NAME_MAX = 80;

/** Which class a term belongs to (null: both). */
export const TERM_CLASS: Record<TermName, ShareClass | null> = {
  name: null,
  classes: null,
  cash: null,
  cashCurrency: null,
  hCash: "H",
  hRate: "H",
  bonus: null,
  cap: null,
  hLot: "H",
  aLot: "A",
  agm: null,
  hLastCum: "H",
  hEx: "H",
  hCloseFrom: "H",
  hCloseTo: "H",
  hRecord: "H",
  hPay: "H",
  aRecord: "A",
  aEx: "A",
  aPay: "A",
  hLodge: "H",
};

/** The CLI flag of a term: its name in kebab case (`hCash` → `--h-cash`). */
export const termFlag = (name: string): string => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
const FLAG_TO_TERM = new Map<string, TermName>(TERM_NAMES.map((n) => [termFlag(n), n]));
/** The term a kebab-case flag names, or undefined. */
export const termOfFlag = (flag: string): TermName | undefined => FLAG_TO_TERM.get(flag);

export const TERMS_ERROR_CODES = ["term_invalid", "terms_empty", "h_rate_missing", "dates_out_of_order"] as const;
export type TermsErrorCode = (typeof TERMS_ERROR_CODES)[number];

/** Why one term was refused: a stable code a form translates next to the field. */
export const TERM_REASONS = [
  "not_a_number",
  "too_many_decimals",
  "too_large",
  "not_above_zero",
  "not_whole",
  "not_a_date",
  "not_a_date_time",
  "date_out_of_range",
  "too_long",
  "not_plain_text",
  "unknown_value",
  "not_for_these_classes",
  "hkd_needs_h_only",
  "h_cash_with_hkd",
  "h_cash_without_cash",
  "both_h_cash_and_h_rate",
  "repeated",
  "nothing_paid",
  "rate_needed",
  "before_earlier_date",
] as const;
export type TermReason = (typeof TERM_REASONS)[number];

export interface TermIssue {
  code: TermsErrorCode;
  term: TermName;
  reason: TermReason;
  /** Values for the localised text: the other term of a date pair, a limit. */
  params: Record<string, string>;
  /** Plain English for the API and the CLI; names the term. */
  message: string;
}

/** What a query string or the CLI delivers: each name once or repeated, as text. */
export type RawTerms = Partial<Record<string, string | readonly string[] | undefined>>;

type Checked<T> = { ok: true; value: T | undefined } | { ok: false; reason: TermReason; params?: Record<string, string> };
const fine = <T>(value: T | undefined): Checked<T> => ({ ok: true, value });
const bad = <T>(reason: TermReason, params: Record<string, string> = {}): Checked<T> => ({ ok: false, reason, params });

const clean = (raw: string) => raw.normalize("NFKC").trim();

/** A non-negative decimal, canonical: "02.600" → "2.6", "0.0" → "0". */
function decimal(text: string, maxDecimals: number, maxInteger: number): Checked<string> {
  if (!/^\d+(\.\d+)?$|^\.\d+$/.test(text)) return bad("not_a_number");
  const [intPart = "", frac = ""] = text.split(".");
  if (frac.length > maxDecimals) return bad("too_many_decimals", { max: String(maxDecimals) });
  const int = intPart.replace(/^0+(?=\d)/, "") || "0";
  if (int.length > maxInteger) return bad("too_large");
  const f = frac.replace(/0+$/, "");
  return fine(f ? `${int}.${f}` : int);
}

function whole(text: string, max: number): Checked<number> {
  const t = text.replaceAll(",", "");
  if (/^\d+\.\d*$/.test(t)) return bad("not_whole");
  if (!/^\d{1,9}$/.test(t)) return bad("not_a_number");
  const n = Number(t);
  if (n < 1) return bad("not_above_zero");
  if (n > max) return bad("too_large", { max: String(max) });
  return fine(n);
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
function isCalendarDay(text: string): boolean {
  const m = DAY.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}
const inRange = (day: string) => day >= "1990-01-01" && day <= "2099-12-31";

function day(text: string): Checked<string> {
  if (!isCalendarDay(text)) return bad("not_a_date");
  if (!inRange(text)) return bad("date_out_of_range");
  return fine(text);
}

const HKT_OFFSET_MS = 8 * 3600_000;
const pad = (n: number) => String(n).padStart(2, "0");
/** The instant written in Hong Kong time (+08:00, no daylight saving since 1979). */
export function toHkt(ms: number): string {
  const d = new Date(ms + HKT_OFFSET_MS);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}+08:00`;
}

/** hLodge: an ISO date-time with an offset (or Z), or a date, which means 16:30 Hong Kong time. */
function lodgement(raw: string): Checked<string> {
  // An unencoded "+08:00" in a link arrives as " 08:00": read it as the offset it was.
  const text = raw.replace(/(\d{2}:\d{2}(?::\d{2})?) (\d{2}:\d{2})$/, "$1+$2");
  if (DAY.test(text)) {
    const checked = day(text);
    return checked.ok ? fine(`${text}T16:30:00+08:00`) : checked;
  }
  const m = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?(Z|[+-]\d{2}:\d{2})$/i.exec(text);
  if (!m) return bad("not_a_date_time");
  const [, date = "", hh = "", mm = "", ss = "00", zone = ""] = m;
  if (!isCalendarDay(date) || Number(hh) > 23 || Number(mm) > 59 || Number(ss) > 59) return bad("not_a_date_time");
  const offset = zone.toUpperCase() === "Z" ? "+00:00" : zone;
  const ms = Date.parse(`${date}T${hh}:${mm}:${ss}${offset}`);
  if (Number.isNaN(ms)) return bad("not_a_date_time");
  const hkt = toHkt(ms);
  if (!inRange(hkt.slice(0, 10))) return bad("date_out_of_range");
  return fine(hkt);
}

// C0/C1 controls, bidirectional overrides and isolates, and angle brackets: a name is plain text.
// biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
const NOT_PLAIN = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069<>]/;
function name(raw: string): Checked<string> {
  const text = raw.trim().replace(/\s+/g, " ");
  if (NOT_PLAIN.test(raw)) return bad("not_plain_text");
  if ([...text].length > NAME_MAX) return bad("too_long", { max: String(NAME_MAX) });
  return fine(text === "" ? undefined : text);
}

function classes(text: string): Checked<ShareClass[]> {
  const parts = text
    .toUpperCase()
    .split(/[,\s]+/)
    .filter((p) => p !== "");
  if (parts.length === 0 || parts.some((p) => p !== "A" && p !== "H")) return bad("unknown_value");
  const set = new Set(parts);
  if (set.size !== parts.length) return bad("unknown_value");
  return fine((["A", "H"] as const).filter((c) => set.has(c)));
}

/**
 * One term on its own (the form checks each field as it is typed): the canonical value, or the reason it is
 * refused. Empty text is "not given" (undefined).
 */
export function checkTerm(term: TermName, raw: string): Checked<string | number | ShareClass[]> {
  if (term === "name") return name(raw);
  const text = clean(raw);
  if (text === "") return fine(undefined);
  switch (term) {
    case "classes":
      return classes(text);
    case "cashCurrency": {
      const c = text.toUpperCase();
      return c === "RMB" || c === "HKD" ? fine(c) : bad("unknown_value");
    }
    case "cash":
    case "hCash":
      return decimal(text, 8, 6);
    case "hRate": {
      const r = decimal(text, 8, 3);
      return r.ok && r.value === "0" ? bad("not_above_zero") : r;
    }
    case "bonus":
    case "cap":
      return decimal(text, 6, 3);
    case "hLot":
    case "aLot":
      return whole(text, 1_000_000);
    case "hLodge":
      return lodgement(text);
    default:
      return day(text);
  }
}

const TERM_WORDS: Record<TermName, string> = {
  name: "the event's name",
  classes: "the share classes (A, H or A,H)",
  cash: "the cash per 10 shares",
  cashCurrency: "the currency of the cash (RMB or HKD)",
  hCash: "the HKD paid per 10 H shares",
  hRate: "the rate (RMB per 1 HKD)",
  bonus: "the bonus shares per 10",
  cap: "the capitalisation shares per 10",
  hLot: "the H share board lot",
  aLot: "the A share trading unit",
  agm: "the approval date",
  hLastCum: "the H last day to buy",
  hEx: "the H ex-date",
  hCloseFrom: "the first day the H register is closed",
  hCloseTo: "the last day the H register is closed",
  hRecord: "the H record date",
  hPay: "the H payment date",
  aRecord: "the A record date",
  aEx: "the A ex-date",
  aPay: "the A payment date",
  hLodge: "the H lodgement deadline",
};

const REASON_TEXT: Record<TermReason, string> = {
  not_a_number: "write a number, e.g. 2.60",
  too_many_decimals: "use at most {max} decimals",
  too_large: "the number is too large",
  not_above_zero: "it must be above 0",
  not_whole: "write a whole number",
  not_a_date: "write a date as YYYY-MM-DD",
  not_a_date_time: "write a date (YYYY-MM-DD) or a date and time with its offset (2023-06-27T16:30+08:00)",
  date_out_of_range: "the date must be between 1990 and 2099",
  too_long: "use at most {max} characters",
  not_plain_text: "use plain text (no control characters or angle brackets)",
  unknown_value: "the value is not one of those allowed",
  not_for_these_classes: "it is for {class} shares, which are not among the classes",
  hkd_needs_h_only: "cash in HKD is only for an event of H shares alone (classes=H)",
  h_cash_with_hkd: "with cash declared in HKD, the HKD per 10 H shares is the cash itself",
  h_cash_without_cash: "give the cash per 10 shares too",
  both_h_cash_and_h_rate: "give either hCash or hRate, not both",
  repeated: "give it once",
  nothing_paid: "give the cash, the bonus shares or the capitalisation shares per 10",
  rate_needed: "give hCash (HKD per 10 H shares, as published) or hRate (RMB per 1 HKD)",
  before_earlier_date: "it must come after {other} ({otherDate})",
};

function issue(code: TermsErrorCode, term: TermName, reason: TermReason, params: Record<string, string> = {}): TermIssue {
  const why = REASON_TEXT[reason].replace(/\{(\w+)\}/g, (w, k: string) => params[k] ?? w);
  const value = params.value ? ` "${params.value}"` : "";
  return { code, term, reason, params, message: `${term}${value} (${TERM_WORDS[term]}): ${why}.` };
}

/**
 * Dates that must come in order (each pair only when both are given): approval first; H last cum < ex ≤
 * lodgement < closure ≤ record ≤ closure end, record ≤ payment; A record < ex ≤ payment.
 */
const DATE_ORDER: [TermName, TermName, "lt" | "le"][] = [
  ["agm", "hLastCum", "le"],
  ["agm", "hEx", "le"],
  ["agm", "hRecord", "le"],
  ["agm", "aRecord", "le"],
  ["agm", "hPay", "le"],
  ["agm", "aPay", "le"],
  ["hLastCum", "hEx", "lt"],
  ["hLastCum", "hRecord", "lt"],
  ["hEx", "hLodge", "le"],
  ["hEx", "hRecord", "le"],
  ["hLodge", "hCloseFrom", "lt"],
  ["hLodge", "hRecord", "le"],
  ["hCloseFrom", "hCloseTo", "le"],
  ["hCloseFrom", "hRecord", "le"],
  ["hRecord", "hCloseTo", "le"],
  ["hRecord", "hPay", "le"],
  ["hCloseTo", "hPay", "le"],
  ["aRecord", "aEx", "lt"],
  ["aRecord", "aPay", "le"],
  ["aEx", "aPay", "le"],
];

const dayOf = (t: Terms, term: TermName): string | undefined => {
  const v = t[term as keyof Terms];
  return typeof v === "string" ? v.slice(0, 10) : undefined;
};

export type TermsResult = { ok: true; terms: Terms } | { ok: false; issues: TermIssue[] };

/**
 * Every term checked, then the terms together. Unknown names are the caller's business (the entitlement
 * request refuses them; a form has none). All issues are returned, the first one is what the API answers.
 */
export function readTerms(raw: RawTerms): TermsResult {
  const issues: TermIssue[] = [];
  const values: Partial<Record<TermName, unknown>> = {};
  for (const term of TERM_NAMES) {
    const given = raw[term];
    if (given === undefined) continue;
    if (typeof given !== "string" && given.length !== 1) {
      issues.push(issue("term_invalid", term, "repeated"));
      continue;
    }
    const text = typeof given === "string" ? given : (given[0] as string);
    const checked = checkTerm(term, text);
    if (!checked.ok) issues.push(issue("term_invalid", term, checked.reason, { ...checked.params, value: text.slice(0, 40) }));
    else if (checked.value !== undefined) values[term] = checked.value;
  }
  if (issues.length > 0) return { ok: false, issues };

  const zeroToNone = (v: unknown) => (v === "0" ? undefined : (v as string | undefined));
  const t: Terms = {
    classes: (values.classes as ShareClass[] | undefined) ?? ["A", "H"],
    cashCurrency: (values.cashCurrency as "RMB" | "HKD" | undefined) ?? "RMB",
  };
  const assign = (term: TermName, v: unknown) => {
    if (v !== undefined) (t as unknown as Record<string, unknown>)[term] = v;
  };
  for (const term of TERM_NAMES) {
    if (term === "classes" || term === "cashCurrency") continue;
    const v = values[term];
    assign(
      term,
      term === "cash" || term === "bonus" || term === "cap" ? zeroToNone(v) : term === "aLot" && v === DEFAULT_A_LOT ? undefined : v,
    );
  }

  const hasH = t.classes.includes("H");
  for (const term of TERM_NAMES) {
    const cls = TERM_CLASS[term];
    if (cls && values[term] !== undefined && !t.classes.includes(cls)) {
      issues.push(issue("term_invalid", term, "not_for_these_classes", { class: cls }));
    }
  }
  if (t.cashCurrency === "HKD" && (t.classes.length !== 1 || !hasH)) issues.push(issue("term_invalid", "cashCurrency", "hkd_needs_h_only"));
  if (t.hCash !== undefined && t.cashCurrency === "HKD") issues.push(issue("term_invalid", "hCash", "h_cash_with_hkd"));
  if (t.hCash !== undefined && t.hRate !== undefined) issues.push(issue("term_invalid", "hRate", "both_h_cash_and_h_rate"));
  if (t.hCash !== undefined && t.cash === undefined && t.cashCurrency === "RMB")
    issues.push(issue("term_invalid", "hCash", "h_cash_without_cash"));
  if (issues.length > 0) return { ok: false, issues };

  if (t.cash === undefined && t.bonus === undefined && t.cap === undefined)
    return { ok: false, issues: [issue("terms_empty", "cash", "nothing_paid")] };
  // H shares are paid in HKD: RMB cash needs the published HKD figure or the rate; bonus shares are taxed on
  // their RMB par value, which needs a rate too (G2).
  const rmbCashForH = hasH && t.cashCurrency === "RMB" && t.cash !== undefined;
  const rateKnown = t.hRate !== undefined || (t.hCash !== undefined && t.cash !== undefined);
  if (rmbCashForH && t.hCash === undefined && t.hRate === undefined)
    return { ok: false, issues: [issue("h_rate_missing", "hRate", "rate_needed")] };
  if (hasH && t.bonus !== undefined && !rateKnown) return { ok: false, issues: [issue("h_rate_missing", "hRate", "rate_needed")] };

  for (const [earlier, later, rel] of DATE_ORDER) {
    const a = dayOf(t, earlier);
    const b = dayOf(t, later);
    if (a === undefined || b === undefined) continue;
    if (rel === "lt" ? !(a < b) : !(a <= b)) {
      issues.push(issue("dates_out_of_order", later, "before_earlier_date", { other: earlier, otherDate: a }));
    }
  }
  if (issues.length > 0) return { ok: false, issues };
  return { ok: true, terms: t };
}

// Characters left readable in a canonical query value (safe in a query string, as the §3.4 example shows).
const encode = (v: string) => encodeURIComponent(v).replace(/%2C/g, ",").replace(/%3A/g, ":");

/** The terms as pairs in canonical order, defaults left out. */
export function termPairs(t: Terms): [TermName, string][] {
  const pairs: [TermName, string][] = [];
  for (const term of TERM_NAMES) {
    if (term === "classes") {
      if (t.classes.join(",") !== "A,H") pairs.push([term, t.classes.join(",")]);
      continue;
    }
    if (term === "cashCurrency") {
      if (t.cashCurrency !== "RMB") pairs.push([term, t.cashCurrency]);
      continue;
    }
    const v = t[term];
    if (v !== undefined) pairs.push([term, String(v)]);
  }
  return pairs;
}

/** The canonical query string of the terms (without `event=custom`): the same terms always print the same. */
export function printTerms(t: Terms): string {
  return termPairs(t)
    .map(([k, v]) => `${k}=${encode(v)}`)
    .join("&");
}

/** CLI flags for the terms (`--h-cash 2.847798`). */
export function termsToFlags(t: Terms): string[] {
  return termPairs(t).flatMap(([k, v]) => [`--${termFlag(k)}`, v]);
}

/** Terms from a query string ("cash=2.60&hCash=…", with or without "?"); other names are ignored here. */
export function parseTermsQuery(query: string): TermsResult {
  const params = new URLSearchParams(query.startsWith("?") ? query.slice(1) : query);
  const raw: Record<string, string[]> = {};
  for (const [k, v] of params) {
    raw[k] = [...(raw[k] ?? []), v];
  }
  return readTerms(raw);
}

/** A stable key for the terms: SHA-256 of the canonical query string, hex (the reminders server keys custom events by it). */
export function termsHash(t: Terms): string {
  return sha256Hex(printTerms(t));
}

/** Per-field issues for a form: each field's first issue (cross-field ones land on the field they name). */
export function termFieldIssues(raw: RawTerms): Partial<Record<TermName, TermIssue>> {
  const result = readTerms(raw);
  if (result.ok) return {};
  const out: Partial<Record<TermName, TermIssue>> = {};
  for (const i of result.issues) out[i.term] ??= i;
  return out;
}
