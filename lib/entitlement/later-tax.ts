import { type Decimal, roundHalfUpTo } from "./decimal";

/** 财税〔2015〕101号: the differential dividend tax A-share individuals pay when they sell. */
export const LATER_TAX_BANDS = [
  { heldFor: "up-to-1-month", rate: "0.2" },
  { heldFor: "1-month-to-1-year", rate: "0.1" },
  { heldFor: "over-1-year", rate: "0" },
] as const;
export type HoldingBand = (typeof LATER_TAX_BANDS)[number]["heldFor"];

export interface LaterTax {
  heldFor: HoldingBand;
  rate: string;
  tax: string;
}

/** The tax due on sale for each holding period, rounded half-up to the fen (domain.md Decision 3). */
export function laterTax(grossExact: Decimal): LaterTax[] {
  return LATER_TAX_BANDS.map((b) => ({ heldFor: b.heldFor, rate: b.rate, tax: roundHalfUpTo(grossExact.times(b.rate), 2) }));
}
