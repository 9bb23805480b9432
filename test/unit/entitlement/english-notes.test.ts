import { readdirSync, readFileSync } from "node:fs";
import compile from "icu-minify/compile";
import { createTranslator } from "next-intl";
import { describe, expect, it } from "vitest";
import { EXPLAINED, glossaryViolations } from "@/i18n/glossary";
import { englishNote, entitlementInEnglish, NOTE_TEXT_EN, templateOf } from "@/lib/entitlement/english";
import { NOTE_CODES, type NoteParams, renderNote } from "@/lib/entitlement/notes";
import en from "@/messages/en.json";

/**
 * One copy of the English notes (issue 8 item 7): the API and the CLI render messages/en.json's `notes.*`, the
 * page formats the same messages. These tests fail if the two could say different things.
 */
const SAMPLES: Record<string, string>[] = [
  { class: "H", shares: "1234", holder: "hk-individual", price: "30.50" },
  { class: "H", shares: "1234", holder: "southbound-individual" },
  { class: "H", shares: "999", holder: "overseas-individual" },
  { class: "A", shares: "1234", holder: "prc-individual", price: "40.10" },
  { class: "A", shares: "713621782", holder: "prc-enterprise" },
  { class: "A", shares: "1237", holder: "northbound" },
  // Typed-in events: an H-only event paid at a rate with bonus shares; cash declared in HKD; no lot given.
  {
    event: "custom",
    classes: "H",
    cash: "1",
    hRate: "0.92",
    bonus: "3",
    cap: "2",
    hLot: "500",
    class: "H",
    shares: "777",
    holder: "hk-individual",
  },
  { event: "custom", classes: "H", cash: "1.5", cashCurrency: "HKD", class: "H", shares: "777", holder: "southbound-enterprise" },
  { event: "custom", classes: "A", bonus: "3", cap: "4", class: "A", shares: "1001", holder: "qfii" },
];
const details = SAMPLES.map((raw) => {
  const r = entitlementInEnglish(raw);
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value;
});
const params: NoteParams[] = details.map((d) => d.noteParams);
const t = createTranslator({ locale: "en", messages: en, namespace: "notes" });

describe("one copy of the English notes", () => {
  it("the API's templates are the page's English messages", () => {
    for (const code of NOTE_CODES) expect(NOTE_TEXT_EN[code]).toBe((en.notes as Record<string, string>)[code]);
  });
  it("rendered for the API, every note reads exactly as the page formats it (plain {parameters} only)", () => {
    for (const p of params)
      for (const code of NOTE_CODES) {
        const page = t(code as Parameters<typeof t>[0], p);
        expect(renderNote(NOTE_TEXT_EN[code], p), code).toBe(page);
        // And the API text is the page's text, with "Estimate: " where the page shows the Estimate badge.
        expect(
          englishNote(code, p).replace(/^Estimate: (.)/, (_, c: string) => c.toUpperCase()),
          code,
        ).toBe(page.replace(/^(.)/, (c) => c.toUpperCase()));
      }
  });
  it("reads the same templates from the precompiled catalog the Next build imports (next-intl precompile)", () => {
    for (const code of NOTE_CODES) {
      const written = (en.notes as Record<string, string>)[code] ?? "";
      expect(templateOf(compile(written), code), code).toBe(written);
    }
    expect(() => templateOf(compile("{n, plural, one {# share} other {# shares}}"), "x")).toThrow(/plain/);
  });
  it("every placeholder is a parameter the engine fills", () => {
    for (const p of params) for (const code of NOTE_CODES) expect(renderNote(NOTE_TEXT_EN[code], p), code).not.toMatch(/\{\w+\}/);
  });
  it("rendered with real figures, the English follows the glossary and explains every acronym and unit", () => {
    const problems: string[] = [];
    for (const d of details)
      for (const [i, code] of d.noteCodes.entries()) {
        const text = d.entitlement.notes[i] ?? "";
        problems.push(...glossaryViolations("en", text).map((v) => `${code}: ${v}`));
        for (const [word, meaning] of Object.entries(EXPLAINED))
          if (new RegExp(`\\b${word}\\b`).test(text) && !text.includes(meaning)) problems.push(`${code}: ${word} in "${text}"`);
      }
    expect([...new Set(problems)]).toEqual([]);
  });
  it("the page never imports the English notes module (it loads only its own messages)", () => {
    const dir = "app/[locale]/_components";
    const files = readdirSync(dir).map((f) => `${dir}/${f}`);
    for (const f of [...files, "app/[locale]/page.tsx", "app/[locale]/layout.tsx"])
      expect(readFileSync(f, "utf8"), f).not.toMatch(/entitlement\/english/);
  });
});
