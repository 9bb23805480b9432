import { describe, expect, it } from "vitest";
import { EXPLAINED, glossaryViolations } from "@/i18n/glossary";
import { listEvents } from "@/lib/events/catalog";
import { customEvent } from "@/lib/events/custom";
import { LOCALES } from "@/lib/events/model";
import type { EntitlementEvent } from "@/lib/events/schema";
import { parseTermsQuery } from "@/lib/events/terms";

/** Every text an event shows a holder, per language: its title, each milestone's title and meaning, source titles. */
function texts(e: EntitlementEvent) {
  return LOCALES.flatMap((locale) => [
    { locale, where: `${e.id} title`, text: e.title[locale] },
    ...e.milestones.flatMap((m) => [
      { locale, where: `${e.id} ${m.id} title`, text: m.title[locale] },
      { locale, where: `${e.id} ${m.id} meaning`, text: m.meaning[locale] },
    ]),
    ...e.sources.map((s) => ({ locale, where: `${e.id} source ${s.id}`, text: typeof s.title === "string" ? s.title : s.title[locale] })),
  ]);
}

// A typed-in event with every date term, for the words milestones get from their role (typed and derived).
const full = parseTermsQuery(
  "classes=H,A&cash=2.6&hCash=2.847798&cap=6&agm=2023-06-21&hCloseFrom=2023-06-28&hCloseTo=2023-07-03&hRecord=2023-07-03&hPay=2023-08-21&aRecord=2023-07-11&aPay=2023-07-12",
);
if (!full.ok) throw new Error("terms");
const events = [...listEvents(), customEvent(full.terms)];

describe("event texts follow the glossary (docs/glossary.md)", () => {
  it("the typed-in event has every role's words", () => {
    expect(new Set(events.at(-1)?.milestones.map((m) => m.role)).size).toBeGreaterThanOrEqual(9);
  });
  for (const e of events) {
    it(`${e.id}: one term per concept in each language`, () => {
      const found = texts(e).flatMap(({ locale, where, text }) => glossaryViolations(locale, text).map((v) => `${locale} ${where}: ${v}`));
      expect(found).toEqual([]);
    });
    it(`${e.id}: English explains every acronym it uses`, () => {
      const missing = texts(e)
        .filter((x) => x.locale === "en")
        .flatMap(({ where, text }) =>
          Object.entries(EXPLAINED)
            .filter(([word, meaning]) => new RegExp(`\\b${word}\\b`).test(text) && !text.includes(meaning))
            .map(([word]) => `${where}: ${word}`),
        );
      expect(missing).toEqual([]);
    });
  }
  it("Hong Kong readers see 除淨 for the H ex-date; Mainland readers 股权登记日 for the H record date", () => {
    const jl = listEvents().find((e) => e.id === "jlmag-2022-final");
    const title = (id: string) => jl?.milestones.find((m) => m.id === id)?.title;
    expect(title("h-ex-date")?.["zh-Hant"]).toContain("除淨");
    expect(title("h-record-date")?.["zh-Hans"]).toContain("股权登记日");
  });
});
