"use client";
import { useTranslations } from "next-intl";
import type { EntitlementEvent, Locale } from "@/lib/events/schema";
import { TimelineView } from "./timeline-view";

/**
 * The key dates of a typed-in event: the typed ones, rendered in the browser from its terms, and the ones worked
 * out from them when the server could be asked (use-derived-dates.ts); offline, one line says those need a connection.
 */
export function CustomTimeline({ event, locale, offline = false }: { event: EntitlementEvent; locale: Locale; offline?: boolean }) {
  const t = useTranslations("timeline");
  const ts = useTranslations("status");
  const tc = useTranslations("custom");
  return (
    <>
      <TimelineView event={event} locale={locale} t={(k, v) => t(k as never, v as never)} ts={(k) => ts(k as never)} passEvent />
      {offline && (
        <p role="note" data-testid="derived-offline" className="mt-2 text-sm text-slate-700 dark:text-slate-300">
          {tc("derivedOffline")}
        </p>
      )}
    </>
  );
}
