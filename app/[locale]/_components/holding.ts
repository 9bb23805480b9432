import type { HolderType } from "@/lib/entitlement/holders";
import type { EntitlementEvent, Milestone, ShareClass } from "@/lib/events/schema";
import type { HoldingRoute, MilestoneRole } from "@/lib/schedule/choices";

export type { HoldingRoute } from "@/lib/schedule/choices";

/**
 * How a holder holds the shares (issue 14): through a broker (CCASS for H, a Mainland securities account for A),
 * through Stock Connect (Southbound for H, Northbound for A), or in their own name on the H share register
 * (certificates). The route decides what the holder must do and when the money arrives; the tax type it
 * implies is only a default, the holder can still change it.
 */
/** A shares are all held in securities accounts at CSDC: there is no certificate route for them. */
export const ROUTES_BY_CLASS: Record<ShareClass, readonly HoldingRoute[]> = {
  H: ["broker", "stock-connect", "own-name"],
  A: ["broker", "stock-connect"],
};

/** The usual tax type for a route (the holder may pick another). */
export const ROUTE_HOLDER: Record<ShareClass, Partial<Record<HoldingRoute, HolderType>>> = {
  H: { broker: "hk-individual", "stock-connect": "southbound-individual", "own-name": "hk-individual" },
  A: { broker: "prc-individual", "stock-connect": "northbound" },
};

/** The route a stored tax type most likely came with (for inputs saved before routes existed). */
export function routeOfHolder(holder: HolderType): HoldingRoute {
  return holder.startsWith("southbound-") || holder === "northbound" ? "stock-connect" : "broker";
}

// Today's ids (DESIGN §3.2) for the roles, until every milestone carries its `role` in the data.
const ID_SUFFIX: Record<Exclude<MilestoneRole, "approval">, string> = {
  "last-cum": "last-cum-date",
  ex: "ex-date",
  lodgement: "lodgement-deadline",
  "closure-start": "book-closure-start",
  "closure-end": "book-closure-end",
  record: "record-date",
  payment: "payment",
  "warrants-posted": "warrants-posted",
  "southbound-last-buy": "southbound-last-buy",
};

/**
 * The milestone with this role for this class (or for both classes), by its `role` where the data has one.
 * The same answer as `findMilestone()` in lib/schedule/choices.ts, which the page does not import: that module
 * brings the reminder schedule into the page's first load (+2.6 KB gzip, over the 1.2× budget). Once
 * `findMilestone` lives in a module of its own (lib/events), this becomes `export { findMilestone as milestoneFor }`.
 */
export function milestoneFor(event: EntitlementEvent, role: MilestoneRole, cls: ShareClass): Milestone | undefined {
  const byRole = event.milestones.find((m) => (m as { role?: unknown }).role === role && (m.class === cls || m.class === null));
  if (byRole) return byRole;
  const id = role === "approval" ? "agm-approval" : `${cls.toLowerCase()}-${ID_SUFFIX[role]}`;
  return event.milestones.find((m) => m.id === id && (m.class === cls || m.class === null));
}
