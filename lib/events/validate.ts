import { listEvents } from "./catalog";
import { eventSchema } from "./schema";

/** Throws with the event id and the failing fields when a data file does not match the schema. */
export function validateCatalog(): void {
  for (const event of listEvents()) {
    const result = eventSchema.safeParse(event);
    if (!result.success) throw new Error(`Event "${event.id}" is invalid: ${result.error.message}`);
  }
}
