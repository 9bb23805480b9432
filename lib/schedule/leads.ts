/**
 * How long before a milestone a reminder comes. ISO 8601 durations, so that the API, the UI and the
 * stored subscription all speak the same words.
 */
export const LEADS = ["P7D", "P1D", "PT2H"] as const;
export type Lead = (typeof LEADS)[number];

const HOUR_MS = 60 * 60 * 1000;

/**
 * A lead as a fixed span of time. Exact for Hong Kong, which has had no daylight saving since 1979, so
 * "7 days before" is always 7 × 24 hours; an event in a zone with DST would need calendar arithmetic here.
 */
export const LEAD_MS: Readonly<Record<Lead, number>> = {
  P7D: 7 * 24 * HOUR_MS,
  P1D: 24 * HOUR_MS,
  PT2H: 2 * HOUR_MS,
};

export function isLead(value: unknown): value is Lead {
  return typeof value === "string" && (LEADS as readonly string[]).includes(value);
}

/** The leads shorter than this one: the reminders that come after it for the same milestone. */
export function shorterLeads(lead: Lead): Lead[] {
  return LEADS.filter((other) => LEAD_MS[other] < LEAD_MS[lead]);
}
