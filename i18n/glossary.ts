import type { AppLocale } from "./routing";

/**
 * One term per concept and language (issue 14, issue 9 item 6; docs/glossary.md): Hong Kong terms in 繁體,
 * Mainland terms in 简体, plain English with every acronym explained. `avoid` lists the other words for the same
 * concept that a catalog must never use; the catalog test checks every message against this table.
 */
export interface Term {
  concept: string;
  use: string;
  avoid: readonly string[];
}

export const GLOSSARY: Record<AppLocale, readonly Term[]> = {
  en: [
    { concept: "broker", use: "broker", avoid: ["securities firm", "dealer"] },
    { concept: "odd lot", use: "odd lot", avoid: ["odd-lot shares", "fractional lot"] },
    { concept: "no change found", use: "no announcement of a change was found", avoid: ["no change was announced"] },
  ],
  "zh-Hant": [
    { concept: "broker", use: "經紀", avoid: ["券商", "經紀商"] },
    { concept: "nominee", use: "代名人", avoid: ["代理人", "名義持有人"] },
    { concept: "share premium", use: "股份溢價", avoid: ["股本溢價", "資本公積"] },
    { concept: "H record date", use: "記錄日期", avoid: ["記錄日", "登記日期"] },
    { concept: "H ex-date", use: "除淨日", avoid: ["H股除息", "H股除權"] },
    { concept: "dividend", use: "股息", avoid: ["紅利"] },
    { concept: "fraction of a share", use: "不足一股", avoid: ["零碎股", "碎股數"] },
    { concept: "registrar", use: "股份過戶登記處", avoid: ["過戶處"] },
  ],
  "zh-Hans": [
    { concept: "broker", use: "券商", avoid: ["经纪"] },
    { concept: "nominee", use: "名义持有人", avoid: ["代理人", "代名人"] },
    { concept: "share premium", use: "资本公积（股本溢价）", avoid: ["股份溢价"] },
    { concept: "record date", use: "股权登记日", avoid: ["记录日期", "记录日"] },
    { concept: "fraction of a share", use: "不足一股", avoid: ["零碎股"] },
    { concept: "registrar", use: "股份过户登记处", avoid: ["过户处"] },
  ],
};

/** Odd lots are 碎股 for H shares and 零股 for A shares, in both scripts: the messages about each class. */
export const ODD_LOT_KEYS = {
  H: ["results.lotsH", "results.lotsNoneH", "results.oddLotH", "notes.h-odd-lot"],
  A: ["results.lotsA", "results.lotsNoneA", "results.oddLotA", "notes.a-odd-lot"],
} as const;
export const ODD_LOT_TERM = { H: "碎股", A: "零股" } as const;

/** Acronyms and units an English reader is told the meaning of, in every message that uses them. */
export const EXPLAINED: Record<string, string> = {
  CCASS: "central clearing system",
  CSDC: "China Securities Depository and Clearing",
  HKSCC: "clearing house",
  QFII: "qualified foreign institutional investor",
  fen: "RMB 0.01",
};

/** The words of `text` that the glossary of `locale` says not to use (for message catalogs and event texts alike). */
export function glossaryViolations(locale: AppLocale, text: string): string[] {
  const found: string[] = [];
  for (const term of GLOSSARY[locale]) {
    // The term itself may contain a shorter wrong word (記錄日期 ⊃ 記錄日): look only outside it.
    const rest = text.replaceAll(term.use, "\u0000");
    for (const other of term.avoid) if (rest.includes(other)) found.push(`"${other}" for ${term.concept} (use "${term.use}")`);
  }
  return found;
}
