import "server-only";
import { futureReminders } from "../../schedule/reminders";
import { errorMessage } from "../pipeline/log";
import { ensureFanOut } from "../pipeline/queues";
import { MAX_EVENTS_PER_DEVICE } from "../pipeline/store";
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

/**
 * POST /api/v1/subscriptions → sets one event's selection on the device: 201 (new for this device and event) or
 * 200 (replaced), with the event's id (`custom-…` for typed-in terms) and the reminders still to come.
 */
export async function postSubscription(request: Request): Promise<Response> {
  try {
    const context = await webContext();
    if (!context.ok) return errorResponse(context.error);
    const { config, clock, store, customEvents, queues, limiter } = context.value;
    const allowed = await limiter.take(clientKey(request.headers, config.trustProxy));
    if (!allowed.ok) return errorResponse(allowed.error);
    const body = await readJsonBody(request);
    if (!body.ok) return errorResponse(body.error);
    const now = clock.now();
    const input = parseSubscribeBody(body.value, config.push, now);
    if (!input.ok) return errorResponse(input.error);
    const { device, selection, event } = input.value;

    // A typed-in event is stored once, under the hash of its terms: every holder of it shares one schedule.
    if (event.terms !== undefined) await customEvents.save(event, now);
    const { id, created, refusal } = await store.setSelection(device, selection, now, config.maxSubscriptions);
    if (refusal === "full") return errorResponse(FULL);
    // The endpoint is held with another auth secret: only its owner may change it (docs/security.md).
    if (refusal === "not-owner") return errorResponse(apiError(403, "forbidden", "this push endpoint cannot be changed with these keys"));
    if (refusal === "too-many-events") {
      return errorResponse(apiError(400, "too_many_events", `a device may hold reminders for at most ${MAX_EVENTS_PER_DEVICE} events`));
    }
    // Every milestone of the selection, whatever the class the holder was looking at when saving.
    const reminders = futureReminders(event, { milestones: selection.milestones, leads: selection.leads }, now);
    // The worker's reconciler would create these too; doing it here means a reminder minutes away is not missed.
    for (const reminder of reminders) await ensureFanOut(queues.fanOut, reminder, clock);
    return Response.json(
      { id, event: event.id, reminders: reminders.map((r) => ({ milestone: r.milestone, lead: r.lead, at: r.at })) },
      { status: created ? 201 : 200, headers: NO_STORE },
    );
  } catch (error) {
    return unexpected(error);
  }
}

/**
 * DELETE /api/v1/subscriptions with { endpoint, auth, event? } → 204: that event's reminders, or the device's
 * all; 404 when unknown or the secret is wrong (one answer for both).
 */
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
    if (!(await store.removeOwned(target.value.endpoint, target.value.auth, target.value.event))) {
      return errorResponse(apiError(404, "subscription_not_found", "no subscription with this endpoint and auth secret"));
    }
    return new Response(null, { status: 204, headers: NO_STORE });
  } catch (error) {
    return unexpected(error);
  }
}
