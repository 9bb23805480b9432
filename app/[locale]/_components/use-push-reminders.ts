"use client";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import type { EntitlementEvent, ShareClass } from "@/lib/events/schema";
import { base64UrlToBytes } from "@/lib/protocol/base64url";
import type { Lead } from "@/lib/protocol/leads";
import type { Locale } from "@/lib/protocol/locales";
import { PUSH_PREFERENCES_MESSAGE, type PushPreferences, type PushPreferencesMessage } from "@/lib/protocol/messages";
import {
  apiErrorBodySchema,
  type ReminderSelection,
  type ScheduledReminder,
  type SubscribeRequest,
  subscribeResponseSchema,
  type UnsubscribeRequest,
} from "@/lib/protocol/subscriptions";
import {
  defaultMilestones,
  type HoldingRoute,
  isAhead,
  keepTouched,
  offeredLeads,
  previewReminders,
  type TouchedMilestones,
  tickedMilestones,
} from "@/lib/schedule/choices";
import type { PlannedReminder } from "@/lib/schedule/reminders";

export type Phase = "checking" | "unsupported" | "ios" | "blocked" | "unavailable" | "off" | "explaining" | "working" | "on";

/** What the panel has to say beside its state: a neutral "stopped", or what failed and why. */
export type Notice =
  | { kind: "stopped" }
  | { kind: "failed"; action: "save" | "stop"; reason: "network" }
  | { kind: "failed"; action: "save" | "stop"; reason: "refused"; status: number; code: string };

/** One event's reminders as this device saved them: the selection the server holds and what it scheduled. */
export interface SavedSelection extends ReminderSelection {
  reminders: ScheduledReminder[];
}

/** Every event this device has reminders for, by `selectionKey`. */
interface SavedDevice {
  v: 2;
  selections: Record<string, SavedSelection>;
}

const KEY = "entitle.reminders.v2";
/** The first release kept one selection, for the one event the page showed. */
const KEY_V1 = "entitle.reminders.v1";

/** A catalog event by its id; a custom event by its terms (two custom events are two selections). */
export function selectionKey(event: string, terms?: string): string {
  return terms ? `${event}?${terms}` : event;
}

function readDevice(): SavedDevice {
  try {
    const raw = window.localStorage.getItem(KEY);
    const parsed = raw ? (JSON.parse(raw) as SavedDevice) : null;
    if (parsed?.v === 2 && typeof parsed.selections === "object" && parsed.selections !== null) return parsed;
  } catch {
    // unreadable: start afresh
  }
  return { v: 2, selections: {} };
}

function writeDevice(device: SavedDevice): void {
  try {
    window.localStorage.setItem(KEY, JSON.stringify(device));
  } catch {
    // storage full or disabled: the server still holds the reminders
  }
}

/**
 * Moves a first-release selection (no event in it) to the event it was made for: the first event shown whose
 * milestones include all of its own. Left alone until then.
 */
function migrateV1(device: SavedDevice, event: EntitlementEvent, locale: Locale): SavedDevice {
  try {
    const raw = window.localStorage.getItem(KEY_V1);
    if (!raw) return device;
    const old = JSON.parse(raw) as Partial<SavedSelection>;
    const ids = new Set(event.milestones.map((m) => m.id));
    if (Array.isArray(old.milestones) && old.milestones.every((m) => ids.has(m)) && Array.isArray(old.leads)) {
      const key = selectionKey(event.id);
      if (!device.selections[key]) {
        device.selections[key] = {
          event: event.id,
          class: old.class === "A" ? "A" : "H",
          milestones: old.milestones,
          leads: old.leads,
          locale,
          reminders: Array.isArray(old.reminders) ? old.reminders : [],
        };
      }
      writeDevice(device);
      window.localStorage.removeItem(KEY_V1);
    }
  } catch {
    // nothing worth keeping
  }
  return device;
}

function preferencesOf(device: SavedDevice): PushPreferences[] {
  return Object.values(device.selections).map(({ reminders: _, ...selection }) => selection);
}

function tellServiceWorker(reg: ServiceWorkerRegistration, device: SavedDevice): void {
  const message: PushPreferencesMessage = { type: PUSH_PREFERENCES_MESSAGE, preferences: preferencesOf(device) };
  reg.active?.postMessage(message);
}

function isIosOutsideHomeScreen(): boolean {
  const ios = /iPad|iPhone|iPod/.test(navigator.userAgent) || (navigator.platform === "MacIntel" && navigator.maxTouchPoints > 1);
  const standalone = window.matchMedia("(display-mode: standalone)").matches || (navigator as { standalone?: boolean }).standalone === true;
  return ios && !standalone;
}

/** A refusal from the API, with its status and the error code it gave (or the status alone). */
class Refused extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
  ) {
    super(`refused: ${status} ${code}`);
  }
}

async function refusal(res: Response): Promise<Refused> {
  const body = apiErrorBodySchema.safeParse(await res.json().catch(() => null));
  return new Refused(res.status, body.success ? body.data.error.code : `HTTP ${res.status}`);
}

