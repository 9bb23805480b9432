import { describe, expect, it } from "vitest";
import { preferredLocale } from "@/i18n/accept-language";
import { ERROR_CODES } from "@/lib/entitlement/errors";
import { A_HOLDERS, H_HOLDERS } from "@/lib/entitlement/holders";
import { NOTE_CODES } from "@/lib/entitlement/notes";
import { TERM_REASONS } from "@/lib/events/terms";
import en from "@/messages/en.json";
import zhHans from "@/messages/zh-Hans.json";
import zhHant from "@/messages/zh-Hant.json";

type Tree = { [k: string]: string | Tree };
const leaves = (t: Tree, prefix = ""): string[] =>
  Object.entries(t).flatMap(([k, v]) => (typeof v === "string" ? [`${prefix}${k}`] : leaves(v, `${prefix}${k}.`)));
const placeholders = (s: string) => [...new Set([...s.matchAll(/\{(\w+)[,}]/g)].map((m) => m[1]))].sort();
const get = (t: Tree, path: string) => path.split(".").reduce<Tree | string>((node, k) => (node as Tree)[k] as Tree | string, t) as string;

describe("message catalogs", () => {
  const catalogs = { en, "zh-Hant": zhHant, "zh-Hans": zhHans } as Record<string, Tree>;
  it("have the same keys and the same placeholders in every language", () => {
    const keys = leaves(en as Tree).sort();
    for (const [locale, messages] of Object.entries(catalogs)) {
      expect(leaves(messages).sort(), locale).toEqual(keys);
      for (const key of keys) expect(placeholders(get(messages, key)), `${locale} ${key}`).toEqual(placeholders(get(en as Tree, key)));
    }
  });
  it("translate every note, error code and holder type the engine can produce", () => {
    for (const messages of Object.values(catalogs)) {
      for (const code of NOTE_CODES) expect(get(messages, `notes.${code}`)).toBeTruthy();
      for (const code of ERROR_CODES) expect(get(messages, `errors.${code}`)).toBeTruthy();
      for (const holder of [...H_HOLDERS, ...A_HOLDERS]) expect(get(messages, `holders.${holder}`)).toBeTruthy();
      for (const reason of TERM_REASONS) expect(get(messages, `termErrors.${reason}`)).toBeTruthy();
    }
  });
});

describe("Accept-Language", () => {
  const cases: [string, string][] = [
    ["zh-HK,zh;q=0.9,en;q=0.8", "zh-Hant"],
    ["zh-TW", "zh-Hant"],
    ["zh-Hant-MO", "zh-Hant"],
    ["zh-CN,zh;q=0.9", "zh-Hans"],
    ["zh", "zh-Hans"],
    ["en-GB,zh-HK;q=0.5", "en"],
    ["fr-FR,zh-HK;q=0.4", "zh-Hant"],
    ["zh-HK;q=0.2,en;q=0.9", "en"],
    ["de, fr", "en"],
    ["", "en"],
    ["zh-HK;q=0", "en"],
  ];
  for (const [header, locale] of cases) {
    it(`${JSON.stringify(header)} → ${locale}`, () => expect(preferredLocale(header)).toBe(locale));
  }
});
