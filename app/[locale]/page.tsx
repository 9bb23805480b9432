import { setRequestLocale } from "next-intl/server";
import { DEFAULT_EVENT_ID, findEvent } from "@/lib/events/catalog";
import type { Locale } from "@/lib/events/schema";
import { EventPage } from "./_components/event-page";

export default async function CalculatorPage({ params }: { params: Promise<{ locale: Locale }> }) {
  const { locale } = await params;
  setRequestLocale(locale);
  const event = findEvent(DEFAULT_EVENT_ID);
  if (!event) throw new Error("the default event is missing from the catalog");
  return <EventPage event={event} locale={locale} />;
}
