import type { EntitlementEvent, Locale } from "@/lib/events/schema";
import { formatMilestone } from "./format";
import { KeyDatesList } from "./key-dates-list";
import { LocalTime, MilestonePhase } from "./milestone-clock";
import { StatusBadge } from "./status-badge";

type Translate = (key: string, values?: Record<string, string>) => string;

/**
 * Every date of the event as one compact list in Hong Kong time. No hooks: the server renders it for a catalog
 * event (`Timeline`), the browser for a typed-in one (`CustomTimeline`); only what depends on the device's
 * clock (passed or ahead, the countdown, the local time) and the calendar choice run in the browser either way.
 * `event` goes to the list only when the browser cannot find it in the catalog (a typed-in event).
 */
export function TimelineView({
  event,
  locale,
  t,
  ts,
  passEvent = false,
}: {
  event: EntitlementEvent;
  locale: Locale;
  t: Translate;
  ts: Translate;
  passEvent?: boolean;
}) {
  const rows = [...event.milestones]
    .sort((a, b) => a.at.localeCompare(b.at))
    .map((m) => ({
      id: m.id,
      at: m.at,
      dayOnly: m.dayOnly,
      title: m.title[locale],
      node: (
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
              {m.title[locale]} <StatusBadge status={m.status} label={ts(m.status)} title={m.source} />
            </summary>
            <p className="mt-1 text-sm">{m.meaning[locale]}</p>
          </details>
        </div>
      ),
    }));

  return (
    <section id="timeline" aria-labelledby="timeline-title" className="mt-8">
      <h2 id="timeline-title" className="text-lg font-semibold">
        {t("title")} <span className="text-sm font-normal text-slate-700 dark:text-slate-300">({t("hkt")})</span>
      </h2>
      <KeyDatesList eventId={event.id} event={passEvent ? event : undefined} rows={rows} />
    </section>
  );
}
