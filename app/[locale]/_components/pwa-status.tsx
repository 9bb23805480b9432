"use client";
import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { SKIP_WAITING_MESSAGE } from "@/lib/protocol/messages";

/**
 * Registers the service worker and offers the update when a new version is waiting. Registration is by hand
 * (a dozen lines) rather than @serwist/window to keep the first load light.
 */
export function PwaStatus() {
  const t = useTranslations("pwa");
  const [waiting, setWaiting] = useState<ServiceWorker | null>(null);
  useEffect(() => {
    if (!("serviceWorker" in navigator) || process.env.NODE_ENV !== "production") return;
    navigator.serviceWorker
      .register("/sw.js", { scope: "/" })
      .then((reg) => {
        // Only an update (a controller already exists) is offered; the first install just takes over.
        if (reg.waiting && navigator.serviceWorker.controller) setWaiting(reg.waiting);
        reg.addEventListener("updatefound", () => {
          const next = reg.installing;
          next?.addEventListener("statechange", () => {
            if (next.state === "installed" && navigator.serviceWorker.controller) setWaiting(next);
          });
        });
      })
      .catch(() => {
        // No service worker (private mode, old browser): the page still works online.
      });
  }, []);
  if (!waiting) return null;
  return (
    <div
      role="status"
      className="fixed inset-x-3 bottom-3 z-10 flex items-center justify-between gap-3 rounded-xl bg-slate-900 p-3 text-white shadow-lg dark:bg-slate-100 dark:text-slate-900"
    >
      <span>{t("updateReady")}</span>
      <button
        type="button"
        className="min-h-11 rounded-lg bg-blue-600 px-4 font-medium text-white dark:bg-blue-800"
        onClick={() => {
          navigator.serviceWorker.addEventListener("controllerchange", () => window.location.reload(), { once: true });
          waiting.postMessage({ type: SKIP_WAITING_MESSAGE });
        }}
      >
        {t("reload")}
      </button>
    </div>
  );
}
