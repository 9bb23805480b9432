"use client";
import type { EntitlementEvent } from "@/lib/events/schema";
import { LazyRemindMe } from "./lazy-remind-me";
import { useHoldingChoice } from "./use-calculator";

/** The reminders panel, following the class and the route chosen in the calculator (a typed-in event goes with its terms). */
export function RemindersSlot({ eventId, event, terms }: { eventId: string; event?: EntitlementEvent; terms?: string }) {
  const choice = useHoldingChoice();
  return <LazyRemindMe eventId={eventId} event={event} terms={terms} shareClass={choice?.shareClass} route={choice?.route} />;
}
