import type { EntitlementEvent, Locale } from "../events/schema";
import type { CalendarInput } from "./ics";

/** A catalog event's dates as the plain data the calendar writer takes, in one language. */
export function calendarInput(event: EntitlementEvent, locale: Locale): CalendarInput {
  return {
    scope: event.id,
    name: event.issuer.name[locale],
    title: event.title[locale],
    milestones: event.milestones.map((m) => ({
      id: m.id,
      class: m.class,
      at: m.at,
      dayOnly: m.dayOnly,
      approximate: m.approximate,
      status: m.status,
      title: m.title[locale],
      meaning: m.meaning[locale],
    })),
  };
}
