import { jlmag2022Final } from "./jlmag-2022-final";
import type { EntitlementEvent } from "./schema";

/**
 * Every event the app knows. Adding an announcement is one new file beside this one and one line here.
 * Typed at compile time; validated against the zod schema by `validateCatalog()` (server start-up, CLI, tests),
 * which keeps zod out of the browser bundle.
 */
const entries: readonly EntitlementEvent[] = [jlmag2022Final];

export const DEFAULT_EVENT_ID = "jlmag-2022-final";

export function listEvents(): readonly EntitlementEvent[] {
  return entries;
}

/** The event with this id, or undefined when there is none. */
export function findEvent(id: string): EntitlementEvent | undefined {
  return entries.find((e) => e.id === id);
}
