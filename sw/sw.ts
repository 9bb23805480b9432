/// <reference lib="webworker" />
import { defaultCache } from "@serwist/next/worker";
import { type PrecacheEntry, Serwist, type SerwistGlobalConfig } from "serwist";
import { LOCALES } from "../lib/protocol/locales";
import { SKIP_WAITING_MESSAGE } from "../lib/protocol/messages";
import { registerPushHandlers } from "./push";

declare global {
  interface WorkerGlobalScope extends SerwistGlobalConfig {
    __SW_MANIFEST: (PrecacheEntry | string)[] | undefined;
  }
}
declare const self: ServiceWorkerGlobalScope;

/** "/" redirects by Accept-Language online; offline it opens the precached page in the device's language. */
function localeForDevice(): string {
  const lang = (self.navigator.language || "en").toLowerCase();
  if (!lang.startsWith("zh")) return "en";
  return /hant|tw|hk|mo/.test(lang) ? "zh-Hant" : "zh-Hans";
}

/**
 * `/{locale}/custom?…terms…`: one static shell for every set of terms (the page reads them from its address in
 * the browser). The precache holds `/{locale}/custom` without a query, and precache matching compares the query
 * too (it only drops utm_* and fbclid), so these navigations get their own route: the cached shell, whatever
 * the terms; the network only when the shell is not cached yet.
 */
const CUSTOM_SHELL = new RegExp(`^/(${LOCALES.join("|")})/custom/?$`);

const serwist: Serwist = new Serwist({
  precacheEntries: self.__SW_MANIFEST,
  // A new version waits until the page asks (the "update now" prompt), so a half-typed holding is never lost.
  skipWaiting: false,
  clientsClaim: true,
  navigationPreload: true,
  runtimeCaching: [
    {
      matcher: ({ request, url, sameOrigin }) => sameOrigin && request.mode === "navigate" && url.pathname === "/",
      handler: {
        handle: async ({ request }): Promise<Response> => {
          try {
            return await fetch(request);
          } catch {
            const cached: Response | undefined = await serwist.matchPrecache(`/${localeForDevice()}`);
            return cached ?? (await serwist.matchPrecache("/offline.html")) ?? Response.error();
          }
        },
      },
    },
    {
      matcher: ({ request, url, sameOrigin }) => sameOrigin && request.mode === "navigate" && CUSTOM_SHELL.test(url.pathname),
      handler: {
        handle: async ({ request, url }): Promise<Response> => {
          const shell = await serwist.matchPrecache(url.pathname.replace(/\/$/, ""));
          if (shell) return shell;
          try {
            return await fetch(request);
          } catch {
            return (await serwist.matchPrecache("/offline.html")) ?? Response.error();
          }
        },
      },
    },
    ...defaultCache,
  ],
  fallbacks: {
    entries: [{ url: "/offline.html", matcher: ({ request }) => request.destination === "document" }],
  },
});

self.addEventListener("message", (event) => {
  if (event.data?.type === SKIP_WAITING_MESSAGE) void self.skipWaiting();
});

registerPushHandlers(self);
serwist.addEventListeners();
