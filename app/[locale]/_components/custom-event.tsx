"use client";
import { useTranslations } from "next-intl";
import { useEffect, useMemo, useState } from "react";
import type { Locale } from "@/lib/events/schema";
import { printTerms, type RawTerms, readTerms, TERM_NAMES, type TermName, termFieldIssues } from "@/lib/events/terms";
// The typed dates only: the derived ones (lib/events/derived-dates.ts) need the business-day calendars of
// lib/schedule/timetable.ts, whose holiday packages do not belong in a page (see docs/calculator-page.md);
// the page asks the server for them (use-derived-dates.ts).
import { typedInEvent } from "@/lib/events/typed-in";
import { Calculator } from "./calculator";
import { CustomTimeline } from "./custom-timeline";
import { type CatalogChoice, EventPicker } from "./event-picker";
import { PageHeader, PlainHeading } from "./page-chrome";
import { PasteAnnouncement } from "./paste-announcement";
import { RemindersSlot } from "./reminders-slot";
import { card } from "./result-card";
import { removeEvent, saveEvent, useSavedEvents } from "./saved-events";
import { type ImportMarks, TermsForm, type TermValues } from "./terms-form";
import { CalculatorProvider } from "./use-calculator";
import { useDerivedDates } from "./use-derived-dates";

type Labels = { app: string; language: string; skip: string };

/** The form's text for each term, from a query string (the first value of a repeated name). */
export function valuesFromQuery(query: string): TermValues {
  const params = new URLSearchParams(query);
  return Object.fromEntries(TERM_NAMES.map((n) => [n, params.get(n) ?? ""])) as TermValues;
}

/** The terms given (non-empty), as the codec reads them. */
const given = (values: TermValues): RawTerms =>
  Object.fromEntries(TERM_NAMES.filter((n) => values[n].trim() !== "").map((n) => [n, values[n]]));

/** While the terms do not read, the link keeps them as typed (so a reload or a shared link shows the same form). */
const rawQuery = (values: TermValues) =>
  TERM_NAMES.filter((n) => values[n].trim() !== "")
    .map((n) => `${n}=${encodeURIComponent(values[n])}`)
    .join("&");

/**
 * `/{locale}/custom`: reads the terms from this page's address once in the browser (the server sends the same
 * shell for every address, which the service worker can serve offline), then the form owns them and writes
 * them back to the address as they change.
 */
export function CustomEventPage({ locale, catalog, labels }: { locale: Locale; catalog: CatalogChoice[]; labels: Labels }) {
  const t = useTranslations("custom");
  const [query, setQuery] = useState<string | null>(null);
  useEffect(() => {
    const read = () => setQuery(window.location.search.replace(/^\?/, ""));
    read();
    window.addEventListener("popstate", read);
    return () => window.removeEventListener("popstate", read);
  }, []);
  if (query === null)
    return (
      <>
        <PageHeader
          locale={locale}
          path="/custom"
          labels={labels}
          heading={<PlainHeading>{t("title")}</PlainHeading>}
          subtitle={t("loading")}
        />
        <main className="mx-auto max-w-5xl px-4 py-4" />
      </>
    );
  return <CustomEvent key={query} initialQuery={query} locale={locale} catalog={catalog} labels={labels} />;
}

