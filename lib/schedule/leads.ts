/**
 * How long before a milestone a reminder comes. The leads themselves are part of the protocol that page,
 * service worker and server share (lib/protocol/leads.ts); this file adds what only scheduling needs.
 */
import { LEAD_MS, LEADS, type Lead } from "../protocol/leads";

export { DAY_LEADS, isLead, LEAD_MS, LEADS, type Lead, leadFits } from "../protocol/leads";

/** The leads shorter than this one: the reminders that come after it for the same milestone. */
export function shorterLeads(lead: Lead): Lead[] {
  return LEADS.filter((other) => LEAD_MS[other] < LEAD_MS[lead]);
}
