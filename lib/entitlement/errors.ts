/**
 * Every way an entitlement request can be refused. The code is stable (clients and the UI translate it);
 * the message is plain English for the API and the CLI.
 */
export const ERROR_CODES = [
  "shares_missing",
  "shares_not_a_number",
  "shares_not_whole",
  "shares_exponent",
  "shares_not_positive",
  "shares_above_issued",
  "price_invalid",
  "price_not_above_dividend",
  "unknown_event",
  "unknown_class",
  "unknown_holder",
  "holder_wrong_class",
  "unknown_parameter",
  "repeated_parameter",
  "bought_date_invalid",
  // Terms of a custom event (DESIGN §3.4; lib/events/terms.ts).
  "term_invalid",
  "terms_empty",
  "h_rate_missing",
  "dates_out_of_order",
] as const;
export type EntitlementErrorCode = (typeof ERROR_CODES)[number];

export interface EntitlementError {
  code: EntitlementErrorCode;
  message: string;
  /** For the term errors: which term the page shows the message beside. */
  term?: string;
}

export function entitlementError(code: EntitlementErrorCode, message: string): EntitlementError {
  return { code, message };
}

/** The JSON body every door (API, CLI) answers a refusal with. */
export function errorBody(error: EntitlementError): { error: EntitlementError } {
  return { error: { code: error.code, message: error.message, ...(error.term ? { term: error.term } : {}) } };
}
