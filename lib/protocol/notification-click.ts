/**
 * Where a tapped reminder leads (the service worker's `notificationclick`, sw/push.ts), as pure functions so
 * that they can be tested without a click — a headless browser cannot click a notification. The server
 * writes `url` into the push payload (lib/reminders/payload.ts); the worker keeps it on the notification.
 * No zod, no DOM: the service worker imports this file.
 */

/**
 * The id of a date's row in the key-dates list (app/[locale]/_components/key-dates-list.tsx), so that a
 * reminder's link lands on the date it is about: `#date-<milestone id>`. Prefixed so that no milestone id can
 * take the id of another element of the page.
 */
export function milestoneAnchor(milestoneId: string): string {
  return `date-${milestoneId}`;
}

/** A base that no real origin equals, to resolve a path without knowing the app's origin. */
const PROBE = "https://entitle.invalid";

/**
 * The payload's `url` if it is a path on the app's own origin, normalised; "/" otherwise. A push payload must
 * never open another site: "//host", "/\host" and "/<tab>/host" all resolve to another origin under the URL
 * standard (tabs and newlines are removed, backslashes are slashes), so the test is on the resolved URL.
 */
export function safePath(url: unknown): string {
  if (typeof url !== "string" || !url.startsWith("/")) return "/";
  let resolved: URL;
  try {
    resolved = new URL(url, PROBE);
  } catch {
    return "/";
  }
  if (resolved.origin !== PROBE) return "/";
  const path = `${resolved.pathname}${resolved.search}${resolved.hash}`;
  // "/.//host" normalises to "//host", which would be read as a host the next time it is resolved.
  return path.startsWith("//") ? "/" : path;
}

/** The absolute URL a tap opens: the notification's `data.url` on the app's origin, or the app's start page. */
export function clickTarget(data: unknown, origin: string): string {
  const url = typeof data === "object" && data !== null ? (data as { url?: unknown }).url : undefined;
  return new URL(safePath(url), origin).href;
}

/** The open window to focus instead of opening another one: one already showing exactly that page. */
export function windowToFocus<W extends { url: string }>(windows: readonly W[], target: string): W | undefined {
  return windows.find((w) => w.url === target);
}
