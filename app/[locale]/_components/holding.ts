import type { HolderType } from "@/lib/entitlement/holders";
import type { ClassMarket } from "@/lib/events/model";
import type { ShareClass } from "@/lib/events/schema";
import type { HoldingRoute } from "@/lib/schedule/choices";

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

/**
 * Which way Stock Connect runs for a class: into a class held in Hong Kong's central clearing system (CCASS) it is
 * Southbound (Mainland investors buying in Hong Kong); into a Mainland class, Northbound.
 */
export function connectDirection(market: Pick<ClassMarket, "heldThroughCcass">): "southbound" | "northbound" {
  return market.heldThroughCcass ? "southbound" : "northbound";
}
