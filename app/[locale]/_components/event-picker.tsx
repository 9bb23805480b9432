"use client";
import { useTranslations } from "next-intl";
import { useSavedEvents } from "./saved-events";

export interface CatalogChoice {
  id: string;
  /** The issuer and the event's title, in the page's language. */
  label: string;
}

/**
 * Which event the calculator shows: the catalog's events, the holder's own events saved on this device, and a
 * form for a new one. Plain links (each page is prerendered or a cached shell), so it works offline too.
 */
export function EventPicker({
  title,
  locale,
  catalog,
  current,
}: {
  /** The event's name: the page's heading, which opens the picker (so the picker takes no room of its own). */
  title: string;
  locale: string;
  catalog: CatalogChoice[];
  /** A catalog id, or the canonical terms of the typed-in event shown. */
  current: { id: string } | { terms: string };
}) {
  const t = useTranslations("picker");
  const saved = useSavedEvents();
  const link = "inline-flex min-h-11 items-center text-blue-800 underline dark:text-blue-200";
  const here = (on: boolean) => (on ? { "aria-current": "page" as const } : {});
  return (
    <details className="group" data-testid="event-picker">
      <summary className="flex cursor-pointer list-none items-baseline gap-2 [&::-webkit-details-marker]:hidden">
        <h1 className="text-xl font-bold leading-tight">{title}</h1>
        <span aria-hidden="true" className="text-sm group-open:rotate-180">
          ▼
        </span>
        <span className="sr-only">{t("open")}</span>
      </summary>
      <nav aria-label={t("label")} className="my-2 rounded-xl bg-white p-3 text-slate-900 shadow dark:bg-slate-800 dark:text-slate-100">
        <h2 className="text-sm font-semibold">{t("catalog")}</h2>
        <ul>
          {catalog.map((e) => (
            <li key={e.id}>
              <a href={`/${locale}/events/${e.id}`} className={link} {...here("id" in current && current.id === e.id)}>
                {e.label}
              </a>
            </li>
          ))}
        </ul>
        <h2 className="mt-2 text-sm font-semibold">{t("saved")}</h2>
        {saved && saved.length > 0 ? (
          <ul data-testid="saved-events">
            {saved.map((e) => (
              <li key={e.terms}>
                <a href={`/${locale}/custom?${e.terms}`} className={link} {...here("terms" in current && current.terms === e.terms)}>
                  {e.name ?? t("unnamed", { date: e.savedAt.slice(0, 10) })}
                </a>
              </li>
            ))}
          </ul>
        ) : (
          <p className="text-sm text-slate-700 dark:text-slate-300">{t("noneSaved")}</p>
        )}
        <p className="mt-2">
          <a href={`/${locale}/custom`} className={`${link} font-medium`}>
            {t("enter")}
          </a>
        </p>
      </nav>
    </details>
  );
}
