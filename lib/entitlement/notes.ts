import type { ShareClass } from "../events/schema";
import type { HolderType } from "./holders";

/**
 * What the user must know about the figures: which are estimates (UNCONFIRMED in domain.md) and why.
 * Codes are stable so the UI can show them in the user's language; the API and CLI carry the English text.
 */
export const NOTE_CODES = [
  "h-paid-in-hkd",
  "h-cash-rounding-estimate",
  "a-cash-rounding",
  "withholding-rounding-estimate",
  "overseas-treaty-rate",
  "southbound-enterprise-self-declare",
  "prc-enterprise-self-declare",
  "a-individual-tax-on-sale",
  "capitalisation-not-taxed",
  "h-fraction-not-allotted-estimate",
  "a-fraction-csdc-ranking",
  "h-board-lot-estimate",
  "h-odd-lot",
  "a-odd-lot",
  "broker-holders",
  "ex-price-theoretical",
] as const;
export type NoteCode = (typeof NOTE_CODES)[number];

export const NOTE_TEXT_EN: Record<NoteCode, string> = {
  "h-paid-in-hkd":
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a {placeholder} after "HK$", not a template literal
    "H shares are paid in HKD at the published HK${per10} per 10 shares (HK$1 = RMB {rate}); the RMB figure is the declared RMB {rmbPerShare} per share.",
  "h-cash-rounding-estimate": "Estimate: how the H share registrar rounds each payment is not published; it may differ by HK$0.01.",
  "a-cash-rounding": "A share cash is truncated to the fen per account (Shenzhen practice, from a custodian guide).",
  "withholding-rounding-estimate": "Estimate: how the tax is rounded to the cent is not published; withheld and net may differ by 0.01.",
  "overseas-treaty-rate":
    "10% is withheld by default; a treaty rate below 10% is refundable on application, 10–20% is withheld at the treaty rate, and without a treaty 20% is withheld.",
  "southbound-enterprise-self-declare":
    "Nothing is withheld for Mainland enterprises via Stock Connect: declare the dividend yourself; it is exempt if held 12 months or more.",
  "prc-enterprise-self-declare": "Nothing is withheld for resident enterprises: declare the dividend yourself.",
  "a-individual-tax-on-sale":
    "Nothing is withheld at payment; tax is collected through your broker when you sell: 20% if held up to 1 month, 10% up to 1 year, none after 1 year.",
  "capitalisation-not-taxed": "The capitalisation shares come out of share premium: no tax on them for individuals.",
  "h-fraction-not-allotted-estimate":
    "Estimate: the fraction of a new H share is not allotted (general Hong Kong practice; JL MAG's circular was not available).",
  "a-fraction-csdc-ranking":
    "CSDC ranks every holder's fraction, largest first, and allots one more share each until the total is reached: you get the lower or the higher number.",
  "h-board-lot-estimate": "The board lot of {lot} H shares is taken from IPO-era reports; no change was announced after the issue.",
  "h-odd-lot":
    "An odd lot trades on the separate odd-lot market, usually at a discount; the circular mentioned a matching service (details unconfirmed).",
  "a-odd-lot": "An odd lot under 100 A shares can only be sold, and all at once, in a single order.",
  "broker-holders":
    "If you hold through a broker (CCASS), the broker receives the cash and shares and passes them on by its own rules and timetable.",
  "ex-price-theoretical": "The ex-price is theoretical, (price − dividend) ÷ {factor}, not a market price.",
};

export type NoteParams = Record<string, string>;

export interface Note {
  code: NoteCode;
  params: NoteParams;
}

/** Fill {name} placeholders; the same templates are used by the UI's message catalogs. */
export function renderNote(template: string, params: NoteParams): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => params[name] ?? whole);
}

export interface NoteContext {
  shareClass: ShareClass;
  holder: HolderType;
  hasFraction: boolean;
  hasOddLot: boolean;
  withholds: boolean;
  hasPrice: boolean;
}

export function noteCodes(c: NoteContext): NoteCode[] {
  const codes: NoteCode[] = [];
  const add = (when: boolean, code: NoteCode) => {
    if (when) codes.push(code);
  };
  const h = c.shareClass === "H";
  add(h, "h-paid-in-hkd");
  add(h, "h-cash-rounding-estimate");
  add(!h, "a-cash-rounding");
  add(c.withholds, "withholding-rounding-estimate");
  add(c.holder === "overseas-individual", "overseas-treaty-rate");
  add(c.holder === "southbound-enterprise", "southbound-enterprise-self-declare");
  add(c.holder === "prc-enterprise", "prc-enterprise-self-declare");
  add(c.holder === "prc-individual", "a-individual-tax-on-sale");
  add(true, "capitalisation-not-taxed");
  add(h && c.hasFraction, "h-fraction-not-allotted-estimate");
  add(!h && c.hasFraction, "a-fraction-csdc-ranking");
  add(h, "h-board-lot-estimate");
  add(h && c.hasOddLot, "h-odd-lot");
  add(!h && c.hasOddLot, "a-odd-lot");
  add(h, "broker-holders");
  add(c.hasPrice, "ex-price-theoretical");
  return codes;
}
