import "server-only";
import { findEvent } from "../../events/catalog";
import { futureReminders } from "../../schedule/reminders";
import { errorMessage } from "../pipeline/log";
import { ensureFanOut } from "../pipeline/queues";
import { resolveVapidKeys } from "../push/vapid";
import { apiError, errorResponse } from "./api-error";
import { clientKey } from "./client-ip";
import { readJsonBody } from "./request-body";
import { parseSubscribeBody, parseUnsubscribeBody } from "./subscription-request";
import { webConfig, webContext } from "./web-context";

/** The handlers behind app/api/v1/push and app/api/v1/subscriptions. Every refusal is the error JSON; never a 500. */

const NO_STORE = { "cache-control": "no-store" };

/** A Redis at its memory cap refuses writes (noeviction) with an OOM error: full, not broken. */
function isRedisFull(error: unknown): boolean {
  return error instanceof Error && /^OOM /.test(error.message);
}

const FULL = apiError(503, "reminders_full", "this server cannot take more reminders right now; try again later", {
  "retry-after": "3600",
});

function unexpected(error: unknown): Response {
  if (isRedisFull(error)) return errorResponse(FULL);
  // Reached only when Redis fails mid-request (or on a bug, which the log shows): tell the client to retry later.
  console.error(
    JSON.stringify({
      time: new Date().toISOString(),
      level: "error",
      component: "web",
      msg: "reminder request failed",
      error: errorMessage(error),
    }),
  );
  return errorResponse(apiError(503, "reminders_unavailable", "reminders are unavailable right now; try again later"));
}

/** GET /api/v1/push/public-key → { publicKey } (the VAPID application server key). */
export function getPublicKey(): Response {
  const config = webConfig();
  if (!config.ok) return errorResponse(config.error);
  try {
    return Response.json({ publicKey: resolveVapidKeys(config.value).publicKey }, { headers: NO_STORE });
  } catch (error) {
    return unexpected(error);
  }
}

/** POST /api/v1/subscriptions → 201 (new) or 200 (same endpoint again) with the reminders still to come. */
export async function postSubscription(request: Request): Promise<Response> {
  try {
    const context = await webContext();
    if (!context.ok) return errorResponse(context.error);
    const { config, clock, store, queues, limiter } = context.value;
    const allowed = await limiter.take(clientKey(request.headers, config.trustProxy));
    if (!allowed.ok) return errorResponse(allowed.error);
    const body = await readJsonBody(request);
    if (!body.ok) return errorResponse(body.error);
    const input = parseSubscribeBody(body.value, config.push);
    if (!input.ok) return errorResponse(input.error);

    const now = clock.now();
    const { id, created, refusal } = await store.upsert(input.value, now, config.maxSubscriptions);
    if (refusal === "full") return errorResponse(FULL);
    // The endpoint is held with another auth secret: only its owner may change it (docs/security.md).
    if (refusal === "not-owner") return errorResponse(apiError(403, "forbidden", "this push endpoint cannot be changed with these keys"));
    const event = findEvent(input.value.event);
    const reminders = event ? futureReminders(event, input.value, now) : [];
    // The worker's reconciler would create these too; doing it here means a reminder minutes away is not missed.
    for (const reminder of reminders) await ensureFanOut(queues.fanOut, reminder, clock);
    return Response.json(
      { id, reminders: reminders.map((r) => ({ milestone: r.milestone, lead: r.lead, at: r.at })) },
      { status: created ? 201 : 200, headers: NO_STORE },
    );
  } catch (error) {
    return unexpected(error);
  }
}

/** DELETE /api/v1/subscriptions with { endpoint, auth } → 204; 404 when unknown or the secret is wrong. */
export async function deleteSubscription(request: Request): Promise<Response> {
  try {
    const context = await webContext();
    if (!context.ok) return errorResponse(context.error);
    const { config, store, limiter } = context.value;
    const allowed = await limiter.take(clientKey(request.headers, config.trustProxy));
    if (!allowed.ok) return errorResponse(allowed.error);
    const body = await readJsonBody(request);
    if (!body.ok) return errorResponse(body.error);
    const target = parseUnsubscribeBody(body.value);
    if (!target.ok) return errorResponse(target.error);
    // One answer for "no such endpoint" and "wrong secret", so the API does not reveal which endpoints exist.
    if (!(await store.removeOwned(target.value.endpoint, target.value.auth))) {
      return errorResponse(apiError(404, "subscription_not_found", "no subscription with this endpoint and auth secret"));
    }
    return new Response(null, { status: 204, headers: NO_STORE });
  } catch (error) {
    return unexpected(error);
  }
}
