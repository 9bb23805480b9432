import { DEFAULT_EVENT_ID, findEvent } from "../events/catalog";
import type { EntitlementEvent } from "../events/schema";
import { readTerms, TERM_NAMES, type TermName } from "../events/terms";
import { CUSTOM_EVENT_ID, typedInEvent } from "../events/typed-in";
import type { Entitlement, EntitlementDetail } from "./compute";
import { type EntitlementError, entitlementError } from "./errors";
import { entitlementForEvent, type NoteRenderer } from "./for-event";
import { err, ok, type Result } from "./result";

export const BASE_PARAMETERS = ["event", "class", "shares", "holder", "price"] as const;
/** Everything a request may carry: the holding, and the terms of a custom event (DESIGN §3.1, §3.4). */
export const REQUEST_PARAMETERS = [...BASE_PARAMETERS, ...TERM_NAMES] as const;
export type RequestParameter = (typeof REQUEST_PARAMETERS)[number];

/** Parameters as they arrive from a query string or the command line: each name once, as text. */
export type RawParams = Record<string, string | readonly string[] | undefined>;

export type { NoteRenderer };

/** The event a request names: a catalog id, or `custom` with its terms. */
export function eventFromParams(
  params: Partial<Record<RequestParameter, string>>,
  raw: RawParams,
): Result<EntitlementEvent, EntitlementError> {
  const eventId = params.event?.normalize("NFKC").trim() || DEFAULT_EVENT_ID;
  const termGiven = TERM_NAMES.find((t) => raw[t] !== undefined);
  if (eventId === CUSTOM_EVENT_ID) {
    const read = readTerms(Object.fromEntries(TERM_NAMES.map((t) => [t, raw[t]])));
    if (!read.ok) {
      const first = read.issues[0];
      if (first) return err({ code: first.code, message: first.message, term: first.term });
      return err(entitlementError("terms_empty", "Give the terms of the event."));
    }
    // The figures need no dates: the light builder keeps the holiday calendars out of the calculator's bundle.
    return ok(typedInEvent(read.terms));
  }
  const event = findEvent(eventId);
  if (!event) return err(entitlementError("unknown_event", `No event "${eventId.slice(0, 80)}" is known.`));
  if (termGiven) {
    return err(
      entitlementError(
        "unknown_parameter",
        `"${termGiven}" is a term of a typed-in event: use it with event=custom, not with a catalog event.`,
      ),
    );
  }
  return ok(event);
}

/**
 * The single door every caller (API, CLI, page) goes through: raw text in, an entitlement or a reason out.
 */
export function entitlementFromParams(raw: RawParams, renderNotes: NoteRenderer): Result<EntitlementDetail, EntitlementError> {
  const params: Partial<Record<RequestParameter, string>> = {};
  for (const [name, value] of Object.entries(raw)) {
    if (value === undefined) continue;
    if (!(REQUEST_PARAMETERS as readonly string[]).includes(name)) {
      return err(
        entitlementError(
          "unknown_parameter",
          `Unknown parameter "${name.slice(0, 40)}". Use: ${BASE_PARAMETERS.join(", ")}, and with event=custom the terms ${TERM_NAMES.join(", ")}.`,
        ),
      );
    }
    if (typeof value !== "string") {
      if (value.length !== 1) return err(entitlementError("repeated_parameter", `Give "${name}" once.`));
      params[name as RequestParameter] = value[0];
    } else {
      params[name as RequestParameter] = value;
    }
  }

  const found = eventFromParams(params, params);
  if (!found.ok) return found;
  const event = found.value;

  return entitlementForEvent(event, params, renderNotes);
}

/** The exact text the API and the CLI answer with, so that both are the same byte for byte. */
export function entitlementJson(entitlement: Entitlement): string {
  return JSON.stringify(entitlement);
}

export type { TermName };
