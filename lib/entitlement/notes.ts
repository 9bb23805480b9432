import type { FractionTreatment } from "../events/model";

/**
 * What the holder must know about the figures: which are estimates (unconfirmed in the sources) and why.
 * Codes are stable so the UI can show them in the user's language; the API and CLI carry the English text, rendered
 * from the one English catalog (messages/en.json `notes.*`) by english.ts, which the page never imports.
 *
 * Templates name no company, ratio, lot size, currency symbol or milestone: every such fact is a {parameter}
 * filled from the event's data (docs/events.md). Which notes apply is decided from properties of the class,
 * the holder and the event, never by asking which class it is.
 */
export const NOTE_CODES = [
  "typed-in-estimate",
  "h-paid-in-hkd",
  "paid-at-rate",
  "southbound-paid-in-rmb",
  "southbound-paid-in-rmb-estimate",
  "southbound-rmb-unknown",
  "h-cash-rounding-estimate",
  "a-cash-rounding",
  "withholding-rounding-estimate",
  "overseas-treaty-rate",
  "nominee-withholding-unconfirmed",
  "southbound-enterprise-self-declare",
  "prc-enterprise-self-declare",
  "a-individual-tax-on-sale",
  "later-tax-includes-bonus",
  "bonus-tax-withheld",
  "bonus-tax-shortfall-estimate",
  "capitalisation-not-taxed",
  "capitalisation-not-taxed-enterprise-unconfirmed",
  "capitalisation-source-estimate",
  "h-fraction-not-allotted-estimate",
  "fraction-not-allotted",
  "a-fraction-csdc-ranking",
  "southbound-fraction-csdc-ranking",
  "northbound-fraction-floor",
  "class-total-cap",
  "h-board-lot-estimate",
  "lot-not-given",
  "h-odd-lot",
  "odd-lot-market",
  "a-odd-lot",
  "broker-holders",
  "ex-price-theoretical",
] as const;
export type NoteCode = (typeof NOTE_CODES)[number];

export type NoteParams = Record<string, string>;

export interface Note {
  code: NoteCode;
  params: NoteParams;
}

/**
 * Fill {name} placeholders. The English catalog's notes use only plain {name} arguments, so this gives what the
 * page's ICU formatter gives (test/unit/entitlement/english-notes.test.ts checks it for every note).
 */
export function renderNote(template: string, params: NoteParams): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => params[name] ?? whole);
}

/** Everything the choice of notes depends on: properties of the event, the class and the holder. */
export interface NoteContext {
  typedIn: boolean;
  /** The event pays cash (notes on how it is paid and rounded apply). */
  hasCash: boolean;
  /** Something is taxed: cash, or new shares taxed on their par value (notes on withholding apply). */
  taxable: boolean;
  /** How the holder's cash was obtained: the class's published figure, a rate, or the declared amount. */
  cashBasis: "published" | "rate" | "declared";
  /** Southbound: paid in RMB by CSDC (with the status of that statement), or RMB unknown. */
  southbound: "confirmed" | "estimate" | "rmb-unknown" | null;
  roundingKnown: boolean;
  withholds: boolean;
  holder: string;
  heldThroughCcass: boolean;
  individual: boolean;
  laterTaxOnSale: boolean;
  taxedShares: boolean;
  shortfall: boolean;
  /** Capitalisation out of share premium: as a confirmed fact, as an assumption, or none. */
  capitalisation: "premium" | "premium-assumed" | "none";
  hasFraction: boolean;
  fraction: FractionTreatment;
  fractionHolder: "registered" | "southbound" | "northbound";
  fractionConfirmed: boolean;
  cappedByClassTotal: boolean;
  lot: "known" | "known-with-basis" | "unknown";
  hasOddLot: boolean;
  oddLots: "odd-lot-market" | "sell-all-at-once";
  oddLotService: boolean;
  hasPrice: boolean;
}

export function noteCodes(c: NoteContext): NoteCode[] {
  const codes: NoteCode[] = [];
  const add = (when: boolean, code: NoteCode) => {
    if (when) codes.push(code);
  };
  const paidByClass = c.hasCash && (c.southbound === null || c.southbound === "rmb-unknown");
  const taxed = c.taxable;
  add(c.typedIn, "typed-in-estimate");
  add(paidByClass && c.cashBasis === "published", "h-paid-in-hkd");
  add(paidByClass && c.cashBasis === "rate", "paid-at-rate");
  add(c.hasCash && c.southbound === "confirmed", "southbound-paid-in-rmb");
  add(c.hasCash && c.southbound === "estimate", "southbound-paid-in-rmb-estimate");
  add(c.hasCash && c.southbound === "rmb-unknown", "southbound-rmb-unknown");
  add(paidByClass && !c.roundingKnown, "h-cash-rounding-estimate");
  add(paidByClass && c.roundingKnown, "a-cash-rounding");
  add(taxed && c.withholds, "withholding-rounding-estimate");
  add(taxed && c.holder === "overseas-individual", "overseas-treaty-rate");
  add(taxed && c.heldThroughCcass && c.southbound === null, "nominee-withholding-unconfirmed");
  add(taxed && c.holder === "southbound-enterprise", "southbound-enterprise-self-declare");
  add(taxed && c.holder === "prc-enterprise", "prc-enterprise-self-declare");
  add(taxed && c.holder === "prc-individual", "a-individual-tax-on-sale");
  add(c.laterTaxOnSale && c.taxedShares, "later-tax-includes-bonus");
  add(c.withholds && c.taxedShares, "bonus-tax-withheld");
  add(c.shortfall, "bonus-tax-shortfall-estimate");
  add(c.capitalisation === "premium" && c.individual, "capitalisation-not-taxed");
  add(c.capitalisation === "premium" && !c.individual, "capitalisation-not-taxed-enterprise-unconfirmed");
  add(c.capitalisation === "premium-assumed", "capitalisation-source-estimate");
  const registered = c.fractionHolder === "registered";
  add(c.hasFraction && registered && c.fraction === "not-allotted" && !c.fractionConfirmed, "h-fraction-not-allotted-estimate");
  add(c.hasFraction && registered && c.fraction === "not-allotted" && c.fractionConfirmed, "fraction-not-allotted");
  add(c.hasFraction && registered && c.fraction === "csdc-ranking", "a-fraction-csdc-ranking");
  add(c.hasFraction && c.fractionHolder === "southbound", "southbound-fraction-csdc-ranking");
  add(c.hasFraction && c.fractionHolder === "northbound", "northbound-fraction-floor");
  add(c.cappedByClassTotal, "class-total-cap");
  add(c.lot === "known-with-basis", "h-board-lot-estimate");
  add(c.lot === "unknown", "lot-not-given");
  add(c.hasOddLot && c.oddLots === "odd-lot-market" && c.oddLotService, "h-odd-lot");
  add(c.hasOddLot && c.oddLots === "odd-lot-market" && !c.oddLotService, "odd-lot-market");
  add(c.hasOddLot && c.oddLots === "sell-all-at-once", "a-odd-lot");
  add(c.heldThroughCcass && c.southbound === null, "broker-holders");
  add(c.hasPrice, "ex-price-theoretical");
  return codes;
}
