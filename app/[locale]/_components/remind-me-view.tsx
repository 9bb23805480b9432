"use client";
import { useTranslations } from "next-intl";
import { useId } from "react";
import type { EntitlementEvent, Milestone } from "@/lib/events/schema";
import { LEADS } from "@/lib/protocol/leads";
import type { Locale } from "@/lib/protocol/locales";
import { isAhead } from "@/lib/schedule/choices";
import { remindableMilestones } from "@/lib/schedule/reminders";
import { formatDay, formatDayTime } from "./format";
import type { Notice, Phase, PushReminders } from "./use-push-reminders";

const HKT = "Asia/Hong_Kong";

/** When a notification comes: weekday, day and time, without the year ("Thu, Jun 22, 9:00 AM"). */
function formatWhen(locale: string, ms: number): string {
  return new Intl.DateTimeFormat(locale, {
    timeZone: HKT,
    weekday: "short",
    month: "short",
    day: "numeric",
    hour: "numeric",
    minute: "2-digit",
  }).format(new Date(ms));
}

/** A milestone's date as published: a day alone for day-only dates, never an invented time. */
function milestoneWhen(locale: string, m: Milestone): string {
  return m.dayOnly ? formatDay(locale, m.at) : formatDayTime(locale, m.at);
}

function NoticeLine({ notice }: { notice: Notice }) {
  const t = useTranslations("reminders");
  if (notice.kind === "stopped") {
    return (
      <p role="status" className="mt-2 font-medium" data-testid="remind-notice" data-kind="stopped">
        {t("stopped")}
      </p>
    );
  }
  const text =
    notice.reason === "network"
      ? t(notice.action === "save" ? "failedNetwork" : "stopFailedNetwork")
      : notice.status === 429
        ? t("failedRateLimited")
        : t(notice.action === "save" ? "failedRefused" : "stopFailedRefused", { code: notice.code });
  return (
    <p
      role="alert"
      className="mt-2 font-medium text-red-800 dark:text-red-300"
      data-testid="remind-notice"
      data-kind={`failed-${notice.reason}`}
    >
      {text}
    </p>
  );
}

