"use client";
import { useLocale, useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { formatDayTime } from "./format";

const HKT = "Asia/Hong_Kong";
const hktDay = (ms: number) =>
  new Intl.DateTimeFormat("en-CA", { timeZone: HKT, year: "numeric", month: "2-digit", day: "2-digit" }).format(ms);

export type Phase = "passed" | "today" | "upcoming";

export function phaseOf(at: string, dayOnly: boolean, now: number): Phase {
  if (dayOnly) {
    const day = at.slice(0, 10);
    const today = hktDay(now);
    return day < today ? "passed" : day === today ? "today" : "upcoming";
  }
  const ms = Date.parse(at);
  if (ms <= now) return "passed";
  return hktDay(ms) === hktDay(now) ? "today" : "upcoming";
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

/** This device's clock, once mounted (the page is prerendered, so the server cannot know "now"). */
export function useNow(): number | null {
  const [now, setNow] = useState<number | null>(null);
  useEffect(() => {
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), 60_000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

/** Passed / today / upcoming with a countdown. */
export function MilestonePhase({ at, dayOnly }: { at: string; dayOnly: boolean }) {
  const t = useTranslations("timeline");
  const locale = useLocale();
  const now = useNow();
  if (now === null) return null;
  const phase = phaseOf(at, dayOnly, now);
  return (
    <span
      data-testid="phase"
      data-phase={phase}
      className={`ml-auto text-sm font-medium ${phase === "upcoming" ? "text-blue-800 dark:text-blue-200" : ""}`}
    >
      {phase === "passed"
        ? t("passed")
        : phase === "today"
          ? t("today")
          : t("upcoming", { countdown: countdown(locale, now, Date.parse(at)) })}
    </span>
  );
}

/**
 * The time in the device's own zone, only when it reads differently from Hong Kong time (a reader in Shanghai,
 * on the same offset, sees nothing more).
 */
export function LocalTime({ at }: { at: string }) {
  const t = useTranslations("timeline");
  const locale = useLocale();
  const [zone, setZone] = useState<string | null>(null);
  useEffect(() => setZone(Intl.DateTimeFormat().resolvedOptions().timeZone), []);
  if (!zone || zone === HKT) return null;
  const local = formatDayTime(locale, at, zone);
  if (local === formatDayTime(locale, at, HKT)) return null;
  return <p className="text-sm text-slate-700 dark:text-slate-300">{t("local", { time: local })}</p>;
}
