import type { EntitlementDetail } from "@/lib/entitlement/compute";
import { entitlementInEnglish } from "@/lib/entitlement/english";
import type { RawParams } from "@/lib/entitlement/request";

/** The entitlement for these parameters; fails the test when the request is refused. */
export function entitle(params: RawParams): EntitlementDetail["entitlement"] {
  const result = entitlementInEnglish(params);
  if (!result.ok) throw new Error(`refused: ${JSON.stringify(result.error)}`);
  return result.value.entitlement;
}
