import { addMonths, addYears } from "date-fns";
import { type EntitlementError, entitlementError } from "./errors";
import type { HoldingBand } from "./later-tax";
import { err, ok, type Result } from "./result";

export interface HoldingBands {
  /** Sold on or before this day: held up to 1 month (20%). */
  upTo1MonthUntil: string;
  /** Sold on or before this day: held up to 1 year (10%); after it, no tax. */
  upTo1YearUntil: string;
}

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

// date-fns' format() would pull its whole token parser into the page for one fixed pattern.
const isoDay = (d: Date) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;

// Local calendar days on both sides (parse and format), so the device's time zone never shifts a date.
function parseDay(text: string): Date | null {
  const m = ISO_DAY.exec(text);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(y, mo - 1, d, 12); // noon: no daylight-saving jump can move it to another day
  // Reject days that roll over (2023-02-30).
  return date.getFullYear() === y && date.getMonth() === mo - 1 && date.getDate() === d ? date : null;
}

/**
 * 财税〔2015〕101号 bands for A-share individuals, from the day the shares were bought. How CSDC counts "one
 * month" at the boundary is not in our sources, so the change days are an estimate (± 1 day).
 */
export function holdingBands(boughtOn: string): Result<HoldingBands, EntitlementError> {
  const bought = parseDay(boughtOn);
  if (!bought) return err(entitlementError("bought_date_invalid", "Enter the day you bought the shares as a date."));
  return ok({ upTo1MonthUntil: isoDay(addMonths(bought, 1)), upTo1YearUntil: isoDay(addYears(bought, 1)) });
}

/** The band a sale on `soldOn` falls in (both days YYYY-MM-DD). */
export function bandOnSale(bands: HoldingBands, soldOn: string): HoldingBand {
  if (soldOn <= bands.upTo1MonthUntil) return "up-to-1-month";
  if (soldOn <= bands.upTo1YearUntil) return "1-month-to-1-year";
  return "over-1-year";
}
