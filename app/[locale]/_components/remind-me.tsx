"use client";
import { useLocale, useTranslations } from "next-intl";
import { useCallback, useEffect, useId, useState } from "react";
import { findEvent } from "@/lib/events/catalog";
import type { Locale, ShareClass } from "@/lib/events/schema";
import { LEADS, type Lead } from "@/lib/schedule/leads";
import { futureReminders, remindableMilestones, reminderTime } from "@/lib/schedule/reminders";
import { PUSH_PREFERENCES_MESSAGE } from "@/sw/push";
import { formatDayTime } from "./format";

type Phase = "checking" | "unsupported" | "ios" | "blocked" | "unavailable" | "off" | "explaining" | "working" | "on";
interface Saved {
  class: ShareClass;
  milestones: string[];
  leads: Lead[];
  reminders: { milestone: string; lead: Lead; at: string }[];
}
const KEY = "entitle.reminders.v1";

function loadSaved(): Saved | null {
  try {
    const raw = window.localStorage.getItem(KEY);
    if (!raw) return null;
    const s = JSON.parse(raw) as Saved;
    return Array.isArray(s.milestones) && Array.isArray(s.leads) && Array.isArray(s.reminders) ? s : null;
  } catch {
    return null;
  }
}

function isIosOutsideHomeScreen(): boolean {
  const ios = /iPad|iPhone|iPod/.test(navigator.userAgent) || (navigator.platform === "MacIntel" && navigator.maxTouchPoints > 1);
  const standalone = window.matchMedia("(display-mode: standalone)").matches || (navigator as { standalone?: boolean }).standalone === true;
  return ios && !standalone;
}

function applicationServerKey(base64url: string): Uint8Array<ArrayBuffer> {
  const b64 = (base64url + "===".slice((base64url.length + 3) % 4)).replace(/-/g, "+").replace(/_/g, "/");
  const bytes = atob(b64);
  const out = new Uint8Array(new ArrayBuffer(bytes.length));
  for (let i = 0; i < bytes.length; i++) out[i] = bytes.charCodeAt(i);
  return out;
}

/**
 * "Remind me": choose dates and lead times, then (and only then) ask for notification permission, subscribe
 * to Web Push and register the subscription with the server. The same panel shows, changes and cancels it.
 */
