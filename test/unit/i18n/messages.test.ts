import { describe, expect, it } from "vitest";
import { preferredLocale } from "@/i18n/accept-language";
import { EXPLAINED, GLOSSARY, glossaryViolations, ODD_LOT_KEYS, ODD_LOT_TERM } from "@/i18n/glossary";
import { entitlementInEnglish } from "@/lib/entitlement/english";
import { ERROR_CODES } from "@/lib/entitlement/errors";
import { A_HOLDERS, H_HOLDERS } from "@/lib/entitlement/holders";
import { NOTE_CODES } from "@/lib/entitlement/notes";
import { listEvents } from "@/lib/events/catalog";
import { TERM_REASONS } from "@/lib/events/terms";
import en from "@/messages/en.json";
import zhHans from "@/messages/zh-Hans.json";
import zhHant from "@/messages/zh-Hant.json";

// The parameters the engine gives every note (the same keys for any event and holder).
const sample = entitlementInEnglish({ class: "H", shares: "100" });
if (!sample.ok) throw new Error("sample");
const NOTE_PARAMS = Object.keys(sample.value.noteParams);

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
      for (const key of keys) {
        // A note's English names clauses from the event data ({fractionBasis}) that another language cannot
        // show: a note may use any parameter the engine fills, in each language.
        if (key.startsWith("notes.") && key !== "notes.bands-estimate")
          for (const p of placeholders(get(messages, key))) expect(NOTE_PARAMS, `${locale} ${key}`).toContain(p);
        else expect(placeholders(get(messages, key)), `${locale} ${key}`).toEqual(placeholders(get(en as Tree, key)));
      }
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

describe("one glossary per language", () => {
  const catalogs = { en, "zh-Hant": zhHant, "zh-Hans": zhHans } as Record<keyof typeof GLOSSARY, Tree>;
  for (const [locale, terms] of Object.entries(GLOSSARY) as [keyof typeof GLOSSARY, (typeof GLOSSARY)["en"]][]) {
    it(`${locale}: every message uses the one term per concept, never another`, () => {
      const messages = catalogs[locale];
      const found = leaves(messages).flatMap((key) => glossaryViolations(locale, get(messages, key)).map((v) => `${key}: ${v}`));
      expect(found).toEqual([]);
    });
    it(`${locale}: each term of the glossary is used somewhere`, () => {
      // Messages, and the clauses catalog event data gives notes (a lot's basis is the event's own words).
      const all = [...leaves(catalogs[locale]).map((k) => get(catalogs[locale], k)), JSON.stringify(listEvents())].join("\n");
      expect(terms.filter((term) => !all.includes(term.use)).map((t) => t.concept)).toEqual([]);
    });
  }
  it("Chinese: odd lots are 碎股 for H shares and 零股 for A shares, in both scripts", () => {
    for (const messages of [zhHant, zhHans] as Tree[]) {
      for (const cls of ["H", "A"] as const) {
        const other = ODD_LOT_TERM[cls === "H" ? "A" : "H"];
        for (const key of ODD_LOT_KEYS[cls]) {
          expect(get(messages, key), key).toContain(ODD_LOT_TERM[cls]);
          expect(get(messages, key), key).not.toContain(other);
        }
      }
    }
  });
  it("zh-Hant uses the Hong Kong 除淨 for H shares; zh-Hans names the A reference price 除权除息参考价", () => {
    expect(get(zhHant as Tree, "results.exPriceH")).toContain("除淨");
    expect(get(zhHans as Tree, "results.exPriceA")).toBe("除权除息参考价");
    expect(get(zhHans as Tree, "results.untaxed")).toContain("资本公积（股本溢价）转增股本");
    expect(get(zhHant as Tree, "results.untaxed")).toContain("股份溢價");
  });
  it("English explains every acronym and unit in each message that uses it", () => {
    const missing: string[] = [];
    for (const key of leaves(en as Tree)) {
      const text = get(en as Tree, key);
      for (const [word, meaning] of Object.entries(EXPLAINED))
        if (new RegExp(`\\b${word}\\b`).test(text) && !text.includes(meaning)) missing.push(`${key}: ${word}`);
    }
    expect(missing).toEqual([]);
  });
  it("holding-period bands do not overlap: the middle band starts over 1 month", () => {
    expect(get(en as Tree, "results.band-1-month-to-1-year")).toMatch(/over 1 month, up to 1 year/);
    expect(get(zhHant as Tree, "results.band-1-month-to-1-year")).toContain("超過1個月");
    expect(get(zhHans as Tree, "results.band-1-month-to-1-year")).toContain("超过1个月");
  });
  it("numbers in sentences are formatted (thousands separators) in every language", () => {
    // A bare {count} would print 2592; {count, number} or a plural's # prints 2,592.
    for (const messages of Object.values(catalogs)) {
      for (const key of ["results.newShares", "results.afterShares", "results.lotsH", "results.lotsA", "results.lotsNoneH"]) {
        expect(get(messages, key), key).not.toMatch(/\{(count|low|high|lots|odd|lotSize)\}/);
      }
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
