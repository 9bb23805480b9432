import { customEventFromQuery } from "@/lib/events/custom";
import { MAX_TERMS_LENGTH } from "@/lib/protocol/subscriptions";
import { apiError, errorResponse } from "@/lib/reminders/api/api-error";

/**
 * GET /api/v1/events/custom?…terms… (DESIGN §3.4) — the typed-in event as the event model: the typed dates and
 * the dates they imply (lib/events/derived-dates.ts, with the holiday calendars a page cannot carry). The custom
 * page merges the derived ones in; the reminders resolve the same event from the same terms, so the ids match.
 * Bad terms: 400 with the codec's code, naming the term.
 */
export function GET(request: Request): Response {
  const query = new URL(request.url).search.replace(/^\?/, "");
  if (query.length > MAX_TERMS_LENGTH) return errorResponse(apiError(400, "term_invalid", `terms: at most ${MAX_TERMS_LENGTH} characters`));
  const read = customEventFromQuery(query);
  if (!read.ok) {
    const issue = read.issues[0];
    return errorResponse(apiError(400, issue?.code ?? "term_invalid", issue?.message ?? "the terms are not valid"));
  }
  return Response.json(read.event, { headers: { "cache-control": "public, max-age=300" } });
}