export function RemindMe({ eventId }: { eventId: string }) {
  const t = useTranslations("reminders");
  const tt = useTranslations("timeline");
  const locale = useLocale() as Locale;
  const event = findEvent(eventId);
  const headingId = useId();
  const [phase, setPhase] = useState<Phase>("checking");
  const [message, setMessage] = useState<string | null>(null);
  const [cls, setCls] = useState<ShareClass>("H");
  const [chosen, setChosen] = useState<string[]>([]);
  const [leads, setLeads] = useState<Lead[]>(["P1D"]);
  const [saved, setSaved] = useState<Saved | null>(null);
  const [now, setNow] = useState(() => Date.now());

  useEffect(() => {
    setNow(Date.now());
    // The server's clock decides what is still ahead (a demo may start it in 2023 with APP_CLOCK_START).
    fetch("/api/v1/push/clock")
      .then((res) => (res.ok ? (res.json() as Promise<{ now: number | string }>) : null))
      .then((clock) => {
        const serverNow = clock ? new Date(clock.now).getTime() : Number.NaN;
        if (Number.isFinite(serverNow)) setNow(serverNow);
      })
      .catch(() => {
        // Offline: the device clock will do.
      });
    const stored = loadSaved();
    if (stored) {
      setSaved(stored);
      setCls(stored.class);
      setChosen(stored.milestones);
      setLeads(stored.leads);
    }
    if (isIosOutsideHomeScreen()) return setPhase("ios");
    if (!("serviceWorker" in navigator) || !("PushManager" in window) || !("Notification" in window)) return setPhase("unsupported");
    if (Notification.permission === "denied") return setPhase("blocked");
    // Nothing saved: the form can show at once. Saved choices: confirm the browser still has the subscription.
    if (!stored) return setPhase("off");
    navigator.serviceWorker.ready
      .then((reg) => reg.pushManager.getSubscription())
      .then((sub) => setPhase(sub ? "on" : "off"))
      .catch(() => setPhase("off"));
  }, []);

  const milestones = event ? remindableMilestones(event, cls) : [];
  // Default: every date still ahead for the chosen class.
  useEffect(() => {
    if (!event || saved) return;
    setChosen(
      remindableMilestones(event, cls)
        .filter((m) => Date.parse(m.at) > now)
        .map((m) => m.id),
    );
  }, [event, cls, saved, now]);

  const subscribe = useCallback(async () => {
    if (!event) return;
    setPhase("working");
    setMessage(null);
    try {
      const keyRes = await fetch("/api/v1/push/public-key");
      if (!keyRes.ok) return setPhase("unavailable");
      const { publicKey } = (await keyRes.json()) as { publicKey: string };
      const permission = Notification.permission === "granted" ? "granted" : await Notification.requestPermission();
      if (permission === "denied") return setPhase("blocked");
      if (permission !== "granted") return setPhase("off");
      const reg = await navigator.serviceWorker.ready;
      const sub =
        (await reg.pushManager.getSubscription()) ??
        (await reg.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: applicationServerKey(publicKey) }));
      const res = await fetch("/api/v1/subscriptions", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ subscription: sub.toJSON(), event: event.id, class: cls, milestones: chosen, leads, locale }),
      });
      if (res.status === 503) return setPhase("unavailable");
      if (!res.ok) throw new Error(`subscribe answered ${res.status}`);
      const body = (await res.json()) as { reminders: Saved["reminders"] };
      const next: Saved = { class: cls, milestones: chosen, leads, reminders: body.reminders };
      window.localStorage.setItem(KEY, JSON.stringify(next));
      // The service worker keeps the choices so that it can subscribe again if the browser rotates the subscription.
      reg.active?.postMessage({
        type: PUSH_PREFERENCES_MESSAGE,
        preferences: { event: event.id, class: cls, milestones: chosen, leads, locale },
      });
      setSaved(next);
      setPhase("on");
    } catch {
      setMessage(t("failed"));
      setPhase(saved ? "on" : "off");
    }
  }, [event, cls, chosen, leads, locale, saved, t]);

  const stop = useCallback(async () => {
    setPhase("working");
    setMessage(null);
    try {
      const reg = await navigator.serviceWorker.ready;
      const sub = await reg.pushManager.getSubscription();
      const json = sub?.toJSON();
      if (sub && json?.endpoint && json.keys?.auth) {
        const res = await fetch("/api/v1/subscriptions", {
          method: "DELETE",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ endpoint: json.endpoint, auth: json.keys.auth }),
        });
        if (!res.ok && res.status !== 404) throw new Error(`unsubscribe answered ${res.status}`);
        await sub.unsubscribe();
      }
      window.localStorage.removeItem(KEY);
      reg.active?.postMessage({ type: PUSH_PREFERENCES_MESSAGE, preferences: null });
      setSaved(null);
      setMessage(t("stopped"));
      setPhase("off");
    } catch {
      setMessage(t("failed"));
      setPhase("on");
    }
  }, [t]);

  if (!event) return null;
  const ahead = (id: string, lead: Lead) => {
    const m = event.milestones.find((x) => x.id === id);
    return m ? reminderTime(m, lead) > now : false;
  };
  const anyAhead = milestones.some((m) => Date.parse(m.at) > now);
  const willSchedule = futureReminders(event, { class: cls, milestones: chosen, leads }, now);
  const canEdit = phase === "off" || phase === "on" || phase === "explaining";
  const box = "rounded-xl border border-slate-300 p-4 dark:border-slate-600";
  const button = "min-h-11 rounded-lg px-4 py-2 font-medium";

  const notice: Partial<Record<Phase, string>> = {
    ios: t("ios"),
    unsupported: t("unsupported"),
    blocked: t("blocked"),
    unavailable: t("unavailable"),
    on: t("on"),
    off: t("off"),
  };

  return (
    <section aria-labelledby={headingId} className={`mt-4 ${box}`} data-testid="remind-me" data-state={phase}>
      <h3 id={headingId} className="text-lg font-semibold">
        {t("title")}
      </h3>
      <p className="mt-1 text-sm">{t("intro")}</p>
      {notice[phase] && (
        <p role="status" className="mt-2 font-medium" data-testid="remind-state">
          {notice[phase]}
        </p>
      )}
      {message && (
        <p role="alert" className="mt-2 font-medium text-red-800 dark:text-red-300">
          {message}
        </p>
      )}

      {canEdit && (
        <>
          <fieldset className="mt-3">
            <legend className="font-medium">{t("classLabel")}</legend>
            <div className="mt-1 flex gap-2">
              {(["H", "A"] as const).map((c) => (
                <label key={c} className="flex min-h-11 items-center gap-2 rounded-lg border border-slate-400 px-3">
                  <input type="radio" name="remind-class" checked={cls === c} onChange={() => setCls(c)} className="h-5 w-5" />
                  {tt("forClass", { class: c })}
                </label>
              ))}
            </div>
          </fieldset>
          {!anyAhead && <p className="mt-2 text-sm">{t("nothingAhead")}</p>}
          <fieldset className="mt-3">
            <legend className="font-medium">{t("milestones")}</legend>
            <ul className="mt-1 grid gap-1">
              {milestones.map((m) => {
                const past = Date.parse(m.at) <= now;
                return (
                  <li key={m.id}>
                    <label className={`flex min-h-11 items-center gap-2 ${past ? "text-slate-700 dark:text-slate-300" : ""}`}>
                      <input
                        type="checkbox"
                        name="remind-milestone"
                        value={m.id}
                        disabled={past}
                        checked={!past && chosen.includes(m.id)}
                        onChange={(ev) => setChosen((prev) => (ev.target.checked ? [...prev, m.id] : prev.filter((x) => x !== m.id)))}
                        className="h-5 w-5"
                      />
                      <span>
                        {m.title[locale]} · {formatDayTime(locale, m.at)} {past ? t("passed") : ""}
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
                const possible = chosen.some((id) => ahead(id, lead));
                return (
                  <label key={lead} className="flex min-h-11 items-center gap-2 rounded-lg border border-slate-400 px-3">
                    <input
                      type="checkbox"
                      name="remind-lead"
                      value={lead}
                      disabled={!possible}
                      checked={possible && leads.includes(lead)}
                      onChange={(ev) => setLeads((prev) => (ev.target.checked ? [...prev, lead] : prev.filter((x) => x !== lead)))}
                      className="h-5 w-5"
                    />
                    {t(`lead-${lead}`)}
                  </label>
                );
              })}
            </div>
          </fieldset>
        </>
      )}

      {phase === "explaining" && (
        <div className="mt-3 rounded-lg bg-blue-50 p-3 dark:bg-blue-950">
          <p>{t("why")}</p>
          <div className="mt-2 flex flex-wrap gap-2">
            <button type="button" className={`${button} bg-blue-700 text-white`} onClick={subscribe} disabled={willSchedule.length === 0}>
              {t("allow")}
            </button>
            <button type="button" className={`${button} border border-slate-400`} onClick={() => setPhase("off")}>
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
          {willSchedule.length === 0 ? (
            anyAhead && <p className="text-sm">{t("chooseSome")}</p>
          ) : phase === "off" ? (
            <button type="button" className={`${button} bg-blue-700 text-white`} onClick={() => setPhase("explaining")}>
              {t("start")}
            </button>
          ) : (
            <button type="button" className={`${button} bg-blue-700 text-white`} onClick={subscribe}>
              {t("save")}
            </button>
          )}
          {phase === "on" && (
            <button
              type="button"
              className={`${button} border border-red-800 text-red-800 dark:border-red-300 dark:text-red-300`}
              onClick={stop}
            >
              {t("stop")}
            </button>
          )}
        </div>
      )}

      {phase === "on" && saved && (
        <div className="mt-3">
          <h4 className="font-medium">{t("scheduled")}</h4>
          {saved.reminders.length === 0 ? (
            <p className="text-sm">{t("noneScheduled")}</p>
          ) : (
            <ul className="mt-1 grid gap-1 text-sm" data-testid="scheduled">
              {saved.reminders.map((r) => (
                <li key={`${r.milestone}-${r.lead}`}>
                  {formatDayTime(locale, r.at)} — {event.milestones.find((m) => m.id === r.milestone)?.title[locale] ?? r.milestone} (
                  {t(`lead-${r.lead}`)})
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </section>
  );
}
