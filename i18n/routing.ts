import { defineRouting } from "next-intl/routing";

export const LOCALES = ["en", "zh-Hant", "zh-Hans"] as const;
export type AppLocale = (typeof LOCALES)[number];

export const routing = defineRouting({
  locales: LOCALES,
  defaultLocale: "en",
  // The first visit follows Accept-Language; the switcher's choice is remembered in a cookie.
  localeDetection: true,
});

export function isAppLocale(value: string | undefined): value is AppLocale {
  return (LOCALES as readonly string[]).includes(value ?? "");
}
