import { jlmag2022Final } from "./jlmag-2022-final";
import { type EntitlementEvent, eventSchema } from "./schema";

/**
 * Every event the app knows. Adding an announcement is one new file beside this one and one line here.
 * Each entry is validated once, at import, so a bad data file fails fast rather than giving wrong numbers.
 */
const entries: readonly EntitlementEvent[] = [jlmag2022Final].map((e) => eventSchema.parse(e));

export const DEFAULT_EVENT_ID = "jlmag-2022-final";

export function listEvents(): readonly EntitlementEvent[] {
  return entries;
}

/** The event with this id, or undefined when there is none. */
export function findEvent(id: string): EntitlementEvent | undefined {
  return entries.find((e) => e.id === id);
}
