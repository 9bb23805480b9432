/// <reference lib="webworker" />
import { defaultCache } from "@serwist/next/worker";
import { type PrecacheEntry, Serwist, type SerwistGlobalConfig } from "serwist";
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
