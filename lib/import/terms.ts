import { TERM_NAMES, type TermName } from "../events/term-names";

/** The §3.4 term names, in the canonical order of DESIGN.md §3.4 (the order of the query string). */
export const TERM_ORDER = TERM_NAMES;
export type { TermName };

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
