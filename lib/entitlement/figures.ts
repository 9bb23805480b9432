import { CLASS_MARKETS, type ClassMarket, type Currency, type FactStatus, type ShareClass, TAXED_SOURCE } from "../events/model";
import type { ClassTerms, EntitlementEvent } from "../events/schema";
import { Decimal } from "./decimal";

/**
 * Per-share figures derived from what the announcement publishes (per 10 shares), never stored beside it.
 *
 * Amounts per share are kept as a fraction num ÷ den with a denominator common to the cash and the par value,
 * so that `holding × amount` is divided once, at the end: truncating to the cent is then exact even when the
 * cash comes from a rate (cash ÷ 10 ÷ hRate does not end).
 */
export interface PerShare {
  num: Decimal;
  den: Decimal;
}

const ONE = new Decimal(1);
const TEN = new Decimal(10);

export const perShareValue = (p: PerShare): Decimal => p.num.dividedBy(p.den);
/** holding × amount per share, divided once. */
export const times = (shares: number | Decimal, p: PerShare): Decimal => new Decimal(shares).times(p.num).dividedBy(p.den);

/** How a class's cash per share was obtained. */
export type CashBasis = "declared" | "published" | "rate";

export interface PaidCash {
  currency: Currency;
  /** Cash per share in `currency`. */
  cash: PerShare;
  /** The par value of one share in `currency` (for the tax on bonus shares), null when no rate is known. */
  par: PerShare | null;
  basis: CashBasis;
  /** The per-10 figure the holder is paid on (published, declared, or derived from the rate). */
  per10: Decimal;
  status: FactStatus;
  source: string;
}

export interface ClassFigures {
  shareClass: ShareClass;
  market: ClassMarket;
  terms: ClassTerms;
  /** The class's own cash (H: HKD), as every holder but Southbound is paid. */
  paid: PaidCash;
  /** The declared cash per share in RMB; null when it was declared in another currency and no rate is known. */
  rmbPerShare: Decimal | null;
  /** New shares per 10 held (bonus + capitalisation) and the part whose par value is taxed (G1). */
  newPer10: Decimal;
  taxedPer10: Decimal;
  /** All new shares the class receives, floor(issued × new ÷ 10), when the class's issued count is known. */
  classNewShares: number | null;
}

const declared = (event: EntitlementEvent) => ({
  per10: new Decimal(event.cash?.per10.value ?? "0"),
  currency: event.cash?.currency ?? "RMB",
  status: event.cash?.per10.status ?? ("confirmed" as FactStatus),
  source: event.cash?.per10.source ?? "no cash in this event",
});

/** The class's cash in its own paying currency (G2 for the par conversion). */
function classCash(event: EntitlementEvent, market: ClassMarket, terms: ClassTerms): PaidCash {
  const d = declared(event);
  const par = new Decimal(event.parValue.value);
  const rate = terms.exchangeRate ? new Decimal(terms.exchangeRate.value) : null;
  const common = { currency: market.currency, status: d.status, source: d.source };
  if (d.currency === market.currency) {
    // Paid in the declared currency; the par value (RMB) needs a rate only when the class is not paid in RMB.
    const parPaid = d.currency === "RMB" ? { num: par, den: ONE } : rate ? { num: par, den: rate } : null;
    const den = parPaid?.den ?? ONE;
    return {
      ...common,
      cash: { num: d.per10.dividedBy(TEN).times(den), den },
      par: parPaid,
      basis: "declared",
      per10: d.per10,
    };
  }
  if (terms.paidPer10 && !d.per10.isZero()) {
    // Published figure (hCash): cash = hCash ÷ 10; par = par × hCash ÷ cash (the rate the figure implies).
    const hCash = new Decimal(terms.paidPer10.value);
    return {
      ...common,
      status: terms.paidPer10.status,
      source: terms.paidPer10.source,
      cash: { num: hCash.dividedBy(TEN).times(d.per10), den: d.per10 },
      par: { num: par.times(hCash), den: d.per10 },
      basis: "published",
      per10: hCash,
    };
  }
  if (rate) {
    // hRate: cash = cash ÷ 10 ÷ rate, unrounded; par = par ÷ rate.
    return {
      ...common,
      cash: { num: d.per10.dividedBy(TEN), den: rate },
      par: { num: par, den: rate },
      basis: "rate",
      per10: d.per10.dividedBy(rate),
    };
  }
  // No cash (or none convertible) and no rate: nothing is paid, and a par value cannot be converted.
  return { ...common, cash: { num: new Decimal(0), den: ONE }, par: null, basis: "declared", per10: new Decimal(0) };
}

/** Every figure of one class of an event, derived from the published ones. Undefined when the event lacks the class. */
export function classFigures(event: EntitlementEvent, shareClass: ShareClass): ClassFigures | undefined {
  const terms = event.classes[shareClass];
  if (!terms) return undefined;
  const market = CLASS_MARKETS[shareClass];
  const d = declared(event);
  const legs = [event.bonus, event.capitalisation].filter((l) => l !== null);
  const newPer10 = legs.reduce((sum, l) => sum.plus(l.per10.value), new Decimal(0));
  const taxedPer10 = legs.filter((l) => TAXED_SOURCE[l.fundedFrom.value]).reduce((sum, l) => sum.plus(l.per10.value), new Decimal(0));
  const rate = terms.exchangeRate ? new Decimal(terms.exchangeRate.value) : null;
  const rmbPerShare = d.currency === "RMB" ? d.per10.dividedBy(TEN) : rate ? d.per10.dividedBy(TEN).times(rate) : null;
  const issued = terms.issuedShares?.value;
  return {
    shareClass,
    market,
    terms,
    paid: classCash(event, market, terms),
    rmbPerShare,
    newPer10,
    taxedPer10,
    classNewShares: issued === undefined ? null : new Decimal(issued).times(newPer10).dividedBy(TEN).floor().toNumber(),
  };
}

/**
 * What a Stock Connect (Southbound) holder is paid (G4): the declared RMB amount per share, through CSDC. When the
 * cash was declared in another currency, RMB at the rate given (an estimate), or null when there is none.
 */
export function southboundCash(event: EntitlementEvent, figures: ClassFigures): PaidCash | null {
  if (figures.rmbPerShare === null) return null;
  const d = declared(event);
  const said = figures.terms.southboundInRmb;
  const status: FactStatus = said?.value === true && d.currency === "RMB" ? said.status : "unconfirmed";
  return {
    currency: "RMB",
    cash: { num: figures.rmbPerShare, den: ONE },
    par: { num: new Decimal(event.parValue.value), den: ONE },
    basis: "declared",
    per10: figures.rmbPerShare.times(TEN),
    status,
    source:
      said?.value === true
        ? said.source
        : "G4: Southbound holders of a Mainland issuer's H shares are paid the declared RMB amount through CSDC (confirmed for other issuers; this issuer did not say): an estimate",
  };
}