function CustomEvent({
  initialQuery,
  locale,
  catalog,
  labels,
}: {
  initialQuery: string;
  locale: Locale;
  catalog: CatalogChoice[];
  labels: Labels;
}) {
  const t = useTranslations("custom");
  const [values, setValues] = useState<TermValues>(() => valuesFromQuery(initialQuery));
  const [openedValid] = useState(() => readTerms(given(valuesFromQuery(initialQuery))).ok);
  const [marks, setMarks] = useState<ImportMarks | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const saved = useSavedEvents();

  const read = useMemo(() => readTerms(given(values)), [values]);
  // Nothing paid yet is where every form starts, not a mistake to show.
  const blank = TERM_NAMES.every((n) => n === "name" || n === "classes" || values[n].trim() === "");
  const issues = useMemo(() => (blank ? {} : termFieldIssues(given(values))), [values, blank]);
  const valid = useMemo(() => {
    if (!read.ok) return null;
    const terms = printTerms(read.terms);
    return { terms, event: typedInEvent(read.terms) };
  }, [read]);
  const query = valid ? valid.terms : rawQuery(values);
  const dated = useDerivedDates(valid?.terms ?? null, valid?.event ?? null);

  useEffect(() => {
    const url = `${window.location.pathname}${query ? `?${query}` : ""}`;
    if (url !== `${window.location.pathname}${window.location.search}`) window.history.replaceState(null, "", url);
  }, [query]);

  const change = (term: TermName, value: string) => {
    setStatus(null);
    setValues((prev) => ({ ...prev, [term]: value }));
  };
  const fill = (filled: Partial<Record<TermName, string>>, found: ImportMarks) => {
    setStatus(null);
    setValues(() => ({ ...valuesFromQuery(""), ...filled }));
    setMarks(found);
  };

  const isSaved = valid !== null && (saved ?? []).some((e) => e.terms === valid.terms);
  async function share() {
    const url = window.location.href;
    if (typeof navigator.share === "function") {
      try {
        await navigator.share({ title: values.name.trim() || t("unnamed"), url });
        return;
      } catch (e) {
        if (e instanceof DOMException && e.name === "AbortError") return;
      }
    }
    try {
      await navigator.clipboard.writeText(url);
      setStatus(t("shared"));
    } catch {
      setStatus(t("shareFailed"));
    }
  }
  const button =
    "min-h-11 rounded-lg border border-blue-700 px-3 py-2 text-sm font-medium text-blue-800 hover:bg-blue-50 dark:border-blue-300 dark:text-blue-200 dark:hover:bg-blue-950";

  return (
    <>
      <PageHeader
        locale={locale}
        path={`/custom${query ? `?${query}` : ""}`}
        labels={labels}
        heading={
          <EventPicker
            title={values.name.trim() || t("unnamed")}
            locale={locale}
            catalog={catalog}
            current={{ terms: valid?.terms ?? "" }}
          />
        }
        subtitle={t("subtitle")}
      />
      <main className="mx-auto max-w-5xl px-4 py-4">
        <p
          role="note"
          data-testid="estimate"
          className="rounded-xl border border-amber-400 bg-amber-50 p-3 text-sm dark:border-amber-600 dark:bg-amber-950"
        >
          {t("estimate")}
        </p>
        <section aria-labelledby="terms-title" className={`${card} mt-4`}>
          {/* Opened from a link whose terms read: the answer comes first, the terms fold to one line. */}
          <details open={!openedValid} data-testid="terms">
            <summary className="flex min-h-11 cursor-pointer flex-wrap items-baseline gap-x-2">
              <h2 id="terms-title" className="text-lg font-semibold">
                {t("formTitle")}
              </h2>
              <span className="text-sm text-blue-800 underline dark:text-blue-200">{t("editTerms")}</span>
            </summary>
            <p className="mt-1 text-sm">{t("formIntro")}</p>
            <PasteAnnouncement onFill={fill} />
            <form onSubmit={(ev) => ev.preventDefault()} noValidate>
              <TermsForm values={values} issues={issues} marks={marks} onChange={change} />
            </form>
          </details>
          <div className="mt-3 flex flex-wrap items-center gap-3">
            {valid ? (
              <>
                <button type="button" onClick={share} className={button}>
                  {t("share")}
                </button>
                {isSaved ? (
                  <button
                    type="button"
                    onClick={() => setStatus(removeEvent(valid.terms) ? t("removed") : t("saveFailed"))}
                    className={button}
                  >
                    {t("remove")}
                  </button>
                ) : (
                  <button type="button" onClick={() => setStatus(saveEvent(valid.terms) ? t("saved") : t("saveFailed"))} className={button}>
                    {t("save")}
                  </button>
                )}
              </>
            ) : (
              <p className="font-medium">{blank ? t("blank") : t("invalid")}</p>
            )}
            <p role="status" className="text-sm" data-testid="custom-status">
              {status ?? (isSaved ? t("saved") : "")}
            </p>
          </div>
          <p className="mt-2 text-sm text-slate-700 dark:text-slate-300">{t("savedNote")}</p>
        </section>
        {valid && (
          <div className="mt-6">
            <CalculatorProvider eventId={valid.event.id} custom={valid}>
              <Calculator />
              {/* The figures do not depend on dates: the calculator keeps the typed event; dates and reminders get the derived ones too. */}
              <CustomTimeline event={dated.event ?? valid.event} locale={locale} offline={dated.offline} />
              <RemindersSlot eventId={valid.event.id} event={dated.event ?? valid.event} terms={valid.terms} />
            </CalculatorProvider>
          </div>
        )}
      </main>
    </>
  );
}
