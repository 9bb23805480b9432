import { deleteSubscription, postSubscription } from "@/lib/reminders/api/subscriptions-api";

export const dynamic = "force-dynamic";

/** POST: subscribe to reminders (201, or 200 when the endpoint is already subscribed). */
export function POST(request: Request): Promise<Response> {
  return postSubscription(request);
}

/** DELETE: unsubscribe with { endpoint, auth } (204). */
export function DELETE(request: Request): Promise<Response> {
  return deleteSubscription(request);
}
