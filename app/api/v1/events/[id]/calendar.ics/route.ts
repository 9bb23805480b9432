import { createTranslator } from "next-intl";
import { calendarInput } from "@/lib/calendar/from-event";
import { calendarWords, writeCalendar } from "@/lib/calendar/ics";
import { findEvent } from "@/lib/events/catalog";
import type { Locale } from "@/lib/events/schema";
import en from "@/messages/en.json";
import zhHans from "@/messages/zh-Hans.json";
import zhHant from "@/messages/zh-Hant.json";

const MESSAGES: Record<Locale, typeof en> = { en, "zh-Hant": zhHant, "zh-Hans": zhHans };
const error = (status: number, code: string, message: string) => Response.json({ error: { code, message } }, { status });

/** GET /api/v1/events/{id}/calendar.ics[?milestone=id][&locale=en|zh-Hant|zh-Hans] — every date, or one. */
export async function GET(request: Request, ctx: { params: Promise<{ id: string }> }): Promise<Response> {
  const { id } = await ctx.params;
  const event = findEvent(id);
  if (!event) return error(404, "unknown_event", `No event "${id}" is known.`);
  const query = new URL(request.url).searchParams;
  const localeText = query.get("locale") ?? "en";
  if (!Object.hasOwn(MESSAGES, localeText)) return error(400, "unknown_locale", "locale must be en, zh-Hant or zh-Hans.");
  const locale = localeText as Locale;
  const milestone = query.get("milestone");
  if (milestone !== null && !event.milestones.some((m) => m.id === milestone)) {
    return error(404, "unknown_milestone", `No milestone "${milestone}" in ${id}.`);
  }
  const built = writeCalendar(calendarInput(event, locale), {
    words: calendarWords(createTranslator({ locale, messages: MESSAGES[locale], namespace: "timeline.ics" })),
    locale,
    stamp: Date.now(),
    only: milestone ? [milestone] : undefined,
    url: new URL(`/${locale}#timeline`, request.url).toString(),
  });
  if (!built.ok) return error(500, "calendar_failed", built.reason);
  return new Response(built.ics, {
    headers: {
      "content-type": "text/calendar; charset=utf-8",
      "content-disposition": `attachment; filename="${id}${milestone ? `-${milestone}` : ""}.ics"`,
      "cache-control": "public, max-age=3600",
    },
  });
}
