import { setRequestLocale } from "next-intl/server";
import { listEvents } from "@/lib/events/catalog";
import { mostRelevantEvent } from "@/lib/events/relevant";
import type { Locale } from "@/lib/events/schema";
import { EventPage } from "./_components/event-page";

// The most relevant event moves as dates pass: the page is regenerated hourly (the service worker's copy
// follows each release).
export const revalidate = 3600;

/** `/{locale}`: the calculator of the most relevant catalog event (the next with a date ahead, else the latest). */
export default async function CalculatorPage({ params }: { params: Promise<{ locale: Locale }> }) {
  const { locale } = await params;
  setRequestLocale(locale);
  const event = mostRelevantEvent(listEvents(), Date.now());
  if (!event) throw new Error("the catalog is empty");
  return <EventPage event={event} locale={locale} path="" />;
}
