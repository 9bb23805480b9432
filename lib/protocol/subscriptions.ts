import { z } from "zod";
import { BASE64URL_PATTERN } from "./base64url";
import { leadSchema, localeSchema, shareClassSchema } from "./enums";
import { LEADS } from "./leads";

/**
 * The reminders API of DESIGN.md §3.2, as schemas the page, the service worker and the server share.
 * The server adds what a schema cannot say (the endpoint guard, the P-256 point check, the event's milestones).
 */

/** Push endpoints are URLs of a few hundred characters; anything longer is not a browser's. */
export const MAX_ENDPOINT_LENGTH = 2048;
/** A custom event's terms (§3.4 query string): a dozen dates, a few decimals and a name of ≤ 80 characters. */
export const MAX_TERMS_LENGTH = 2048;
/** An event has about a dozen milestones; the selection for one event covers both classes. */
export const MAX_MILESTONES = 20;

export const base64urlSchema = z.string().regex(BASE64URL_PATTERN, "must be URL-safe base64");

/** A catalog event id, or `custom` with `terms`. */
export const eventIdSchema = z.string().min(1).max(100);
export const milestoneIdSchema = z.string().min(1).max(100);

/** `PushSubscription.toJSON()` as browsers send it. */
export const pushSubscriptionSchema = z.strictObject({
  endpoint: z.string().min(1).max(MAX_ENDPOINT_LENGTH),
  // Browsers send null or a time in milliseconds.
  expirationTime: z.number().nonnegative().max(8.64e15).nullable().optional(),
  keys: z.strictObject({ p256dh: base64urlSchema.max(100), auth: base64urlSchema.max(40) }),
});
export type PushSubscriptionJson = z.infer<typeof pushSubscriptionSchema>;

/**
 * What one device asks to be reminded of for one event: the milestones (of either class) and the leads.
 * `class` is the class the holder was looking at when saving; the milestones may belong to both classes.
 */
export const reminderSelectionSchema = z.strictObject({
  event: eventIdSchema,
  terms: z.string().min(1).max(MAX_TERMS_LENGTH).optional(),
  class: shareClassSchema,
  milestones: z.array(milestoneIdSchema).min(1).max(MAX_MILESTONES),
  leads: z.array(leadSchema).min(1).max(LEADS.length),
  locale: localeSchema,
});
export type ReminderSelection = z.infer<typeof reminderSelectionSchema>;

/** POST /api/v1/subscriptions: sets the selection for one event (other events of the device stay). */
export const subscribeRequestSchema = z.strictObject({
  subscription: pushSubscriptionSchema,
  ...reminderSelectionSchema.shape,
});
export type SubscribeRequest = z.infer<typeof subscribeRequestSchema>;

export const scheduledReminderSchema = z.object({
  milestone: milestoneIdSchema,
  lead: leadSchema,
  /** When the reminder is due, ISO 8601 with the event's offset. */
  at: z.iso.datetime({ offset: true }),
});
export type ScheduledReminder = z.infer<typeof scheduledReminderSchema>;

/** 201 (new) / 200 (updated): the reminders still to come for this event. */
export const subscribeResponseSchema = z.object({ id: z.string().min(1), reminders: z.array(scheduledReminderSchema) });
export type SubscribeResponse = z.infer<typeof subscribeResponseSchema>;

/**
 * DELETE /api/v1/subscriptions: one event's selection with `event`, everything without. Knowing `auth` proves
 * ownership. `terms` (an addition to §3.2) says which custom event when `event` is `custom`, as in the POST.
 */
export const unsubscribeRequestSchema = z.strictObject({
  endpoint: z.string().min(1).max(MAX_ENDPOINT_LENGTH),
  auth: base64urlSchema.max(40),
  event: eventIdSchema.optional(),
  terms: z.string().min(1).max(MAX_TERMS_LENGTH).optional(),
});
export type UnsubscribeRequest = z.infer<typeof unsubscribeRequestSchema>;

/** Every 4xx/5xx of the API: `{ "error": { "code", "message" } }`. */
export const apiErrorBodySchema = z.object({
  error: z.object({ code: z.string().min(1).max(64), message: z.string().max(1000) }),
});
export type ApiErrorBody = z.infer<typeof apiErrorBodySchema>;
