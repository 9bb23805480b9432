import { defineRouting } from "next-intl/routing";
import { LOCALES, type Locale } from "../lib/protocol/locales";

export { LOCALES };
export type AppLocale = Locale;

export const routing = defineRouting({
  locales: LOCALES,
  defaultLocale: "en",
  // The first visit follows Accept-Language; the switcher's choice is remembered in a cookie.
  localeDetection: true,
});

export function isAppLocale(value: string | undefined): value is AppLocale {
  return (LOCALES as readonly string[]).includes(value ?? "");
}
