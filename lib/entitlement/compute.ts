import type { EntitlementEvent, ShareClass } from "../events/schema";
import { type Capitalisation, capitalisation } from "./capitalisation";
import { Decimal, truncateTo } from "./decimal";
import { type ExPrice, theoreticalExPrice } from "./ex-price";
import { HOLDER_TAX, type HolderType } from "./holders";
import { type LaterTax, laterTax } from "./later-tax";
import { type NoteCode, type NoteParams, noteCodes } from "./notes";
import { splitIntoLots } from "./odd-lot";
import { withhold } from "./withholding";

export interface EntitlementInput {
  event: EntitlementEvent;
  shareClass: ShareClass;
  holder: HolderType;
  shares: number;
  price: Decimal | null;
}

/** The JSON of DESIGN.md §3.1, key order included: the API and the CLI print it as it is. */
export interface Entitlement {
  event: string;
  class: ShareClass;
  holder: HolderType;
  shares: number;
  cash: {
    currency: string;
    perShare: string;
    grossExact: string;
    gross: string;
    withholdingRate: string;
    withheld: string;
    net: string;
    rmbGross: string;
    laterTax: LaterTax[];
  };
  capitalisation: Capitalisation;
  after: { shares: number; maxShares: number; lotSize: number; boardLots: number; oddLot: number };
  exPrice: ExPrice | null;
  notes: string[];
}

/** The same result with the note codes and parameters the UI translates. */
export interface EntitlementDetail {
  entitlement: Entitlement;
  noteCodes: NoteCode[];
  noteParams: NoteParams;
  /** The holding afterwards if CSDC allots the extra share (A shares with a fraction), else null. */
  afterMax: { boardLots: number; oddLot: number } | null;
}

/** Pure: validated input in, every figure out. Rounding only where domain.md's decisions say so. */
export function computeEntitlement(
  input: EntitlementInput,
  renderNotes: (codes: NoteCode[], params: NoteParams) => string[],
): EntitlementDetail {
  const terms = input.event.classes[input.shareClass];
  const ratio = input.event.capitalisation;
  const perShare = new Decimal(terms.cashPerShare.value);
  const grossExact = perShare.times(input.shares);
  const tax = HOLDER_TAX[input.holder];
  const rate = new Decimal(tax.withholdingRate);
  const paid = withhold(grossExact, rate);
  const cap = capitalisation(input.shares, ratio, terms.fractionTreatment.value);
  const afterShares = input.shares + cap.shares;
  const afterMaxShares = input.shares + cap.maxShares;
  const lots = splitIntoLots(afterShares, terms.lotSize.value);
  const exPrice = input.price ? theoreticalExPrice(input.price, perShare, ratio, terms.currency, terms.exPriceDecimals) : null;

  const codes = noteCodes({
    shareClass: input.shareClass,
    holder: input.holder,
    hasFraction: cap.fraction !== "0",
    hasOddLot: lots.oddLot > 0 || splitIntoLots(afterMaxShares, terms.lotSize.value).oddLot > 0,
    withholds: !rate.isZero(),
    hasPrice: exPrice !== null,
  });
  const noteParams: NoteParams = {
    per10: terms.cashPer10.value,
    rate: terms.exchangeRate?.value ?? "1",
    rmbPerShare: terms.rmbPerShare.value,
    lot: String(terms.lotSize.value),
    factor: new Decimal(1).plus(new Decimal(ratio.newShares).dividedBy(ratio.perExisting)).toString(),
  };

  const entitlement: Entitlement = {
    event: input.event.id,
    class: input.shareClass,
    holder: input.holder,
    shares: input.shares,
    cash: {
      currency: terms.currency,
      perShare: perShare.toString(),
      grossExact: grossExact.toString(),
      gross: paid.gross,
      withholdingRate: rate.toString(),
      withheld: paid.withheld,
      net: paid.net,
      rmbGross: truncateTo(new Decimal(terms.rmbPerShare.value).times(input.shares), 2),
      laterTax: tax.laterTaxOnSale ? laterTax(grossExact) : [],
    },
    capitalisation: cap,
    after: {
      shares: afterShares,
      maxShares: afterMaxShares,
      lotSize: terms.lotSize.value,
      boardLots: lots.boardLots,
      oddLot: lots.oddLot,
    },
    exPrice,
    notes: renderNotes(codes, noteParams),
  };
  return {
    entitlement,
    noteCodes: codes,
    noteParams,
    afterMax: afterMaxShares === afterShares ? null : splitIntoLots(afterMaxShares, terms.lotSize.value),
  };
}
