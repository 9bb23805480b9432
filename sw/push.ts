/// <reference lib="webworker" />
/**
 * Push reminders in the service worker: show the notification, open the app on click, and keep the
 * subscription alive when the browser rotates it. sw/sw.ts calls `registerPushHandlers(self)`.
 *
 * The page tells the worker what was subscribed to (event, class, milestones, leads, locale) with
 * `registration.active.postMessage({ type: PUSH_PREFERENCES_MESSAGE, preferences })` after a successful
 * POST /api/v1/subscriptions (and `preferences: null` after unsubscribing); it is kept in IndexedDB so that
 * `pushsubscriptionchange`, which may fire with no page open, can subscribe again with the same choices.
 */

export const PUSH_PREFERENCES_MESSAGE = "entitle:push-preferences";

export interface PushPreferences {
  event: string;
  class: "H" | "A";
  milestones: string[];
  leads: ("P7D" | "P1D" | "PT2H")[];
  locale: "en" | "zh-Hant" | "zh-Hans";
}

interface ReminderPayload {
  title: string;
  body: string;
  url: string;
  tag?: string;
  locale?: string;
}

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

export async function savePreferences(preferences: PushPreferences | null): Promise<void> {
  if (preferences) await withStore("readwrite", (store) => store.put(preferences, PREFERENCES_KEY));
  else await withStore("readwrite", (store) => store.delete(PREFERENCES_KEY));
}

export async function loadPreferences(): Promise<PushPreferences | undefined> {
  return (await withStore<PushPreferences | undefined>("readonly", (store) => store.get(PREFERENCES_KEY))) ?? undefined;
}

/**
 * Only a page of this origin: a push payload must not be able to open another site. The URL is resolved the way
 * the browser will resolve it (tabs and newlines dropped, backslashes read as slashes), and its origin compared
 * with ours: "/\t/evil.example/x" resolves to https://evil.example/x and is refused.
 */
export function safePath(url: unknown, origin: string): string {
  if (typeof url !== "string") return "/";
  try {
    const resolved = new URL(url, origin);
    return resolved.origin === origin ? `${resolved.pathname}${resolved.search}${resolved.hash}` : "/";
  } catch {
    return "/";
  }
}

function readPayload(event: PushEvent, origin: string): ReminderPayload {
  try {
    const data = event.data?.json() as Partial<ReminderPayload> | undefined;
    if (data && typeof data.title === "string" && typeof data.body === "string") {
      return {
        title: data.title,
        body: data.body,
        url: safePath(data.url, origin),
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
  const payload = readPayload(event, sw.location.origin);
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

async function openApp(sw: ServiceWorkerGlobalScope, path: string): Promise<void> {
  const target = new URL(path, sw.location.origin).href;
  const windows = await sw.clients.matchAll({ type: "window", includeUncontrolled: true });
  const open = windows.find((client) => client.url === target);
  if (open) {
    await open.focus();
    return;
  }
  await sw.clients.openWindow(target);
}

function base64UrlToBytes(value: string): Uint8Array<ArrayBuffer> {
  const base64 = value
    .replace(/-/g, "+")
    .replace(/_/g, "/")
    .padEnd(Math.ceil(value.length / 4) * 4, "=");
  const binary = atob(base64);
  const bytes = new Uint8Array(new ArrayBuffer(binary.length));
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

function bytesToBase64Url(buffer: ArrayBuffer): string {
  let binary = "";
  for (const byte of new Uint8Array(buffer)) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
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
  const preferences = await loadPreferences();
  if (!preferences) return; // nothing was subscribed from this browser, or the user unsubscribed
  const old = event.oldSubscription;
  const fresh =
    event.newSubscription ??
    (await sw.registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: await applicationServerKey(old) }));
  await fetch("/api/v1/subscriptions", {
    method: "POST",
    headers: json,
    body: JSON.stringify({ subscription: fresh.toJSON(), ...preferences }),
  });
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

function isPreferencesMessage(data: unknown): data is { type: string; preferences: PushPreferences | null } {
  return (
    typeof data === "object" && data !== null && (data as { type?: unknown }).type === PUSH_PREFERENCES_MESSAGE && "preferences" in data
  );
}

export function registerPushHandlers(sw: ServiceWorkerGlobalScope): void {
  sw.addEventListener("push", (event) => {
    event.waitUntil(showReminder(sw, event));
  });

  sw.addEventListener("notificationclick", (event) => {
    event.notification.close();
    const data = event.notification.data as { url?: unknown } | null;
    event.waitUntil(openApp(sw, safePath(data?.url, sw.location.origin)));
  });

  sw.addEventListener("pushsubscriptionchange", (event) => {
    event.waitUntil(resubscribe(sw, event));
  });

  sw.addEventListener("message", (event) => {
    if (isPreferencesMessage(event.data)) event.waitUntil(savePreferences(event.data.preferences));
  });
}
