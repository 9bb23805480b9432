import { getTranslations, setRequestLocale } from "next-intl/server";
import { DEFAULT_EVENT_ID, findEvent } from "@/lib/events/catalog";
import type { Locale } from "@/lib/events/schema";
import { Calculator } from "./_components/calculator";
import { LanguageSwitcher } from "./_components/language-switcher";
import { PwaStatus } from "./_components/pwa-status";
import { Timeline } from "./_components/timeline";

export default async function CalculatorPage({ params }: { params: Promise<{ locale: Locale }> }) {
  const { locale } = await params;
  setRequestLocale(locale);
  const t = await getTranslations();
  const event = findEvent(DEFAULT_EVENT_ID);
  if (!event) throw new Error("the default event is missing from the catalog");

  return (
    <>
      <a
        href="#results"
        className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:rounded focus:bg-white focus:p-2 focus:text-blue-800"
      >
        {t("header.skip")}
      </a>
      <header className="bg-blue-700 text-white dark:bg-slate-900">
        <div className="mx-auto flex max-w-5xl flex-wrap items-start justify-between gap-2 px-4 py-4">
          <div>
            <p className="text-sm font-semibold uppercase tracking-wide">{t("header.app")}</p>
            <h1 className="text-xl font-bold leading-tight">{event.issuer.name[locale]}</h1>
            <p className="text-sm">
              {event.title[locale]} · {t("header.codes", { h: event.issuer.codes.H ?? "", a: event.issuer.codes.A ?? "" })}
            </p>
          </div>
          <div className="rounded-lg bg-white p-1 dark:bg-slate-800">
            <LanguageSwitcher current={locale} label={t("header.language")} />
          </div>
        </div>
      </header>
      <main className="mx-auto max-w-5xl px-4 py-4">
        <Calculator eventId={event.id} />
        <Timeline eventId={event.id} />
      </main>
      <footer className="mx-auto max-w-5xl px-4 pb-24 pt-4 text-sm text-slate-700 dark:text-slate-300">
        <p>{t("footer.privacy")}</p>
        <p className="mt-1">{t("footer.disclaimer")}</p>
        <h2 className="mt-3 font-semibold">{t("results.sources")}</h2>
        <ul className="list-disc pl-5">
          {event.sources.map((s) => (
            <li key={s.id}>{t("footer.source", { title: s.title })}</li>
          ))}
        </ul>
      </footer>
      <PwaStatus />
    </>
  );
}
