"use client";
import { useLocale, useTranslations } from "next-intl";
import { useId, useState } from "react";
import { findEvent } from "@/lib/events/catalog";
import type { EntitlementEvent, FactStatus, Locale, Milestone } from "@/lib/events/schema";
import { formatMilestone } from "./format";
import { LocalTime, MilestonePhase, phaseOf, useNow } from "./milestone-clock";
import { FactBadge } from "./result-card";

/** Builds the .ics in the browser with lib/calendar (so it works offline), loaded on the first click only. */
async function downloadCalendar(
  event: EntitlementEvent,
  locale: Locale,
  milestoneIds: string[] | undefined,
  statusLabel: (s: FactStatus) => string,
) {
  const { buildCalendar } = await import("@/lib/calendar/ics");
  const built = buildCalendar(event, {
    locale,
    milestoneIds,
    statusLabel,
    url: new URL(`/${locale}#timeline`, window.location.href).toString(),
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

function Row({ m, chosen, onChoose }: { m: Milestone; chosen: boolean; onChoose: (on: boolean) => void }) {
  const t = useTranslations("timeline");
  const locale = useLocale() as Locale;
  const id = useId();
  return (
    <li
      data-milestone={m.id}
      className="grid grid-cols-[auto_1fr] gap-x-3 border-b border-slate-200 py-2 last:border-b-0 has-[[data-phase=today]]:bg-blue-50 dark:border-slate-700 dark:has-[[data-phase=today]]:bg-blue-950"
    >
      <input
        id={id}
        type="checkbox"
        checked={chosen}
        onChange={(ev) => onChoose(ev.target.checked)}
        className="mt-1 h-5 w-5"
        aria-label={t("choose", { title: m.title[locale] })}
      />
      <div>
        <div className="flex flex-wrap items-center gap-x-2">
          <time dateTime={m.at} className="font-semibold tabular-nums">
            {formatMilestone(locale, m, (date) => t("approximate", { date }))}
          </time>
          <span className="text-xs text-slate-700 dark:text-slate-300">{m.class ? t("forClass", { class: m.class }) : t("both")}</span>
          <MilestonePhase at={m.at} dayOnly={m.dayOnly} />
        </div>
        {!m.dayOnly && <LocalTime at={m.at} />}
        <details className="mt-0.5">
          <summary className="cursor-pointer">
            {m.title[locale]} <FactBadge status={m.status} source={m.source} />
          </summary>
          <p className="mt-1 text-sm">{m.meaning[locale]}</p>
        </details>
      </div>
    </li>
  );
}

/** Every date of the event as one compact list in Hong Kong time; past dates folded away; one calendar button. */
export function Timeline({ eventId }: { eventId: string }) {
  const t = useTranslations("timeline");
  const ts = useTranslations("status");
  const locale = useLocale() as Locale;
  const now = useNow();
  const [chosen, setChosen] = useState<string[]>([]);
  const event = findEvent(eventId);
  if (!event) return null;
  const milestones = [...event.milestones].sort((a, b) => a.at.localeCompare(b.at));
  const past = now === null ? [] : milestones.filter((m) => phaseOf(m.at, m.dayOnly, now) === "passed");
  const ahead = milestones.filter((m) => !past.includes(m));
  const choose = (id: string) => (on: boolean) => setChosen((prev) => (on ? [...prev, id] : prev.filter((x) => x !== id)));
  const row = (m: Milestone) => <Row key={m.id} m={m} chosen={chosen.includes(m.id)} onChoose={choose(m.id)} />;

  return (
    <section id="timeline" aria-labelledby="timeline-title" className="mt-8">
      <h2 id="timeline-title" className="text-lg font-semibold">
        {t("title")} <span className="text-sm font-normal text-slate-700 dark:text-slate-300">({t("hkt")})</span>
      </h2>
      <div className="mt-2 rounded-xl border border-slate-200 bg-white px-3 dark:border-slate-700 dark:bg-slate-900">
        {ahead.length > 0 && <ol>{ahead.map(row)}</ol>}
        {ahead.length === 0 && <p className="py-2 text-sm">{t("noneAhead")}</p>}
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
          onClick={() => downloadCalendar(event, locale, chosen.length ? chosen : undefined, (s) => ts(s))}
          className="min-h-11 rounded-lg border border-blue-700 px-3 py-2 text-sm font-medium text-blue-800 hover:bg-blue-50 dark:border-blue-300 dark:text-blue-200 dark:hover:bg-blue-950"
        >
          {chosen.length ? t("addChosen", { count: chosen.length }) : t("addAll")}
        </button>
        <p className="text-sm text-slate-700 dark:text-slate-300">{t("calendarNote")}</p>
      </div>
    </section>
  );
}
