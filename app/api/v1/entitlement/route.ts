import { entitlementInEnglish } from "@/lib/entitlement/english";
import { errorBody } from "@/lib/entitlement/errors";
import { entitlementJson, type RawParams } from "@/lib/entitlement/request";
import { validateCatalog } from "@/lib/events/validate";

validateCatalog();

/** GET /api/v1/entitlement — the same JSON as the CLI, byte for byte (DESIGN §3.1). */
export function GET(request: Request): Response {
  const query = new URL(request.url).searchParams;
  const params: RawParams = Object.fromEntries([...new Set(query.keys())].map((name) => [name, query.getAll(name)]));
  const result = entitlementInEnglish(params);
  if (!result.ok) return Response.json(errorBody(result.error), { status: 400 });
  return new Response(entitlementJson(result.value.entitlement), {
    headers: { "content-type": "application/json; charset=utf-8", "cache-control": "public, max-age=300" },
  });
}
