import { describe, expect, it } from "vitest";
import { NOTE_TEXT_EN } from "@/lib/entitlement/english";
import { DATE_MILESTONES } from "@/lib/events/custom";
import { jlmag2022Final } from "@/lib/events/jlmag-2022-final";
import { TERM_REASONS } from "@/lib/events/terms";
import en from "@/messages/en.json";
import zhHans from "@/messages/zh-Hans.json";
import zhHant from "@/messages/zh-Hant.json";

// Event facts live only in event data: a template names no company, ratio, lot size, currency symbol or
// milestone id; those reach a note as {parameters} filled from the event.
const MILESTONE_IDS = [...jlmag2022Final.milestones.map((m) => m.id), ...Object.values(DATE_MILESTONES).map((m) => m.id)];
const FORBIDDEN: [string, RegExp][] = [
  ["a currency symbol", /HK\$|US\$|¥|￥|\bRMB ?\d/],
  ["a company", /JL MAG|金力|Computershare|Bank of China/i],
  ["a ratio", /\d+\s*-for-\s*\d+|for every \d+|\b\d+:10\b|每10股[送转轉增派]/],
  ["a lot size", /(board lot|lot|手)\s*(of\s*)?\d{2,}|\d{2,}\s*(H|A)?\s*shares? (per|a) (board )?lot|under \d+/i],
  ["a milestone id", new RegExp(MILESTONE_IDS.map((id) => `\\b${id}\\b`).join("|"))],
];

describe("note templates and term messages name no event fact", () => {
  const texts: [string, string][] = [
    ...Object.entries(NOTE_TEXT_EN).map(([code, t]) => [`note ${code}`, t] as [string, string]),
    ...TERM_REASONS.map((r) => [`termErrors.${r}`, (en.termErrors as Record<string, string>)[r] ?? ""] as [string, string]),
  ];
  for (const [where, text] of texts) {
    it(where, () => {
      expect(text.length).toBeGreaterThan(5);
      for (const [what, pattern] of FORBIDDEN) expect(text, `${where} names ${what}`).not.toMatch(pattern);
    });
  }
  it("the checks catch what they look for", () => {
    expect("paid at HK$2.847798").toMatch(FORBIDDEN[0]?.[1] as RegExp);
    expect("An odd lot under 100 A shares").toMatch(FORBIDDEN[3]?.[1] as RegExp);
    expect("6 new for every 10").toMatch(FORBIDDEN[2]?.[1] as RegExp);
    expect("before h-lodgement-deadline").toMatch(FORBIDDEN[4]?.[1] as RegExp);
  });
});

describe("Chinese notes name no class or event document either", () => {
  for (const [locale, messages] of [
    ["zh-Hant", zhHant],
    ["zh-Hans", zhHans],
  ] as const) {
    it(`${locale}: the class is a {parameter}, and no note speaks of one issuer's circular`, () => {
      const found = Object.entries(messages.notes as Record<string, string>).filter(([, text]) => /[HA]股|通函|HK\$|金力/.test(text));
      expect(found).toEqual([]);
    });
  }
});
