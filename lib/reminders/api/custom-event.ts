import "server-only";
import { customEventFromQuery } from "../../events/custom";
import { MAX_TERMS_LENGTH } from "../../protocol/subscriptions";
import { CUSTOM_PREFIX, type ReminderEvent } from "../pipeline/events";
import { apiError, fail, ok, type Result } from "./api-error";

/**
 * THE ADAPTER between the reminders API and the event-terms codec of DESIGN §3.4 (lib/events): the terms (a query
 * string) → the custom event the reminders need: its id (`custom-` and the codec's hash of the canonical terms, so
 * every holder of the same event shares one schedule), its dates with their roles, the holder's name for it, and
 * the canonical terms for the notification's link. Refusals are the codec's §3.4 error, naming the term.
 */
export interface ResolvedCustomEvent {
  /** The codec's hash of the canonical terms; the event's id is `custom-<hash>`. */
  hash: string;
  event: ReminderEvent;
}

export function resolveCustomEvent(terms: string): Result<ResolvedCustomEvent> {
  if (terms.length > MAX_TERMS_LENGTH) return fail(apiError(400, "term_invalid", `terms: at most ${MAX_TERMS_LENGTH} characters`));
  const read = customEventFromQuery(terms.startsWith("?") ? terms.slice(1) : terms);
  if (!read.ok) {
    const issue = read.issues[0];
    return fail(apiError(400, issue?.code ?? "term_invalid", issue?.message ?? "the terms are not valid"));
  }
  const name = read.terms.name;
  return ok({
    hash: read.hash,
    event: {
      id: `${CUSTOM_PREFIX}${read.hash}`,
      name: name ? { en: name, "zh-Hant": name, "zh-Hans": name } : null,
      terms: `event=custom&${read.canonical}`,
      timeZone: read.event.timeZone,
      milestones: read.event.milestones.map((m) => ({
        id: m.id,
        role: m.role,
        class: m.class,
        at: m.at,
        dayOnly: m.dayOnly,
        remindable: m.remindable,
      })),
    },
  });
}
