import { z } from "zod";

/** The languages the app speaks: URL prefix, message catalog and push text alike. */
export const LOCALES = ["en", "zh-Hant", "zh-Hans"] as const;
export const localeSchema = z.enum(LOCALES);
export type Locale = z.infer<typeof localeSchema>;

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}

/** The two share classes of a Mainland issuer listed in both markets. */
export const SHARE_CLASSES = ["H", "A"] as const;
export const shareClassSchema = z.enum(SHARE_CLASSES);
export type ShareClass = z.infer<typeof shareClassSchema>;
