/** The §3.4 term names, in the canonical order of DESIGN.md §3.4 (the order of the query string). */
export const TERM_ORDER = [
  "name",
  "classes",
  "cash",
  "cashCurrency",
  "hCash",
  "hRate",
  "bonus",
  "cap",
  "hLot",
  "aLot",
  "agm",
  "hLastCum",
  "hEx",
  "hCloseFrom",
  "hCloseTo",
  "hRecord",
  "hPay",
  "aRecord",
  "aEx",
  "aPay",
  "hLodge",
] as const;

export type TermName = (typeof TERM_ORDER)[number];

export interface Field {
  value: string;
  /** An exact substring of the input: the sentence (or the part of it) the value was read from. */
  quote: string;
}

export interface ImportResult {
  /** The §3.4 query string (without `event=custom`), canonical order. */
  terms: string;
  fields: Partial<Record<TermName, Field>>;
  missing: TermName[];
  warnings: string[];
}
