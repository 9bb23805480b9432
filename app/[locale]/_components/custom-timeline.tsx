"use client";
import { useTranslations } from "next-intl";
import type { EntitlementEvent, Locale } from "@/lib/events/schema";
import { TimelineView } from "./timeline-view";

/** The key dates of a typed-in event, rendered in the browser from its terms. */
export function CustomTimeline({ event, locale }: { event: EntitlementEvent; locale: Locale }) {
  const t = useTranslations("timeline");
  const ts = useTranslations("status");
  return <TimelineView event={event} locale={locale} t={(k, v) => t(k as never, v as never)} ts={(k) => ts(k as never)} passEvent />;
}
