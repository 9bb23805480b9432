import { listEvents } from "@/lib/events/catalog";
import { summariseEvent } from "@/lib/events/summary";
import { validateCatalog } from "@/lib/events/validate";

validateCatalog();

/** GET /api/v1/events — the catalog: id, names, classes, milestone dates and roles (README "HTTP API"). */
export function GET(): Response {
  return Response.json({ events: listEvents().map(summariseEvent) }, { headers: { "cache-control": "public, max-age=300" } });
}
