import { eventJsonSchema } from "@/lib/events/schema";

const BODY = JSON.stringify(eventJsonSchema());

/** GET /api/v1/schema/event.json — the event model as JSON Schema, generated from the zod schema. */
export function GET(): Response {
  return new Response(BODY, {
    headers: { "content-type": "application/schema+json; charset=utf-8", "cache-control": "public, max-age=3600" },
  });
}
