import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { setRequestLocale } from "next-intl/server";
import { findEvent, listEvents } from "@/lib/events/catalog";
import type { Locale } from "@/lib/events/schema";
import { EventPage } from "../../_components/event-page";

/** One page per catalog event and locale, generated at build time (and precached by the service worker). */
export function generateStaticParams() {
  return listEvents().map((e) => ({ id: e.id }));
}
export const dynamicParams = false;

export async function generateMetadata({ params }: { params: Promise<{ locale: Locale; id: string }> }): Promise<Metadata> {
  const { locale, id } = await params;
  const event = findEvent(id);
  return event ? { title: `${event.issuer.name[locale]} · ${event.title[locale]} — Entitle` } : {};
}

export default async function CatalogEventPage({ params }: { params: Promise<{ locale: Locale; id: string }> }) {
  const { locale, id } = await params;
  setRequestLocale(locale);
  const event = findEvent(id);
  if (!event) notFound();
  return <EventPage event={event} locale={locale} path={`/events/${event.id}`} />;
}
