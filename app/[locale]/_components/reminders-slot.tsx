"use client";
import { LazyRemindMe } from "./lazy-remind-me";
import { useHoldingChoice } from "./use-calculator";

/** The reminders panel, following the class and the route chosen in the calculator. */
export function RemindersSlot({ eventId }: { eventId: string }) {
  const choice = useHoldingChoice();
  return <LazyRemindMe eventId={eventId} shareClass={choice?.shareClass} route={choice?.route} />;
}
