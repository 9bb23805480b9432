"use client";
import { useLocale, useTranslations } from "next-intl";
import { type ReactNode, useState } from "react";
import { findEvent } from "@/lib/events/catalog";
import type { EntitlementEvent, Locale } from "@/lib/events/schema";
import { milestoneAnchor } from "@/lib/protocol/notification-click";
import { phaseOf, useNow } from "./milestone-clock";

export interface KeyDateRow {
  id: string;
  at: string;
  dayOnly: boolean;
  title: string;
  /** The row as rendered on the server (date, status, meaning). */
  node: ReactNode;
}

/** Builds the .ics in the browser with lib/calendar (so it works offline), loaded on the first click only. */
async function downloadCalendar(
  event: EntitlementEvent,
  locale: Locale,
  milestoneIds: string[] | undefined,
  translate: (key: string, values?: Record<string, string | number>) => string,
) {
  const [{ calendarWords, writeCalendar }, { calendarInput }] = await Promise.all([
    import("@/lib/calendar/ics"),
    import("@/lib/calendar/from-event"),
  ]);
  const built = writeCalendar(calendarInput(event, locale), {
    words: calendarWords(translate),
    locale,
    stamp: Date.now(),
    only: milestoneIds,
    // The page the holder is on (a catalog event, or a custom one whose terms are in the URL).
    url: new URL("#timeline", window.location.href).toString(),
  });
  if (!built.ok) return;
  const href = URL.createObjectURL(new Blob([built.ics], { type: "text/calendar;charset=utf-8" }));
  const a = document.createElement("a");
  a.href = href;
  a.download = `${event.id}${milestoneIds?.length === 1 ? `-${milestoneIds[0]}` : ""}.ics`;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(href), 10_000);
}

/** The dates ahead open, the dates behind folded away (by this device's clock), and one calendar button. */
export function KeyDatesList({ eventId, event: given, rows }: { eventId: string; event?: EntitlementEvent; rows: KeyDateRow[] }) {
  const t = useTranslations("timeline");
  const tics = useTranslations("timeline.ics");
  const locale = useLocale() as Locale;
  const now = useNow();
  const [chosen, setChosen] = useState<string[]>([]);
  const past = now === null ? [] : rows.filter((r) => phaseOf(r.at, r.dayOnly, now) === "passed");
  const ahead = rows.filter((r) => !past.includes(r));
  const row = (r: KeyDateRow) => (
    <li
      key={r.id}
      id={milestoneAnchor(r.id)}
      data-milestone={r.id}
      className="grid grid-cols-[auto_1fr] gap-x-3 border-b border-slate-200 py-2 last:border-b-0 has-[[data-phase=today]]:bg-blue-50 dark:border-slate-700 dark:has-[[data-phase=today]]:bg-blue-950"
    >
      <input
        type="checkbox"
        checked={chosen.includes(r.id)}
        onChange={(ev) => setChosen((prev) => (ev.target.checked ? [...prev, r.id] : prev.filter((x) => x !== r.id)))}
        className="mt-1 h-5 w-5"
        aria-label={t("choose", { title: r.title })}
      />
      {r.node}
    </li>
  );
  async function download() {
    const event = given ?? findEvent(eventId);
    if (event)
      await downloadCalendar(event, locale, chosen.length ? chosen : undefined, (key, values) =>
        tics(key as Parameters<typeof tics>[0], values),
      );
  }
  return (
    <>
      <div className="mt-2 rounded-xl border border-slate-200 bg-white px-3 dark:border-slate-700 dark:bg-slate-900">
        {ahead.length > 0 ? <ol>{ahead.map(row)}</ol> : <p className="py-2 text-sm">{t("noneAhead")}</p>}
        {past.length > 0 && (
          <details className="border-t border-slate-200 py-2 dark:border-slate-700" data-testid="past-dates">
            <summary className="cursor-pointer text-sm font-medium">{t("pastDates", { count: past.length })}</summary>
            <ol>{past.map(row)}</ol>
          </details>
        )}
      </div>
      <div className="mt-3 flex flex-wrap items-center gap-3">
        <button
          type="button"
          onClick={download}
          className="min-h-11 rounded-lg border border-blue-700 px-3 py-2 text-sm font-medium text-blue-800 hover:bg-blue-50 dark:border-blue-300 dark:text-blue-200 dark:hover:bg-blue-950"
        >
          {chosen.length ? t("addChosen", { count: chosen.length }) : t("addAll")}
        </button>
        <p className="text-sm text-slate-700 dark:text-slate-300">{t("calendarNote")}</p>
      </div>
    </>
  );
}
