/**
 * A typed-in event (DESIGN §3.4): its terms (terms.ts), the dates typed in (typed-in.ts) and the dates those
 * imply (derived-dates.ts: lodgement, H ex-date, last cum date, A ex-date, the Southbound last day to buy), each
 * derived date with its role, status and how it was worked out. A typed date is never replaced.
 */
import { withDerivedDates } from "./derived-dates";
import type { EntitlementEvent } from "./schema";
import { parseTermsQuery, printTerms, type TermIssue, type Terms, termsHash } from "./terms";
import { typedInEvent } from "./typed-in";

export { roleWords } from "./role-words";
export { CUSTOM_EVENT_ID, DATE_MILESTONES, TYPED_IN, typedInEvent } from "./typed-in";

/** The event the terms describe, as the calendar, the reminders and the pages read it: typed dates and derived ones. */
export function customEvent(t: Terms): EntitlementEvent {
  return withDerivedDates(typedInEvent(t));
}

/** A typed-in event from its query string (a link, a reminder request): the event, its canonical terms and hash. */
export function customEventFromQuery(
  query: string,
): { ok: true; event: EntitlementEvent; terms: Terms; canonical: string; hash: string } | { ok: false; issues: TermIssue[] } {
  const read = parseTermsQuery(query);
  if (!read.ok) return read;
  return { ok: true, event: customEvent(read.terms), terms: read.terms, canonical: printTerms(read.terms), hash: termsHash(read.terms) };
}