/** The "Remind me" panel: what `usePushReminders` knows, shown; every change goes back through it. */
export function RemindMeView({ event, locale, r }: { event: EntitlementEvent; locale: Locale; r: PushReminders }) {
  const t = useTranslations("reminders");
  const tt = useTranslations("timeline");
  const headingId = useId();
  const { phase, now } = r;
  const milestones = remindableMilestones(event, r.shownClass);
  const anyAhead = milestones.some((m) => isAhead(m, now));
  const canEdit = phase === "off" || phase === "on" || phase === "explaining";
  const tickedDayOnly = event.milestones.some((m) => m.dayOnly && r.chosen.includes(m.id) && isAhead(m, now));
  const first = r.preview[0];
  const box = "rounded-xl border border-slate-300 p-4 dark:border-slate-600";
  const button = "min-h-11 rounded-lg px-4 py-2 font-medium";

  const state: Partial<Record<Phase, string>> = {
    ios: t("ios"),
    unsupported: t("unsupported"),
    blocked: t("blocked"),
    unavailable: t("unavailable"),
    on: t("on"),
    off: t("off"),
  };

  return (
    <section aria-labelledby={headingId} className={`mt-4 ${box}`} data-testid="remind-me" data-state={phase} data-class={r.shownClass}>
      <h3 id={headingId} className="text-lg font-semibold">
        {t("title")}
      </h3>
      <p className="mt-1 text-sm">{t("intro")}</p>
      {state[phase] && (
        <p role="status" className="mt-2 font-medium" data-testid="remind-state">
          {state[phase]}
        </p>
      )}
      {r.notice && <NoticeLine notice={r.notice} />}
      {r.otherEvents > 0 && <p className="mt-1 text-sm">{t("otherEvents", { count: r.otherEvents })}</p>}

      {canEdit && (
        <>
          <fieldset className="mt-3">
            <legend className="font-medium">{t("classLabel")}</legend>
            <div className="mt-1 flex gap-2">
              {(["H", "A"] as const).map((c) => (
                <label key={c} className="flex min-h-11 items-center gap-2 rounded-lg border border-slate-400 px-3">
                  <input
                    type="radio"
                    name="remind-class"
                    value={c}
                    checked={r.shownClass === c}
                    onChange={() => r.showClass(c)}
                    className="h-5 w-5"
                  />
                  {tt("forClass", { class: c })}
                </label>
              ))}
            </div>
            <p className="mt-1 text-sm">{t("bothClasses")}</p>
          </fieldset>
          {!anyAhead && <p className="mt-2 text-sm">{t("nothingAhead")}</p>}
          <fieldset className="mt-3">
            <legend className="font-medium">{t("milestones")}</legend>
            <ul className="mt-1 grid gap-1">
              {milestones.map((m) => {
                const past = !isAhead(m, now);
                return (
                  <li key={m.id}>
                    <label className={`flex min-h-11 items-center gap-2 ${past ? "text-slate-700 dark:text-slate-300" : ""}`}>
                      <input
                        type="checkbox"
                        name="remind-milestone"
                        value={m.id}
                        disabled={past}
                        checked={!past && r.chosen.includes(m.id)}
                        onChange={(ev) => r.toggleMilestone(m.id, ev.target.checked)}
                        className="h-5 w-5"
                      />
                      <span>
                        {m.title[locale]} · {milestoneWhen(locale, m)} {past ? t("passed") : ""}
                      </span>
                    </label>
                  </li>
                );
              })}
            </ul>
          </fieldset>
          <fieldset className="mt-3">
            <legend className="font-medium">{t("leads")}</legend>
            <div className="mt-1 flex flex-wrap gap-2">
              {LEADS.map((lead) => {
                const possible = r.offered.includes(lead);
                return (
                  <label key={lead} className="flex min-h-11 items-center gap-2 rounded-lg border border-slate-400 px-3">
                    <input
                      type="checkbox"
                      name="remind-lead"
                      value={lead}
                      disabled={!possible}
                      checked={possible && r.leads.includes(lead)}
                      onChange={(ev) => r.toggleLead(lead, ev.target.checked)}
                      className="h-5 w-5"
                    />
                    {t(`lead-${lead}`)}
                  </label>
                );
              })}
            </div>
            {tickedDayOnly && <p className="mt-1 text-sm">{t("dayLeadsOnly")}</p>}
          </fieldset>
          {first && (
            <p className="mt-3 font-medium" data-testid="remind-preview">
              {t("preview", { count: r.preview.length, first: formatWhen(locale, first.atMs) })}
            </p>
          )}
        </>
      )}

      {phase === "explaining" && (
        <div className="mt-3 rounded-lg bg-blue-50 p-3 dark:bg-blue-950">
          <p>{t("why")}</p>
          <div className="mt-2 flex flex-wrap gap-2">
            <button type="button" className={`${button} bg-blue-700 text-white`} onClick={r.subscribe} disabled={r.preview.length === 0}>
              {t("allow")}
            </button>
            <button type="button" className={`${button} border border-slate-400`} onClick={r.cancel}>
              {t("notNow")}
            </button>
          </div>
        </div>
      )}
      {phase === "working" && (
        <p className="mt-3" role="status">
          {t("working")}
        </p>
      )}

      {(phase === "off" || phase === "on") && (
        <div className="mt-3 flex flex-wrap gap-2">
          {r.preview.length === 0 ? (
            anyAhead && <p className="text-sm">{t("chooseSome")}</p>
          ) : phase === "off" ? (
            <button type="button" className={`${button} bg-blue-700 text-white`} onClick={r.explain}>
              {t("start")}
            </button>
          ) : (
            <button type="button" className={`${button} bg-blue-700 text-white`} onClick={r.subscribe}>
              {t("save")}
            </button>
          )}
          {phase === "on" && (
            <button
              type="button"
              className={`${button} border border-red-800 text-red-800 dark:border-red-300 dark:text-red-300`}
              onClick={r.stop}
            >
              {t("stop")}
            </button>
          )}
        </div>
      )}

      {phase === "on" && r.saved && (
        <div className="mt-3">
          <h4 className="font-medium">{t("scheduled")}</h4>
          {r.saved.reminders.length === 0 ? (
            <p className="text-sm">{t("noneScheduled")}</p>
          ) : (
            <ul className="mt-1 grid gap-1 text-sm" data-testid="scheduled">
              {r.saved.reminders.map((s) => (
                <li key={`${s.milestone}-${s.lead}`}>
                  {formatDayTime(locale, s.at)} — {event.milestones.find((m) => m.id === s.milestone)?.title[locale] ?? s.milestone} (
                  {t(`lead-${s.lead}`)})
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </section>
  );
}
