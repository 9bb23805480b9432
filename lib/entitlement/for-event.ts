import type { ShareClass } from "../events/model";
import type { EntitlementEvent } from "../events/schema";
import { computeEntitlement, type EntitlementDetail } from "./compute";
import { type EntitlementError, entitlementError } from "./errors";
import { classFigures, perShareValue } from "./figures";
import { DEFAULT_HOLDER, HOLDER_TAX, HOLDERS_BY_CLASS, isHolderType } from "./holders";
import type { NoteCode, NoteParams } from "./notes";
import { parsePrice } from "./parse-price";
import { parseShares } from "./parse-shares";
import { err, ok, type Result } from "./result";

/** Turns note codes into the `notes` strings of the JSON (English for the API and CLI; the page translates codes). */
export type NoteRenderer = (codes: NoteCode[], params: NoteParams) => string[];

/** The holding as typed, for an event already known (no event id, no terms). */
export interface HoldingParams {
  class?: string;
  shares?: string;
  holder?: string;
  price?: string;
}

const EXCHANGE_PLACE: Record<string, string> = { HKEX: "Hong Kong", SZSE: "Shenzhen", SSE: "Shanghai", BSE: "Beijing" };
const MARKET_PLACE: Record<ShareClass, string> = { H: "Hong Kong", A: "Shanghai or Shenzhen" };
const classWords = (event: EntitlementEvent, c: ShareClass) =>
  `"${c}" (${EXCHANGE_PLACE[event.classes[c]?.exchange ?? ""] ?? MARKET_PLACE[c]})`;

/**
 * The holding half of the one door: an event already resolved (from the catalog, or built from its terms) and the
 * holding as typed. The page calls this directly with the event it shows, so that the calculator's first load
 * carries neither the terms codec nor the catalog lookup; the API and CLI reach it through `entitlementFromParams`.
 */
export function entitlementForEvent(
  event: EntitlementEvent,
  params: HoldingParams,
  renderNotes: NoteRenderer,
): Result<EntitlementDetail, EntitlementError> {
  const classText = (params.class ?? "").normalize("NFKC").trim().toUpperCase();
  const offered = (["H", "A"] as const).filter((c) => event.classes[c]);
  const shareClass = offered.find((c) => c === classText);
  if (!shareClass) {
    return err(entitlementError("unknown_class", `Choose the share class: ${offered.map((c) => classWords(event, c)).join(" or ")}.`));
  }
  const figures = classFigures(event, shareClass);
  if (!figures) return err(entitlementError("unknown_class", "This event has no such share class."));

  const holderText = params.holder?.trim() || DEFAULT_HOLDER[shareClass];
  if (!isHolderType(holderText)) {
    return err(
      entitlementError(
        "unknown_holder",
        `Unknown holder type "${holderText.slice(0, 40)}". For ${shareClass} shares use: ${HOLDERS_BY_CLASS[shareClass].join(", ")}.`,
      ),
    );
  }
  if (HOLDER_TAX[holderText].class !== shareClass) {
    return err(
      entitlementError(
        "holder_wrong_class",
        `"${holderText}" is a holder type for ${HOLDER_TAX[holderText].class} shares. For ${shareClass} shares use: ${HOLDERS_BY_CLASS[shareClass].join(", ")}.`,
      ),
    );
  }

  const shares = parseShares(params.shares, figures.terms.issuedShares?.value ?? null);
  if (!shares.ok) return shares;
  const price = parsePrice(params.price, perShareValue(figures.paid.cash));
  if (!price.ok) return price;

  return ok(computeEntitlement({ event, figures, holder: holderText, shares: shares.value, price: price.value }, renderNotes));
}
