/// <reference lib="webworker" />
/**
 * Push reminders in the service worker: show the notification, open the app on click, and keep the
 * subscription alive when the browser rotates it. sw/sw.ts calls `registerPushHandlers(self)`.
 *
 * The page tells the worker what this device is subscribed to (one selection per event) with
 * `registration.active.postMessage({ type: PUSH_PREFERENCES_MESSAGE, preferences })` after every successful
 * POST or DELETE /api/v1/subscriptions (lib/protocol/messages.ts); they are kept in IndexedDB so that
 * `pushsubscriptionchange`, which may fire with no page open, can subscribe again with the same choices.
 */
import { base64UrlToBytes, bytesToBase64Url } from "../lib/protocol/base64url";
import { PUSH_PREFERENCES_MESSAGE, type PushPreferences } from "../lib/protocol/messages";
import { clickTarget, safePath, windowToFocus } from "../lib/protocol/notification-click";
import type { ReminderPayload as FullPayload } from "../lib/protocol/payload";

/** What the worker needs of a payload (lib/protocol/payload.ts); anything else it ignores. */
type ReminderPayload = Pick<FullPayload, "title" | "body" | "url"> & { tag?: string; locale?: string };

const ICON = "/icons/icon-192.png";
const BADGE = "/icons/badge-72.png";
const DB_NAME = "entitle-push";
const DB_STORE = "kv";
const PREFERENCES_KEY = "preferences";

function openDb(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DB_NAME, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(DB_STORE);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

async function withStore<T>(mode: IDBTransactionMode, use: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const db = await openDb();
  try {
    return await new Promise<T>((resolve, reject) => {
      const request = use(db.transaction(DB_STORE, mode).objectStore(DB_STORE));
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
  } finally {
    db.close();
  }
}

export async function savePreferences(preferences: PushPreferences[]): Promise<void> {
  if (preferences.length > 0) await withStore("readwrite", (store) => store.put(preferences, PREFERENCES_KEY));
  else await withStore("readwrite", (store) => store.delete(PREFERENCES_KEY));
}

/** One selection per event; a worker of the first release stored a single object. */
export async function loadPreferences(): Promise<PushPreferences[]> {
  const stored = await withStore<PushPreferences[] | PushPreferences | undefined>("readonly", (store) => store.get(PREFERENCES_KEY));
  if (!stored) return [];
  return Array.isArray(stored) ? stored : [stored];
}

function readPayload(event: PushEvent): ReminderPayload {
  try {
    const data = event.data?.json() as Partial<ReminderPayload> | undefined;
    if (data && typeof data.title === "string" && typeof data.body === "string") {
      return {
        title: data.title,
        body: data.body,
        url: safePath(data.url),
        tag: typeof data.tag === "string" ? data.tag : undefined,
        locale: data.locale,
      };
    }
  } catch {
    // not JSON: fall through to a plain notification rather than showing nothing
  }
  return { title: "Entitle", body: event.data?.text() ?? "", url: "/" };
}

function showReminder(sw: ServiceWorkerGlobalScope, event: PushEvent): Promise<void> {
  const payload = readPayload(event);
  return sw.registration.showNotification(payload.title, {
    body: payload.body,
    icon: ICON,
    badge: BADGE,
    // One notification per milestone: a later reminder replaces an earlier one still on screen.
    tag: payload.tag,
    lang: payload.locale,
    data: { url: payload.url },
  });
}

async function openApp(sw: ServiceWorkerGlobalScope, target: string): Promise<void> {
  const windows = await sw.clients.matchAll({ type: "window", includeUncontrolled: true });
  const open = windowToFocus(windows, target);
  if (open) {
    await open.focus();
    return;
  }
  await sw.clients.openWindow(target);
}

async function applicationServerKey(old: PushSubscription | null): Promise<BufferSource> {
  const known = old?.options.applicationServerKey;
  if (known) return known;
  const response = await fetch("/api/v1/push/public-key", { cache: "no-store" });
  if (!response.ok) throw new Error(`public key: HTTP ${response.status}`);
  const { publicKey } = (await response.json()) as { publicKey: string };
  return base64UrlToBytes(publicKey);
}

const json = { "content-type": "application/json" };

/** The browser replaced (or dropped) the subscription: subscribe again with the same key and choices. */
async function resubscribe(sw: ServiceWorkerGlobalScope, event: PushSubscriptionChangeEvent): Promise<void> {
  const selections = await loadPreferences();
  if (selections.length === 0) return; // nothing was subscribed from this browser, or the user unsubscribed
  const old = event.oldSubscription;
  const fresh =
    event.newSubscription ??
    (await sw.registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: await applicationServerKey(old) }));
  // A POST sets one event's selection (DESIGN.md §3.2): one per event the device had reminders for. One that
  // fails (offline for a moment, a typed-in event whose dates have all passed) does not stop the others.
  for (const preferences of selections) {
    await fetch("/api/v1/subscriptions", {
      method: "POST",
      headers: json,
      body: JSON.stringify({ subscription: fresh.toJSON(), ...preferences }),
    }).catch(() => undefined);
  }
  const auth = old?.getKey("auth");
  if (old && auth && old.endpoint !== fresh.endpoint) {
    // Best effort: the old endpoint would be removed anyway at its first 404/410.
    await fetch("/api/v1/subscriptions", {
      method: "DELETE",
      headers: json,
      body: JSON.stringify({ endpoint: old.endpoint, auth: bytesToBase64Url(auth) }),
    }).catch(() => undefined);
  }
}

function isPreferencesMessage(data: unknown): data is { type: string; preferences: PushPreferences[] } {
  return (
    typeof data === "object" &&
    data !== null &&
    (data as { type?: unknown }).type === PUSH_PREFERENCES_MESSAGE &&
    Array.isArray((data as { preferences?: unknown }).preferences)
  );
}

export function registerPushHandlers(sw: ServiceWorkerGlobalScope): void {
  sw.addEventListener("push", (event) => {
    event.waitUntil(showReminder(sw, event));
  });

  sw.addEventListener("notificationclick", (event) => {
    event.notification.close();
    event.waitUntil(openApp(sw, clickTarget(event.notification.data, sw.location.origin)));
  });

  sw.addEventListener("pushsubscriptionchange", (event) => {
    event.waitUntil(resubscribe(sw, event));
  });

  sw.addEventListener("message", (event) => {
    if (isPreferencesMessage(event.data)) event.waitUntil(savePreferences(event.data.preferences));
  });
}
