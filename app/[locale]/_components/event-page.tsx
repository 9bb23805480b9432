import { getTranslations } from "next-intl/server";
import type { EntitlementEvent, Locale } from "@/lib/events/schema";
import { Calculator } from "./calculator";
import { LanguageSwitcher } from "./language-switcher";
import { PwaStatus } from "./pwa-status";
import { RemindersSlot } from "./reminders-slot";
import { Timeline } from "./timeline";
import { CalculatorProvider } from "./use-calculator";

/** A source's title in the page's language, when the event gives it in several. */
const localText = (text: string | Partial<Record<Locale, string>>, locale: Locale): string =>
  typeof text === "string" ? text : (text[locale] ?? text.en ?? "");

/** The calculator page of one event (catalog or custom): header, calculator, key dates, reminders, sources. */
export async function EventPage({ event, locale }: { event: EntitlementEvent; locale: Locale }) {
  const t = await getTranslations();
  return (
    <>
      <a
        href="#results"
        className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:rounded focus:bg-white focus:p-2 focus:text-blue-800"
      >
        {t("header.skip")}
      </a>
      <header className="bg-blue-700 text-white dark:bg-slate-900">
        <div className="mx-auto max-w-5xl px-4 py-2">
          <div className="flex flex-wrap items-center justify-between gap-2">
            <p className="text-sm font-semibold uppercase tracking-wide">{t("header.app")}</p>
            <div className="rounded-lg bg-white p-0.5 dark:bg-slate-800">
              <LanguageSwitcher current={locale} label={t("header.language")} />
            </div>
          </div>
          <h1 className="text-xl font-bold leading-tight">{event.issuer.name[locale]}</h1>
          <p className="text-sm leading-snug">
            {event.title[locale]} · {t("header.codes", { h: event.issuer.codes.H ?? "", a: event.issuer.codes.A ?? "" })}
          </p>
        </div>
      </header>
      <main className="mx-auto max-w-5xl px-4 py-4">
        <CalculatorProvider eventId={event.id}>
          <Calculator />
          <Timeline eventId={event.id} />
          <RemindersSlot eventId={event.id} />
        </CalculatorProvider>
      </main>
      <footer className="mx-auto max-w-5xl px-4 pb-24 pt-4 text-sm text-slate-700 dark:text-slate-300">
        <p>{t("footer.privacy")}</p>
        <p className="mt-1">{t("footer.disclaimer")}</p>
        <h2 className="mt-3 font-semibold">{t("results.sources")}</h2>
        <ul className="list-disc pl-5">
          {event.sources.map((s) => (
            <li key={s.id}>{t("footer.source", { title: localText(s.title, locale) })}</li>
          ))}
        </ul>
      </footer>
      <PwaStatus />
    </>
  );
}
