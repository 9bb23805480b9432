import { getLocale, getTranslations } from "next-intl/server";
import { findEvent } from "@/lib/events/catalog";
import type { Locale } from "@/lib/events/schema";
import { TimelineView } from "./timeline-view";

/** The key dates of a catalog event, rendered on the server (see TimelineView). */
export async function Timeline({ eventId }: { eventId: string }) {
  const t = await getTranslations("timeline");
  const ts = await getTranslations("status");
  const locale = (await getLocale()) as Locale;
  const event = findEvent(eventId);
  if (!event) return null;
  return <TimelineView event={event} locale={locale} t={(k, v) => t(k as never, v as never)} ts={(k) => ts(k as never)} />;
}
