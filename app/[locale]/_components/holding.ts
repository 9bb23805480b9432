import type { HolderType } from "@/lib/entitlement/holders";
import type { EntitlementEvent, Milestone, ShareClass } from "@/lib/events/schema";

/**
 * How a holder holds the shares (issue 14): through a broker (CCASS for H, a Mainland securities account for A),
 * through Stock Connect (Southbound for H, Northbound for A), or in their own name on the H share register
 * (certificates). The route decides what the holder must do and when the money arrives; the tax type it
 * implies is only a default, the holder can still change it.
 */
export const ROUTES = ["broker", "stock-connect", "own-name"] as const;
export type HoldingRoute = (typeof ROUTES)[number];

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

/** The roles milestones carry (the shared decision for the event model). */
export type MilestoneRole =
  | "approval"
  | "last-cum"
  | "ex"
  | "lodgement"
  | "closure-start"
  | "closure-end"
  | "record"
  | "payment"
  | "warrants-posted"
  | "southbound-last-buy";

// TEMPORARY, the only place that knows milestone ids: today's milestones have ids but no role yet.
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
 * The milestone with this role for this class (or for both classes), if the event has one. Every component
 * selects milestones through here. Once milestones carry `role` (lib/events), the body becomes:
 *   return event.milestones.find((m) => m.role === role && (m.class === cls || m.class === null));
 */
export function milestoneFor(event: EntitlementEvent, role: MilestoneRole, cls: ShareClass): Milestone | undefined {
  const id = role === "approval" ? "agm-approval" : `${cls.toLowerCase()}-${ID_SUFFIX[role]}`;
  return event.milestones.find((m) => m.id === id && (m.class === cls || m.class === null));
}
