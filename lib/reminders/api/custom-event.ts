import "server-only";
import { createHash } from "node:crypto";
import { TZDate } from "@date-fns/tz";
import { formatISO } from "date-fns";
import type { ShareClass } from "../../events/schema";
import { MAX_TERMS_LENGTH } from "../../protocol/subscriptions";
import { CUSTOM_PREFIX, type MilestoneRole, type ReminderEvent, type ReminderMilestone } from "../pipeline/events";
import { apiError, fail, ok, type Result } from "./api-error";

/**
 * THE ADAPTER between the reminders API and the event-terms codec of DESIGN §3.4 — the only file to change when
 * lib/events' codec lands: replace the body of `resolveCustomEvent` with "parse the terms with the codec, build
 * the custom event, take the codec's canonical query string and hash, and map its milestones (which carry roles)
 * to ReminderMilestone". Until then this is a minimal reading of §3.4, enough for the reminders: the names,
 * numbers and dates of the terms, the rules between them, a canonical form and its hash. It computes nothing
 * about entitlements.
 */
export interface ResolvedCustomEvent {
  /** Hash of the canonical terms; the event's id is `custom-<hash>`. */
  hash: string;
  event: ReminderEvent;
}

const TIME_ZONE = "Asia/Hong_Kong";

/** Date terms → the milestone they make (DESIGN §3.4: "Dates map to the milestone ids of §3.2"). */
const DATE_TERMS: Readonly<Record<string, { id: string; role: MilestoneRole; class: ShareClass | null; remindable: boolean }>> = {
  agm: { id: "agm-approval", role: "approval", class: null, remindable: false },
  hLastCum: { id: "h-last-cum-date", role: "last-cum", class: "H", remindable: true },
  hEx: { id: "h-ex-date", role: "ex", class: "H", remindable: false },
  hLodge: { id: "h-lodgement-deadline", role: "lodgement", class: "H", remindable: true },
  hCloseFrom: { id: "h-book-closure-start", role: "closure-start", class: "H", remindable: true },
  hCloseTo: { id: "h-book-closure-end", role: "closure-end", class: "H", remindable: false },
  hRecord: { id: "h-record-date", role: "record", class: "H", remindable: true },
  hPay: { id: "h-payment", role: "payment", class: "H", remindable: true },
  aRecord: { id: "a-record-date", role: "record", class: "A", remindable: true },
  aEx: { id: "a-ex-date", role: "ex", class: "A", remindable: false },
  aPay: { id: "a-payment", role: "payment", class: "A", remindable: true },
};
const DECIMAL_TERMS = ["cash", "hCash", "hRate", "bonus", "cap"] as const;
const LOT_TERMS = ["hLot", "aLot"] as const;
const OTHER_TERMS = ["event", "name", "classes", "cashCurrency"] as const;
const KNOWN = new Set<string>([...Object.keys(DATE_TERMS), ...DECIMAL_TERMS, ...LOT_TERMS, ...OTHER_TERMS]);

const invalid = (term: string, why: string) => fail<ResolvedCustomEvent>(apiError(400, "term_invalid", `${term}: ${why}`));

/** "2.60" → "2.6", "06" → "6", "0.0" → "0". */
function canonicalDecimal(value: string): string {
  const [whole = "0", fraction = ""] = value.split(".");
  const w = whole.replace(/^0+(?=\d)/, "");
  const f = fraction.replace(/0+$/, "");
  return f ? `${w}.${f}` : w;
}

function isRealDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

/** A day-only date at 09:00 Hong Kong time; hLodge's date alone at 16:30 (§3.4). */
function dateTime(term: string, value: string): string | undefined {
  if (isRealDate(value)) return `${value}T${term === "hLodge" ? "16:30" : "09:00"}:00+08:00`;
  if (term !== "hLodge") return undefined;
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?(Z|[+-]\d{2}:\d{2})$/.test(value) || !isRealDate(value.slice(0, 10))) return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : formatISO(new TZDate(ms, TIME_ZONE));
}

