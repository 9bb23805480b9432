"use client";
import { useLocale, useTranslations } from "next-intl";
import { calendarInput } from "@/lib/calendar/from-event";
import { findEvent } from "@/lib/events/catalog";
import type { Locale } from "@/lib/events/schema";

/**
 * Builds the .ics in the browser (the same builder as GET /api/v1/events/{id}/calendar.ics), so it also works
 * offline; the calendar writer is loaded on the first click only, keeping it out of the first load.
 */
export function CalendarButton({
  eventId,
  milestoneId,
  label,
  ariaLabel,
}: {
  eventId: string;
  milestoneId?: string;
  label: string;
  ariaLabel?: string;
}) {
  const t = useTranslations("timeline.ics");
  const locale = useLocale() as Locale;
  async function download() {
    const event = findEvent(eventId);
    if (!event) return;
    const { calendarWords, writeCalendar } = await import("@/lib/calendar/ics");
    const built = writeCalendar(calendarInput(event, locale), {
      words: calendarWords((key, values) => t(key, values)),
      locale,
      stamp: Date.now(),
      only: milestoneId ? [milestoneId] : undefined,
      url: new URL(`/${locale}#timeline`, window.location.href).toString(),
    });
    if (!built.ok) return;
    const href = URL.createObjectURL(new Blob([built.ics], { type: "text/calendar;charset=utf-8" }));
    const a = document.createElement("a");
    a.href = href;
    a.download = `${eventId}${milestoneId ? `-${milestoneId}` : ""}.ics`;
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(href), 10_000);
  }
  return (
    <button
      type="button"
      onClick={download}
      aria-label={ariaLabel}
      className="min-h-11 rounded-lg border border-blue-700 px-3 py-2 text-sm font-medium text-blue-800 hover:bg-blue-50 dark:border-blue-300 dark:text-blue-200 dark:hover:bg-blue-950"
    >
      {label}
    </button>
  );
}
