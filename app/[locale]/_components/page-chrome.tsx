import type { ReactNode } from "react";
import type { Locale } from "@/lib/events/schema";
import { LanguageSwitcher } from "./language-switcher";

/**
 * The header every event page shares (catalog or typed-in): app name, language switcher, the event's name (which
 * opens the event picker) and a line under it. No hooks: the server renders it for a catalog event, the browser for a
 * typed-in one. `path` is what follows the locale in this page's address, so switching language stays on it.
 */
export function PageHeader({
  locale,
  path,
  labels,
  heading,
  subtitle,
}: {
  locale: Locale;
  path: string;
  labels: { app: string; language: string; skip: string };
  /** The event's name as the page's h1: through the event picker (`EventPicker`), or `<PlainHeading>`. */
  heading: ReactNode;
  subtitle: ReactNode;
}) {
  return (
    <>
      <a
        href="#results"
        className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:rounded focus:bg-white focus:p-2 focus:text-blue-800"
      >
        {labels.skip}
      </a>
      <header className="bg-blue-700 text-white dark:bg-slate-900">
        <div className="mx-auto max-w-5xl px-4 py-2">
          <div className="flex flex-wrap items-center justify-between gap-2">
            <p className="text-sm font-semibold uppercase tracking-wide">{labels.app}</p>
            <div className="rounded-lg bg-white p-0.5 dark:bg-slate-800">
              <LanguageSwitcher current={locale} label={labels.language} path={path} />
            </div>
          </div>
          {heading}
          <p className="text-sm leading-snug">{subtitle}</p>
        </div>
      </header>
    </>
  );
}

export function PlainHeading({ children }: { children: ReactNode }) {
  return <h1 className="text-xl font-bold leading-tight">{children}</h1>;
}