/** The §3.4 terms (a query string) → the custom event the reminders need, or the §3.4 error. */
export function resolveCustomEvent(terms: string): Result<ResolvedCustomEvent> {
  if (terms.length > MAX_TERMS_LENGTH) return invalid("terms", `at most ${MAX_TERMS_LENGTH} characters`);
  const params = new URLSearchParams(terms.startsWith("?") ? terms.slice(1) : terms);
  const values = new Map<string, string>();
  for (const [name, raw] of params) {
    if (!KNOWN.has(name)) return invalid(name.slice(0, 40), "not a term");
    if (values.has(name)) return invalid(name, "given twice");
    values.set(name, raw.trim());
  }
  const event = values.get("event");
  if (event !== undefined && event !== "custom") return invalid("event", 'must be "custom" for typed-in terms');

  const canonical = new Map<string, string>();
  const name = values.get("name");
  if (name) canonical.set("name", name);

  const classesText = (values.get("classes") || "A,H").toUpperCase().replace(/\s/g, "");
  const classes =
    classesText === "A,H" || classesText === "H,A" ? ["A", "H"] : classesText === "A" || classesText === "H" ? [classesText] : [];
  if (classes.length === 0) return invalid("classes", "must be A, H or A,H");
  canonical.set("classes", classes.join(","));

  for (const term of DECIMAL_TERMS) {
    const value = values.get(term);
    if (value === undefined || value === "") continue;
    if (!/^\d{1,9}(\.\d{1,10})?$/.test(value)) return invalid(term, "must be a decimal number such as 2.60");
    const c = canonicalDecimal(value);
    if (c !== "0") canonical.set(term, c);
    else if (term === "hRate" || term === "hCash") return invalid(term, "must be more than 0");
  }
  for (const term of LOT_TERMS) {
    const value = values.get(term);
    if (value === undefined || value === "") continue;
    if (!/^[1-9]\d{0,6}$/.test(value)) return invalid(term, "must be a whole number of shares, 1 or more");
    canonical.set(term, value);
  }
  if (classes.includes("A")) canonical.set("aLot", canonical.get("aLot") ?? "100");
  else if (values.get("aLot")) return invalid("aLot", "is for A shares, but classes has no A");
  if (!classes.includes("H") && values.get("hLot")) return invalid("hLot", "is for H shares, but classes has no H");

  const currency = (values.get("cashCurrency") || "RMB").toUpperCase();
  if (currency !== "RMB" && currency !== "HKD") return invalid("cashCurrency", "must be RMB or HKD");
  if (currency === "HKD" && classes.join(",") !== "H") return invalid("cashCurrency", "HKD only with classes=H");
  canonical.set("cashCurrency", currency);

  if (!canonical.has("cash") && !canonical.has("bonus") && !canonical.has("cap")) {
    return fail(apiError(400, "terms_empty", "give at least one of cash, bonus or cap"));
  }
  const needsRate = canonical.has("cash") && currency === "RMB" && classes.includes("H");
  if (needsRate && canonical.has("hCash") === canonical.has("hRate")) {
    return fail(apiError(400, "h_rate_missing", "with RMB cash and H shares give exactly one of hCash and hRate"));
  }

  const milestones: ReminderMilestone[] = [];
  for (const [term, spec] of Object.entries(DATE_TERMS)) {
    const value = values.get(term);
    if (value === undefined || value === "") continue;
    if (spec.class !== null && !classes.includes(spec.class))
      return invalid(term, `is for ${spec.class} shares, but classes has no ${spec.class}`);
    const at = dateTime(term, value);
    if (!at)
      return invalid(term, term === "hLodge" ? "must be a date (YYYY-MM-DD) or a date-time with an offset" : "must be a date, YYYY-MM-DD");
    canonical.set(term, term === "hLodge" ? at : value);
    milestones.push({ id: spec.id, role: spec.role, class: spec.class, at, dayOnly: term !== "hLodge", remindable: spec.remindable });
  }
  const time = (term: string) => {
    const m = DATE_TERMS[term];
    const found = m ? milestones.find((x) => x.id === m.id) : undefined;
    return found ? Date.parse(found.at) : undefined;
  };
  const order: [string, string][] = [
    ["hLastCum", "hEx"],
    ["hLastCum", "hLodge"],
    ["hLodge", "hCloseFrom"],
    ["hCloseFrom", "hCloseTo"],
    ["hRecord", "hPay"],
    ["aRecord", "aPay"],
    ["agm", "hRecord"],
    ["agm", "aRecord"],
  ];
  for (const [before, after] of order) {
    const [a, b] = [time(before), time(after)];
    if (a !== undefined && b !== undefined && a > b) {
      return fail(apiError(400, "dates_out_of_order", `${before} must not come after ${after}`));
    }
  }

  const text = [...canonical.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`)
    .join("&");
  const query = `event=custom&${text}`;
  const hash = createHash("sha256").update(query).digest("hex").slice(0, 32);
  return ok({
    hash,
    event: {
      id: `${CUSTOM_PREFIX}${hash}`,
      name: name ? { en: name, "zh-Hant": name, "zh-Hans": name } : null,
      terms: query,
      timeZone: TIME_ZONE,
      milestones: milestones.sort((a, b) => Date.parse(a.at) - Date.parse(b.at)),
    },
  });
}
