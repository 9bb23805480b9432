import { z } from "zod";
import { leadSchema, localeSchema } from "./enums";

/** Push services accept about 4 KB after encryption; stay well under. */
export const MAX_PAYLOAD_BYTES = 3 * 1024;

/** What the service worker receives for one reminder. Ids and text only: no keys, no personal data. */
export const reminderPayloadSchema = z.object({
  v: z.literal(1),
  title: z.string().min(1),
  body: z.string(),
  /** Deep link into the app, relative to its origin. */
  url: z.string().startsWith("/"),
  /** Notification tag: a newer reminder for the same milestone replaces the older one on screen. */
  tag: z.string().min(1),
  event: z.string().min(1),
  milestone: z.string().min(1),
  lead: leadSchema,
  /** When the milestone happens (ISO 8601, +08:00). */
  at: z.iso.datetime({ offset: true }),
  locale: localeSchema,
});
export type ReminderPayload = z.infer<typeof reminderPayloadSchema>;