function noticeFor(error: unknown, action: "save" | "stop"): Notice {
  if (error instanceof Refused) return { kind: "failed", action, reason: "refused", status: error.status, code: error.code };
  // fetch rejects only when no answer came back (offline, DNS, connection reset).
  return { kind: "failed", action, reason: "network" };
}

export interface PushRemindersOptions {
  event: EntitlementEvent | undefined;
  /** The §3.4 query string of a custom event (absent for a catalog event). */
  terms?: string;
  locale: Locale;
  /** The class the calculator shows: the panel follows it. */
  shareClass: ShareClass;
  /** How the holder holds that class: decides what is ticked by default. */
  route: HoldingRoute;
}

export interface PushReminders {
  phase: Phase;
  notice: Notice | null;
  now: number;
  /** The class whose dates the panel shows. */
  shownClass: ShareClass;
  showClass(c: ShareClass): void;
  /** Ticked milestone ids, both classes together. */
  chosen: string[];
  toggleMilestone(id: string, on: boolean): void;
  leads: Lead[];
  toggleLead(lead: Lead, on: boolean): void;
  /** The leads that would give a reminder still ahead for the ticked dates. */
  offered: Lead[];
  /** The notifications that saving would schedule, in time order. */
  preview: PlannedReminder[];
  /** This event's reminders as saved on this device. */
  saved: SavedSelection | undefined;
  /** How many other events this device has reminders for. */
  otherEvents: number;
  explain(): void;
  cancel(): void;
  subscribe(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * State, effects and requests of the "Remind me" panel. Choose dates and lead times, then (and only then)
 * ask for notification permission, subscribe to Web Push and save this event's selection on the server
 * (DESIGN.md §3.2: a POST sets one event's selection; other events on the device stay). The selection
 * covers both classes: what was chosen for one class is kept when the holder switches to the other.
 */
export function usePushReminders({ event, terms, locale, shareClass, route }: PushRemindersOptions): PushReminders {
  const key = event ? selectionKey(event.id, terms) : "";
  const [phase, setPhase] = useState<Phase>("checking");
  const [notice, setNotice] = useState<Notice | null>(null);
  const [now, setNow] = useState(() => Date.now());
  const [device, setDevice] = useState<SavedDevice>({ v: 2, selections: {} });
  const [shownClass, setShownClass] = useState<ShareClass>(shareClass);
  // Per class: the route it was seen with (a class never shown adds nothing).
  const [routes, setRoutes] = useState<Partial<Record<ShareClass, HoldingRoute>>>({});
  // Per milestone: what the holder ticked or unticked by hand. Kept by id while the list of milestones changes
  // (a typed-in event's worked-out dates arrive after the page opens): only a milestone that went drops out.
  const [touched, setTouched] = useState<TouchedMilestones>({});
  const [pickedLeads, setPickedLeads] = useState<Lead[] | null>(null);

  const saved = device.selections[key];

  // The panel follows the calculator's class.
  useEffect(() => setShownClass(shareClass), [shareClass]);
  useEffect(() => setRoutes((prev) => (prev[shownClass] === route ? prev : { ...prev, [shownClass]: route })), [shownClass, route]);

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
  }, []);

  // The event object may be rebuilt on every render (a custom event decoded from its terms): depend on its key.
  const eventRef = useRef(event);
  eventRef.current = event;
  useEffect(() => {
    const event = eventRef.current;
    if (!key || !event) return;
    const stored = migrateV1(readDevice(), event, locale);
    setDevice(stored);
    setTouched({});
    setPickedLeads(null);
    if (isIosOutsideHomeScreen()) return setPhase("ios");
    if (!("serviceWorker" in navigator) || !("PushManager" in window) || !("Notification" in window)) return setPhase("unsupported");
    if (Notification.permission === "denied") return setPhase("blocked");
    // Nothing saved for this event: the form can show at once. Saved: confirm the browser still has the subscription.
    if (!stored.selections[key]) return setPhase("off");
    navigator.serviceWorker.ready
      .then((reg) => reg.pushManager.getSubscription())
      .then((sub) => setPhase(sub ? "on" : "off"))
      .catch(() => setPhase("off"));
  }, [key, locale]);

  // The list of milestones may change under the holder's hand: their choices follow it (keepTouched).
  const listed = (event?.milestones ?? []).map((m) => m.id).join(" ");
  useEffect(() => setTouched((prev) => keepTouched(prev, listed.split(" "))), [listed]);

  /**
   * What is ticked for one class: the holder's own choice for each date they touched; for the others, what was
   * saved, else the route's defaults once the class was shown (worked out from the list as it is now).
   */
  const chosenFor = useCallback(
    (c: ShareClass): string[] => {
      if (!event) return [];
      const ids = event.milestones.filter((m) => m.class === c || m.class === null).map((m) => m.id);
      const savedHere = saved?.milestones.filter((id) => ids.includes(id)) ?? [];
      const seen = routes[c];
      const fallback = savedHere.length > 0 ? savedHere : seen ? defaultMilestones(event, c, seen, now) : [];
      return tickedMilestones(ids, touched, fallback);
    },
    [event, touched, saved, routes, now],
  );

  const chosen = useMemo(() => [...new Set([...chosenFor("H"), ...chosenFor("A")])], [chosenFor]);
  const ahead = useMemo(
    () => (event ? chosen.filter((id) => event.milestones.some((m) => m.id === id && m.remindable && isAhead(m, now))) : []),
    [event, chosen, now],
  );
  const offered = useMemo(() => (event ? offeredLeads(event, ahead, now) : []), [event, ahead, now]);
  const leads = pickedLeads ?? saved?.leads ?? ["P1D"];
  const sendLeads = useMemo(() => leads.filter((l) => offered.includes(l)), [leads, offered]);
  const preview = useMemo(() => (event ? previewReminders(event, ahead, sendLeads, now) : []), [event, ahead, sendLeads, now]);

  // By id, from the latest state: a tick made while the list changes stays with its milestone.
  const toggleMilestone = useCallback((id: string, on: boolean) => setTouched((prev) => ({ ...prev, [id]: on })), []);

  const toggleLead = useCallback(
    (lead: Lead, on: boolean) => setPickedLeads(on ? [...new Set([...leads, lead])] : leads.filter((l) => l !== lead)),
    [leads],
  );

  const subscribe = useCallback(async () => {
    if (!event || preview.length === 0) return;
    setPhase("working");
    setNotice(null);
    try {
      const keyRes = await fetch("/api/v1/push/public-key");
      // 5xx: reminders are down (no Redis, bad configuration); the calendar still works.
      if (keyRes.status >= 500) return setPhase("unavailable");
      if (!keyRes.ok) throw await refusal(keyRes);
      const { publicKey } = (await keyRes.json()) as { publicKey: string };
      const permission = Notification.permission === "granted" ? "granted" : await Notification.requestPermission();
      if (permission === "denied") return setPhase("blocked");
      if (permission !== "granted") return setPhase(saved ? "on" : "off");
      const reg = await navigator.serviceWorker.ready;
      const sub =
        (await reg.pushManager.getSubscription()) ??
        (await reg.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: base64UrlToBytes(publicKey) }));
      const selection: ReminderSelection = {
        event: event.id,
        ...(terms ? { terms } : {}),
        class: shownClass,
        milestones: ahead,
        leads: sendLeads,
        locale,
      };
      const body: SubscribeRequest = { subscription: sub.toJSON() as SubscribeRequest["subscription"], ...selection };
      const res = await fetch("/api/v1/subscriptions", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
      });
      if (res.status >= 500) return setPhase("unavailable");
      if (!res.ok) throw await refusal(res);
      const answer = subscribeResponseSchema.parse(await res.json());
      const next: SavedDevice = { v: 2, selections: { ...readDevice().selections, [key]: { ...selection, reminders: answer.reminders } } };
      writeDevice(next);
      // The service worker keeps the choices so that it can subscribe again if the browser rotates the subscription.
      tellServiceWorker(reg, next);
      setDevice(next);
      setTouched({});
      setPickedLeads(null);
      setPhase("on");
    } catch (error) {
      setNotice(noticeFor(error, "save"));
      setPhase(saved ? "on" : "off");
    }
  }, [event, terms, key, shownClass, ahead, sendLeads, preview.length, locale, saved]);

  const stop = useCallback(async () => {
    if (!event) return;
    setPhase("working");
    setNotice(null);
    try {
      const reg = await navigator.serviceWorker.ready;
      const sub = await reg.pushManager.getSubscription();
      const json = sub?.toJSON();
      const rest = { ...readDevice().selections };
      delete rest[key];
      if (sub && json?.endpoint && json.keys?.auth) {
        const target: UnsubscribeRequest = { endpoint: json.endpoint, auth: json.keys.auth, event: event.id, ...(terms ? { terms } : {}) };
        const res = await fetch("/api/v1/subscriptions", {
          method: "DELETE",
          headers: { "content-type": "application/json" },
          body: JSON.stringify(target),
        });
        // 404: the server no longer has it (expired, or removed after the push service said it was gone).
        if (!res.ok && res.status !== 404) throw await refusal(res);
        // The browser's subscription stays while other events still use it.
        if (Object.keys(rest).length === 0) await sub.unsubscribe();
      }
      const next: SavedDevice = { v: 2, selections: rest };
      writeDevice(next);
      tellServiceWorker(reg, next);
      setDevice(next);
      setTouched({});
      setPickedLeads(null);
      setNotice({ kind: "stopped" });
      setPhase("off");
    } catch (error) {
      setNotice(noticeFor(error, "stop"));
      setPhase("on");
    }
  }, [event, terms, key]);

  const explain = useCallback(() => {
    setNotice(null);
    setPhase("explaining");
  }, []);
  const cancel = useCallback(() => setPhase(saved ? "on" : "off"), [saved]);

  return {
    phase,
    notice,
    now,
    shownClass,
    showClass: setShownClass,
    chosen,
    toggleMilestone,
    leads,
    toggleLead,
    offered,
    preview,
    saved,
    otherEvents: Object.keys(device.selections).filter((k) => k !== key).length,
    explain,
    cancel,
    subscribe,
    stop,
  };
}
