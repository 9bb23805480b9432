"use client";
import { useLocale } from "next-intl";
import { findEvent } from "@/lib/events/catalog";
import type { EntitlementEvent, ShareClass } from "@/lib/events/schema";
import type { Locale } from "@/lib/protocol/locales";
import type { HoldingRoute } from "@/lib/schedule/choices";
import { RemindMeView } from "./remind-me-view";
import { usePushReminders } from "./use-push-reminders";

export interface RemindMeProps {
  /** A catalog event id, or `custom` with `terms` and the event decoded from them. */
  eventId: string;
  /** The event itself when it is not in the catalog (a custom event decoded from its terms). */
  event?: EntitlementEvent;
  /** The §3.4 query string of a custom event. */
  terms?: string;
  /** The class the calculator shows; the panel follows it. */
  shareClass?: ShareClass;
  /** How the holder holds that class; decides which dates are ticked by default. */
  route?: HoldingRoute;
}

/**
 * "Remind me": choose dates and lead times, then (and only then) ask for notification permission, subscribe
 * to Web Push and register this event's selection with the server. The same panel shows, changes and stops it.
 * State and requests live in `usePushReminders`, the markup in `RemindMeView`.
 */
export function RemindMe({ eventId, event: given, terms, shareClass = "H", route = "broker" }: RemindMeProps) {
  const locale = useLocale() as Locale;
  const event = given ?? findEvent(eventId);
  const reminders = usePushReminders({ event, terms, locale, shareClass, route });
  if (!event) return null;
  return <RemindMeView event={event} locale={locale} r={reminders} />;
}
