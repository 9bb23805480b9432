import { getPublicKey } from "@/lib/reminders/api/subscriptions-api";

export const dynamic = "force-dynamic";

/** GET /api/v1/push/public-key → { publicKey } for pushManager.subscribe({ applicationServerKey }). */
export function GET(): Response {
  return getPublicKey();
}
