import { getTranslations } from "next-intl/server";
import { listEvents } from "@/lib/events/catalog";
import type { EntitlementEvent, Locale } from "@/lib/events/schema";
import { Calculator } from "./calculator";
import { type CatalogChoice, EventPicker } from "./event-picker";
import { PageHeader } from "./page-chrome";
import { PageFooter } from "./page-footer";
import { PwaStatus } from "./pwa-status";
import { RemindersSlot } from "./reminders-slot";
import { Timeline } from "./timeline";
import { CalculatorProvider } from "./use-calculator";

/** A source's title in the page's language, when the event gives it in several. */
const localText = (text: string | Partial<Record<Locale, string>>, locale: Locale): string =>
  typeof text === "string" ? text : (text[locale] ?? text.en ?? "");

/** The picker's list of catalog events, in the page's language. */
export function catalogChoices(locale: Locale): CatalogChoice[] {
  return listEvents().map((e) => ({ id: e.id, label: `${e.issuer.name[locale]} · ${e.title[locale]}` }));
}

/** The calculator page of one catalog event: header, calculator, key dates, reminders, sources. */
export async function EventPage({ event, locale, path }: { event: EntitlementEvent; locale: Locale; path: string }) {
  const t = await getTranslations();
  return (
    <>
      <PageHeader
        locale={locale}
        path={path}
        labels={{ app: t("header.app"), language: t("header.language"), skip: t("header.skip") }}
        heading={
          <EventPicker title={event.issuer.name[locale]} locale={locale} catalog={catalogChoices(locale)} current={{ id: event.id }} />
        }
        subtitle={`${event.title[locale]} · ${t("header.codes", { h: event.issuer.codes.H ?? "", a: event.issuer.codes.A ?? "" })}`}
      />
      <main className="mx-auto max-w-5xl px-4 py-4">
        <CalculatorProvider eventId={event.id}>
          <Calculator />
          <Timeline eventId={event.id} />
          <RemindersSlot eventId={event.id} />
        </CalculatorProvider>
      </main>
      <PageFooter sources={event.sources.map((s) => ({ id: s.id, title: localText(s.title, locale) }))} />
      <PwaStatus />
    </>
  );
}
