import { getLocale, getTranslations } from "next-intl/server";
import { findEvent } from "@/lib/events/catalog";
import type { Locale } from "@/lib/events/schema";
import { CalendarButton } from "./calendar-button";
import { formatDay, formatDayTime } from "./format";
import { LazyRemindMe } from "./lazy-remind-me";
import { LocalTime, MilestonePhase } from "./milestone-clock";
import { StatusBadge } from "./status-badge";

/** Every milestone in Hong Kong time, rendered on the server; only the clock-dependent parts run in the browser. */
export async function Timeline({ eventId }: { eventId: string }) {
  const t = await getTranslations("timeline");
  const ts = await getTranslations("status");
  const locale = (await getLocale()) as Locale;
  const event = findEvent(eventId);
  if (!event) return null;
  const milestones = [...event.milestones].sort((a, b) => a.at.localeCompare(b.at));

  return (
    <section id="timeline" aria-labelledby="timeline-title" className="mt-8">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id="timeline-title" className="text-lg font-semibold">
          {t("title")} <span className="text-sm font-normal text-slate-700 dark:text-slate-300">({t("hkt")})</span>
        </h2>
        <CalendarButton eventId={eventId} label={t("addAll")} />
      </div>
      <p className="mt-1 text-sm text-slate-700 dark:text-slate-300">{t("calendarNote")}</p>
      <LazyRemindMe eventId={eventId} />
      <ol className="mt-3 grid gap-3">
        {milestones.map((m) => (
          <li
            key={m.id}
            data-milestone={m.id}
            className="rounded-xl border border-slate-300 p-4 has-[[data-phase=passed]]:border-slate-200 has-[[data-phase=today]]:ring-2 has-[[data-phase=today]]:ring-blue-700 dark:border-slate-600 dark:has-[[data-phase=today]]:ring-blue-300"
          >
            <div className="flex flex-wrap items-center gap-2">
              <time dateTime={m.at} className="font-semibold tabular-nums">
                {m.approximate ? `${t("approximate")} ` : ""}
                {m.dayOnly ? formatDay(locale, m.at) : formatDayTime(locale, m.at)}
              </time>
              <StatusBadge status={m.status} label={ts(m.status)} title={m.source} />
              <span className="text-xs text-slate-700 dark:text-slate-300">{m.class ? t("forClass", { class: m.class }) : t("both")}</span>
              <MilestonePhase at={m.at} dayOnly={m.dayOnly} />
            </div>
            {!m.dayOnly && <LocalTime at={m.at} />}
            <h3 className="mt-1 font-medium">{m.title[locale]}</h3>
            <p className="mt-1 text-sm">{m.meaning[locale]}</p>
            <div className="mt-2">
              <CalendarButton eventId={eventId} milestoneId={m.id} label={t("addOne")} ariaLabel={`${t("addOne")}: ${m.title[locale]}`} />
            </div>
          </li>
        ))}
      </ol>
    </section>
  );
}
