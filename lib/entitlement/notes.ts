import type { FractionTreatment } from "../events/model";

/**
 * What the holder must know about the figures: which are estimates (unconfirmed in the sources) and why.
 * Codes are stable so the UI can show them in the user's language; the API and CLI carry the English text.
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

export const NOTE_TEXT_EN: Record<NoteCode, string> = {
  "typed-in-estimate": "Estimate: every term of this event was typed in by a holder and was not checked against an announcement.",
  "h-paid-in-hkd":
    "{class} shares are paid in {currency} at the published {per10Money} per 10 shares ({rateLine}); the {declaredCurrency} figure is the declared {declaredPerShare} per share.",
  "paid-at-rate":
    "{class} shares are paid in {currency}: the declared {declaredPer10} per 10 shares at {rateLine}, unrounded; the figure the issuer publishes may differ slightly.",
  "southbound-paid-in-rmb":
    "Through Stock Connect you are paid in {declaredCurrency} through CSDC, the declared {declaredPerShare} per share, later than the Hong Kong payment date; CSDC truncates each account to the fen.",
  "southbound-paid-in-rmb-estimate":
    "Estimate: through Stock Connect you are paid in RMB through CSDC, at {perShareMoney} per share (the issuer did not say; this is the rule for Mainland issuers that did), later than the Hong Kong payment date; CSDC truncates each account to the fen.",
  "southbound-rmb-unknown":
    "Through Stock Connect you are paid in RMB through CSDC at a rate it sets; no rate was given, so the amounts are shown in {currency}.",
  "h-cash-rounding-estimate": "Estimate: how the {class} share registrar rounds each payment is not published; it may differ by {oneCent}.",
  "a-cash-rounding": "{class} share cash is truncated to the {minorUnit} per account ({roundingBasis}).",
  "withholding-rounding-estimate": "Estimate: how the tax is rounded to the cent is not published; withheld and net may differ by 0.01.",
  "overseas-treaty-rate":
    "If the shares are registered in your own name: 10% is withheld by default; a treaty rate below 10% is refundable on application, 10–20% is withheld at the treaty rate, and without a treaty 20% is withheld.",
  "nominee-withholding-unconfirmed":
    "Through a broker (CCASS) the registered holder is HKSCC Nominees, withheld at 10% as a non-resident enterprise: the usual wording of announcements, not confirmed from the rule text.",
  "southbound-enterprise-self-declare":
    "Nothing is withheld for Mainland enterprises via Stock Connect: declare the dividend yourself; it is exempt if held 12 months or more.",
  "prc-enterprise-self-declare": "Nothing is withheld for resident enterprises: declare the dividend yourself.",
  "a-individual-tax-on-sale":
    "Nothing is withheld at payment; tax is collected through your broker when you sell: 20% if held up to 1 month, 10% up to 1 year, none after 1 year.",
  "later-tax-includes-bonus": "The tax on sale is charged on the cash and on the par value of the bonus shares ({parMoney} each).",
  "bonus-tax-withheld":
    "The bonus shares are taxed as a dividend on their par value ({parMoney} each): {taxRate} of it is deducted from the cash of this event.",
  "bonus-tax-shortfall-estimate":
    "Estimate: the tax on the cash and the bonus shares is more than the cash, so no cash is paid and {shortfallMoney} remains due; who collects it, and when, is not confirmed.",
  "capitalisation-not-taxed": "The capitalisation shares come out of share premium: no tax on them for individuals.",
  "capitalisation-not-taxed-enterprise-unconfirmed":
    "The capitalisation shares come out of share premium: nothing is withheld on them. For individuals they are not income; that they are not income for enterprises either is the usual reading (国税函〔2010〕79号), not confirmed here.",
  "capitalisation-source-estimate":
    "Estimate: the capitalisation shares are taken to come out of share premium, which is not taxed; out of another reserve they would be taxed like bonus shares.",
  "h-fraction-not-allotted-estimate": "Estimate: the fraction of a new {class} share is not allotted ({fractionBasis}).",
  "fraction-not-allotted": "The fraction of a new {class} share is not allotted ({fractionBasis}).",
  "a-fraction-csdc-ranking":
    "CSDC ranks every holder's fraction, largest first, and allots one more share each until the total is reached: you get the lower or the higher number.",
  "southbound-fraction-csdc-ranking":
    "Through Stock Connect, CSDC truncates each account and allots the shares left over one at a time, largest fraction first: you get the lower or the higher number (CSDC's published method, from a secondary source).",
  "northbound-fraction-floor":
    "Only the whole new shares are shown: HKSCC passes new shares on by CCASS holdings, but how it and your broker round fractions is not published, so you may receive one more.",
  "class-total-cap": "The whole class receives {classNewShares} new shares in all, so no holder can receive more.",
  "h-board-lot-estimate": "The board lot of {lot} {class} shares {lotBasis}.",
  "lot-not-given": "The board lot was not given, so the holding is not split into board lots and an odd lot.",
  "h-odd-lot": "An odd lot trades on the separate odd-lot market, usually at a discount; {oddLotService}.",
  "odd-lot-market":
    "An odd lot trades on the separate odd-lot market, usually at a discount; the issuer may appoint an agent to match odd lots.",
  "a-odd-lot": "An odd lot under {lot} {class} shares can only be sold, and all at once, in a single order.",
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
