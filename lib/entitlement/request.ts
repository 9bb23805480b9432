import { DEFAULT_EVENT_ID, findEvent } from "../events/catalog";
import type { ShareClass } from "../events/schema";
import { computeEntitlement, type Entitlement, type EntitlementDetail } from "./compute";
import { Decimal } from "./decimal";
import { type EntitlementError, entitlementError } from "./errors";
import { DEFAULT_HOLDER, HOLDER_TAX, HOLDERS_BY_CLASS, isHolderType } from "./holders";
import type { NoteCode, NoteParams } from "./notes";
import { parsePrice } from "./parse-price";
import { parseShares } from "./parse-shares";
import { err, ok, type Result } from "./result";

export const REQUEST_PARAMETERS = ["event", "class", "shares", "holder", "price"] as const;
export type RequestParameter = (typeof REQUEST_PARAMETERS)[number];

/** Parameters as they arrive from a query string or the command line: each name once, as text. */
export type RawParams = Record<string, string | readonly string[] | undefined>;

/** Turns note codes into the `notes` strings of the JSON (English for the API and CLI; the page translates codes). */
export type NoteRenderer = (codes: NoteCode[], params: NoteParams) => string[];

/**
 * The single door every caller (API, CLI, page) goes through: raw text in, an entitlement or a reason out.
 */
export function entitlementFromParams(raw: RawParams, renderNotes: NoteRenderer): Result<EntitlementDetail, EntitlementError> {
  const params: Partial<Record<RequestParameter, string>> = {};
  for (const [name, value] of Object.entries(raw)) {
    if (value === undefined) continue;
    if (!(REQUEST_PARAMETERS as readonly string[]).includes(name)) {
      return err(entitlementError("unknown_parameter", `Unknown parameter "${name}". Use: ${REQUEST_PARAMETERS.join(", ")}.`));
    }
    if (typeof value !== "string") {
      if (value.length !== 1) return err(entitlementError("repeated_parameter", `Give "${name}" once.`));
      params[name as RequestParameter] = value[0];
    } else {
      params[name as RequestParameter] = value;
    }
  }

  const eventId = params.event?.trim() || DEFAULT_EVENT_ID;
  const event = findEvent(eventId);
  if (!event) return err(entitlementError("unknown_event", `No event "${eventId}" is known.`));

  const classText = (params.class ?? "").normalize("NFKC").trim().toUpperCase();
  if (classText !== "H" && classText !== "A") {
    return err(entitlementError("unknown_class", 'Choose the share class: "H" (Hong Kong) or "A" (Shenzhen).'));
  }
  const shareClass: ShareClass = classText;

  const holderText = params.holder?.trim() || DEFAULT_HOLDER[shareClass];
  if (!isHolderType(holderText)) {
    return err(
      entitlementError(
        "unknown_holder",
        `Unknown holder type "${holderText}". For ${shareClass} shares use: ${HOLDERS_BY_CLASS[shareClass].join(", ")}.`,
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

  const terms = event.classes[shareClass];
  const shares = parseShares(params.shares, terms.issuedShares.value);
  if (!shares.ok) return shares;
  const price = parsePrice(params.price, new Decimal(terms.cashPerShare.value));
  if (!price.ok) return price;

  return ok(computeEntitlement({ event, shareClass, holder: holderText, shares: shares.value, price: price.value }, renderNotes));
}

/** The exact text the API and the CLI answer with, so that both are the same byte for byte. */
export function entitlementJson(entitlement: Entitlement): string {
  return JSON.stringify(entitlement);
}
