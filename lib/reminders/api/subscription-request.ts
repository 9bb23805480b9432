import "server-only";
import { createECDH } from "node:crypto";
import type { z } from "zod";
import type { Config } from "../../config";
import { findEvent } from "../../events/catalog";
import { LEADS } from "../../protocol/leads";
import { subscribeRequestSchema, unsubscribeRequestSchema } from "../../protocol/subscriptions";
import { remindableMilestones } from "../../schedule/reminders";
import { catalogReminderEvent, isCustomEventId, type ReminderEvent } from "../pipeline/events";
import type { DeviceInput, SelectionInput } from "../pipeline/store";
import { checkEndpoint } from "../push/endpoint-guard";
import { apiError, fail, ok, type Result } from "./api-error";
import { resolveCustomEvent } from "./custom-event";
import { checkCustomEvent } from "./custom-event-rules";

function describe(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return "the body does not match the expected shape";
  const where = issue.path.length > 0 ? issue.path.join(".") : "body";
  return `${where}: ${issue.message}`.slice(0, 300);
}

/** A P-256 public key as browsers send it: 65 bytes, uncompressed, and a point on the curve. */
function isP256PublicKey(value: string): boolean {
  const bytes = Buffer.from(value, "base64url");
  if (bytes.length !== 65 || bytes[0] !== 0x04) return false;
  try {
    const ecdh = createECDH("prime256v1");
    ecdh.setPrivateKey(Buffer.alloc(32, 1));
    ecdh.computeSecret(bytes); // throws unless the bytes are a point on the curve
    return true;
  } catch {
    return false;
  }
}

/** A valid POST: the device, what it asks of one event, and that event. */
export interface SubscribeRequest {
  device: DeviceInput;
  selection: SelectionInput;
  event: ReminderEvent;
}

/**
 * The event a body names: a catalog id, or `custom` with its terms (§3.4), resolved and checked against the
 * server's rules for typed-in events (custom-event-rules.ts). Catalog events take no terms.
 */
export function resolveEvent(event: string, terms: string | undefined, nowMs: number): Result<ReminderEvent> {
  if (event === "custom") {
    if (terms === undefined) return fail(apiError(400, "terms_missing", 'event "custom" needs its terms (the §3.4 query string)'));
    const resolved = resolveCustomEvent(terms);
    return resolved.ok ? checkCustomEvent(resolved.value.event, nowMs) : resolved;
  }
  const found = isCustomEventId(event) ? undefined : findEvent(event);
  if (!found) return fail(apiError(400, "unknown_event", `there is no event "${event.slice(0, 100)}"`));
  if (terms !== undefined) return fail(apiError(400, "invalid_body", 'terms: only with event "custom"'));
  return ok(catalogReminderEvent(found));
}

/** A POST body turned into a subscription request, or the 400 that says what is wrong. */
export function parseSubscribeBody(body: unknown, push: Config["push"], nowMs: number): Result<SubscribeRequest> {
  const parsed = subscribeRequestSchema.safeParse(body);
  if (!parsed.success) return fail(apiError(400, "invalid_body", describe(parsed.error)));
  const b = parsed.data;

  const endpoint = checkEndpoint(b.subscription.endpoint, push.hosts);
  if (!endpoint.ok) return fail(apiError(400, "endpoint_not_allowed", endpoint.message));
  // One push address, one spelling: "https://FCM.GOOGLEAPIS.COM/x", " https://…" or full-width letters parse to
  // the same URL, and would otherwise be stored (and sent to) as many subscriptions.
  if (endpoint.url.href !== b.subscription.endpoint) {
    return fail(apiError(400, "endpoint_not_allowed", "the endpoint must be a canonical URL, exactly as the browser gives it"));
  }
  if (!isP256PublicKey(b.subscription.keys.p256dh)) {
    return fail(apiError(400, "invalid_keys", "keys.p256dh must be an uncompressed P-256 public key (65 bytes)"));
  }
  if (Buffer.from(b.subscription.keys.auth, "base64url").length !== 16) {
    return fail(apiError(400, "invalid_keys", "keys.auth must be 16 bytes"));
  }

  const event = resolveEvent(b.event, b.terms, nowMs);
  if (!event.ok) return event;
  // One event's selection covers both classes (DESIGN.md §3.2): a holder of A and H shares keeps both.
  const allowed = new Set(remindableMilestones(event.value).map((m) => m.id));
  const milestones = [...new Set(b.milestones)];
  const wrong = milestones.filter((m) => !allowed.has(m));
  if (wrong.length > 0) {
    return fail(apiError(400, "unknown_milestone", `not a remindable date of this event: ${wrong.slice(0, 5).join(", ").slice(0, 200)}`));
  }

  return ok({
    device: {
      endpoint: b.subscription.endpoint,
      expirationTime: b.subscription.expirationTime ?? null,
      keys: { p256dh: b.subscription.keys.p256dh, auth: b.subscription.keys.auth },
      locale: b.locale,
    },
    selection: { event: event.value.id, class: b.class, milestones, leads: LEADS.filter((l) => b.leads.includes(l)) },
    event: event.value,
  });
}

/**
 * A DELETE body: the endpoint and the auth secret that proves the caller owns it, and optionally the event
 * (a catalog id, `custom` with its terms, or the `custom-…` id a POST answered with).
 */
export function parseUnsubscribeBody(body: unknown): Result<{ endpoint: string; auth: string; event?: string }> {
  const parsed = unsubscribeRequestSchema.safeParse(body);
  if (!parsed.success) return fail(apiError(400, "invalid_body", describe(parsed.error)));
  const { endpoint, auth, event, terms } = parsed.data;
  if (event === undefined) {
    return terms === undefined ? ok({ endpoint, auth }) : fail(apiError(400, "invalid_body", "terms: only with an event"));
  }
  if (event === "custom") {
    if (terms === undefined) return fail(apiError(400, "terms_missing", 'event "custom" needs its terms (the §3.4 query string)'));
    const resolved = resolveCustomEvent(terms);
    return resolved.ok ? ok({ endpoint, auth, event: resolved.value.event.id }) : resolved;
  }
  if (terms !== undefined) return fail(apiError(400, "invalid_body", 'terms: only with event "custom"'));
  if (!isCustomEventId(event) && !findEvent(event))
    return fail(apiError(400, "unknown_event", `there is no event "${event.slice(0, 100)}"`));
  return ok({ endpoint, auth, event });
}
