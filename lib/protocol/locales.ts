/**
 * The languages the app speaks (URL prefix, message catalog, push text) and the two share classes.
 * No zod here, so that the middleware and the service worker can import it; the schemas are in enums.ts.
 */
export const LOCALES = ["en", "zh-Hant", "zh-Hans"] as const;
export type Locale = (typeof LOCALES)[number];

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}

/** The two share classes of a Mainland issuer listed in both markets. */
export const SHARE_CLASSES = ["H", "A"] as const;
export type ShareClass = (typeof SHARE_CLASSES)[number];
