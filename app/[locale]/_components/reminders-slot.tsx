"use client";
import type { ComponentType } from "react";
import type { ShareClass } from "@/lib/events/schema";
import type { HoldingRoute } from "./holding";
import { LazyRemindMe } from "./lazy-remind-me";
import { useHoldingChoice } from "./use-calculator";

/** The props the reminders panel can follow: the calculator's class and route (remind-me.tsx takes them). */
export interface RemindersFollow {
  eventId: string;
  shareClass?: ShareClass;
  route?: HoldingRoute;
}

// A panel that reads only `eventId` still accepts these props; one that reads them follows the calculator.
const Panel: ComponentType<RemindersFollow> = LazyRemindMe;

/** The reminders panel, following the class and the route chosen in the calculator. */
export function RemindersSlot({ eventId }: { eventId: string }) {
  const choice = useHoldingChoice();
  return <Panel eventId={eventId} shareClass={choice?.shareClass} route={choice?.route} />;
}
