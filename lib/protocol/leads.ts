/**
 * How long before a milestone a reminder comes. ISO 8601 durations, so that the API, the UI and the
 * stored subscription all speak the same words. No zod here (the schema is in enums.ts).
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

/** Leads counted in whole days: the only ones that make sense before a date that has no time of day. */
export const DAY_LEADS: readonly Lead[] = ["P7D", "P1D"];

export function isLead(value: unknown): value is Lead {
  return typeof value === "string" && (LEADS as readonly string[]).includes(value);
}

/**
 * Whether a lead fits a milestone: "2 hours before" a date given without a time would be 2 hours before an
 * hour nobody published (the data writes day-only dates at 09:00), so day-only milestones take day leads only.
 */
export function leadFits(lead: Lead, milestone: { dayOnly: boolean }): boolean {
  return !milestone.dayOnly || DAY_LEADS.includes(lead);
}
