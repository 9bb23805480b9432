"use client";
import { useLocale, useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { findEvent } from "@/lib/events/catalog";
import type { Locale, Milestone } from "@/lib/events/schema";
import { CalendarButton } from "./calendar-button";
import { formatDay, formatDayTime } from "./format";
import { RemindMe } from "./remind-me";
import { StatusBadge } from "./status-badge";

const HKT = "Asia/Hong_Kong";
const hktDay = (ms: number) =>
  new Intl.DateTimeFormat("en-CA", { timeZone: HKT, year: "numeric", month: "2-digit", day: "2-digit" }).format(ms);

type Phase = "passed" | "today" | "upcoming";

function phaseOf(m: Milestone, now: number): Phase {
  const at = Date.parse(m.at);
  if (m.dayOnly) {
    const day = m.at.slice(0, 10);
    const today = hktDay(now);
    return day < today ? "passed" : day === today ? "today" : "upcoming";
  }
  if (at <= now) return "passed";
  return hktDay(at) === hktDay(now) ? "today" : "upcoming";
}

function countdown(locale: string, fromMs: number, toMs: number): string {
  const minutes = Math.max(1, Math.round((toMs - fromMs) / 60_000));
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const unit = (value: number, u: "day" | "hour" | "minute") =>
    new Intl.NumberFormat(locale, { style: "unit", unit: u, unitDisplay: "long" }).format(value);
  if (days > 0) return hours > 0 && days < 7 ? `${unit(days, "day")} ${unit(hours, "hour")}` : unit(days, "day");
  if (hours > 0) return `${unit(hours, "hour")} ${unit(minutes % 60, "minute")}`;
  return unit(minutes, "minute");
}

export function Timeline({ eventId }: { eventId: string }) {
  const t = useTranslations("timeline");
  const ts = useTranslations("status");
  const locale = useLocale() as Locale;
  const event = findEvent(eventId);
  // The server renders the dates; the phase and countdown need this device's clock, so they appear after mount.
  const [now, setNow] = useState<number | null>(null);
  const [zone, setZone] = useState<string>(HKT);
  useEffect(() => {
    setNow(Date.now());
    setZone(Intl.DateTimeFormat().resolvedOptions().timeZone);
    const timer = setInterval(() => setNow(Date.now()), 60_000);
    return () => clearInterval(timer);
  }, []);
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
      <RemindMe eventId={eventId} />
      <ol className="mt-3 grid gap-3">
        {milestones.map((m) => {
          const phase = now === null ? null : phaseOf(m, now);
          const when = m.dayOnly ? formatDay(locale, m.at) : formatDayTime(locale, m.at);
          const local = !m.dayOnly && zone !== HKT ? formatDayTime(locale, m.at, zone) : null;
          return (
            <li
              key={m.id}
              data-milestone={m.id}
              data-phase={phase ?? ""}
              className={`rounded-xl border p-4 ${phase === "passed" ? "border-slate-200 opacity-80 dark:border-slate-700" : "border-slate-300 dark:border-slate-600"} ${phase === "today" ? "ring-2 ring-blue-700 dark:ring-blue-300" : ""}`}
            >
              <div className="flex flex-wrap items-center gap-2">
                <time dateTime={m.at} className="font-semibold tabular-nums">
                  {m.approximate ? `${t("approximate")} ` : ""}
                  {when}
                </time>
                <StatusBadge status={m.status} label={ts(m.status)} title={m.source} />
                <span className="text-xs text-slate-700 dark:text-slate-300">
                  {m.class ? t("forClass", { class: m.class }) : t("both")}
                </span>
                {phase && (
                  <span
                    className={`ml-auto text-sm font-medium ${phase === "upcoming" ? "text-blue-800 dark:text-blue-200" : ""}`}
                    data-testid="phase"
                  >
                    {phase === "passed"
                      ? t("passed")
                      : phase === "today"
                        ? t("today")
                        : t("upcoming", { countdown: countdown(locale, now ?? 0, Date.parse(m.at)) })}
                  </span>
                )}
              </div>
              {local && <p className="text-sm text-slate-700 dark:text-slate-300">{t("local", { time: local })}</p>}
              <h3 className="mt-1 font-medium">{m.title[locale]}</h3>
              <p className="mt-1 text-sm">{m.meaning[locale]}</p>
              <div className="mt-2">
                <CalendarButton eventId={eventId} milestoneId={m.id} label={t("addOne")} ariaLabel={`${t("addOne")}: ${m.title[locale]}`} />
              </div>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
