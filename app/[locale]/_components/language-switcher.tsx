import { LOCALES } from "@/i18n/routing";

const NAMES: Record<(typeof LOCALES)[number], { name: string; lang: string }> = {
  en: { name: "English", lang: "en" },
  "zh-Hant": { name: "繁體中文", lang: "zh-Hant" },
  "zh-Hans": { name: "简体中文", lang: "zh-Hans" },
};

/**
 * Plain links: each locale is its own prerendered page, so switching works offline too. `path` follows the
 * locale ("/events/…", "/custom?…"), so the holder stays on the same event.
 */
export function LanguageSwitcher({ current, label, path = "" }: { current: string; label: string; path?: string }) {
  return (
    <nav aria-label={label}>
      <ul className="flex flex-wrap gap-1">
        {LOCALES.map((l) => (
          <li key={l}>
            <a
              href={`/${l}${path}`}
              hrefLang={NAMES[l].lang}
              lang={NAMES[l].lang}
              aria-current={l === current ? "page" : undefined}
              className={`inline-flex min-h-11 items-center rounded-lg px-3 text-sm ${l === current ? "bg-blue-700 font-semibold text-white dark:bg-blue-300 dark:text-slate-950" : "text-blue-800 underline dark:text-blue-200"}`}
            >
              {NAMES[l].name}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
