import { type Currency, type FactStatus, MINOR_UNIT, moneyText, type ShareClass, TAXED_SOURCE } from "../events/model";
import type { EntitlementEvent } from "../events/schema";
import { type Capitalisation, capitalisation } from "./capitalisation";
import { Decimal, roundHalfUpTo, truncateTo } from "./decimal";
import { type ExPrice, theoreticalExPrice } from "./ex-price";
import { type ClassFigures, type PaidCash, perShareValue, southboundCash, times } from "./figures";
import { HOLDER_TAX, type HolderType } from "./holders";
import { type LaterTax, laterTax } from "./later-tax";
import { type NoteCode, type NoteContext, type NoteParams, noteCodes } from "./notes";
import { splitIntoLots } from "./odd-lot";
import { withhold } from "./withholding";

export interface EntitlementInput {
  event: EntitlementEvent;
  figures: ClassFigures;
  holder: HolderType;
  shares: number;
  price: Decimal | null;
}

/** The tax on bonus shares (G2): present only for events whose new shares are (partly) taxed. */
export interface BonusTax {
  /** Par value of a share in RMB, and in the currency the holder is paid in (exact). */
  parValue: string;
  parPerShare: string;
  /** holding × taxed new shares per share, exact. */
  taxedShares: string;
  /** Tax due at the holder's withholding rate on cash + par of the taxed shares, exact. */
  taxExact: string;
  /** What the cash does not cover (an estimate: who collects it is unconfirmed), to the cent. */
  shortfall: string;
}

/** The JSON of DESIGN.md §3.1, key order included: the API and the CLI print it as it is. */
export interface Entitlement {
  event: string;
  class: ShareClass;
  holder: HolderType;
  shares: number;
  cash: {
    currency: Currency;
    perShare: string;
    grossExact: string;
    gross: string;
    withholdingRate: string;
    withheld: string;
    net: string;
    rmbGross: string | null;
    laterTax: LaterTax[];
    /** Added for Stock Connect holders: who pays and how sure the currency and amount are (G4). */
    paidThrough?: "CSDC";
    status?: string;
    bonusTax?: BonusTax;
  };
  capitalisation: Capitalisation & {
    /** Added when the event has bonus shares: the two legs before rounding. */
    legs?: { kind: "bonus" | "capitalisation"; per10: string; exact: string; taxed: boolean }[];
  };
  after: { shares: number; maxShares: number; lotSize: number | null; boardLots: number | null; oddLot: number | null };
  exPrice: ExPrice | null;
  notes: string[];
}

/** The same result with the note codes and parameters the UI translates. */
export interface EntitlementDetail {
  entitlement: Entitlement;
  noteCodes: NoteCode[];
  noteParams: NoteParams;
  /** The holding afterwards if one more share is allotted (CSDC ranking with a fraction), else null. */
  afterMax: { boardLots: number; oddLot: number } | null;
  /**
   * How far each figure can be trusted, so a page puts each status badge on the figure it qualifies: the
   * per-share cash (as published or declared), the holder's rounded amounts, the tax rate, the fraction
   * treatment, the lot. Each with its source.
   */
  figureStatus: Record<"perShare" | "amounts" | "taxRate" | "fraction" | "lot", { status: FactStatus; source: string } | null>;
}

const SOUTHBOUND_ROUNDING = "CSDC truncates each account to the fen (reprints of CSDC's investor Q&A, domain-generic.md §2)";

/** A figure for a sentence: at most 4 decimals, at least 2 ("1.00", "1.25", "1.0953"). */
const shortDecimal = (d: Decimal) => {
  const r = d.toDecimalPlaces(4, Decimal.ROUND_HALF_UP);
  return r.decimalPlaces() < 2 ? r.toFixed(2) : r.toString();
};

/** Pure: validated input in, every figure out. Rounding only where the decisions (docs/events.md) say so. */
export function computeEntitlement(
  input: EntitlementInput,
  renderNotes: (codes: NoteCode[], params: NoteParams) => string[],
): EntitlementDetail {
  const { event, figures: f, holder, shares } = input;
  const rule = HOLDER_TAX[holder];
  const southbound = rule.connect === "southbound";
  const sbCash = southbound ? southboundCash(event, f) : null;
  const paid: PaidCash = sbCash ?? f.paid;

  // Cash and tax (G2–G3): tax per share = rate × (cash + taxed new shares per share × par), from the same cash.
  const rate = new Decimal(rule.withholdingRate);
  const taxedPerShare = f.taxedPer10.dividedBy(10);
  const hasTaxedShares = !taxedPerShare.isZero();
  const grossExact = times(shares, paid.cash);
  // Cash and par share one denominator (figures.ts), so one division gives the exact base.
  const baseNum = paid.cash.num.plus(taxedPerShare.times(paid.par?.num ?? 0));
  const baseExact = times(shares, { num: baseNum, den: paid.cash.den });
  const taxExact = baseExact.times(rate);
  // Net and shortfall also come from one division each: holding × (cash − rate × base) ÷ den. Subtracting the
  // separately rounded tax from the gross could land a hair below an exact cent (net 0.80 shown as 0.79).
  const netExact = times(shares, { num: paid.cash.num.minus(rate.times(baseNum)), den: paid.cash.den });
  const amounts = withhold(grossExact, netExact);
  const shortfall = Decimal.max(netExact.negated(), 0);
  const declaredRmb = f.rmbPerShare === null ? null : truncateTo(f.rmbPerShare.times(shares), 2);

  // New shares: the holder's route decides the fraction treatment (G4, G5).
  const treatment =
    rule.connect === "southbound" ? "csdc-ranking" : rule.connect === "northbound" ? "floor" : f.terms.fractionTreatment.value;
  const cap = capitalisation(shares, f.newPer10, treatment, f.classNewShares);
  const { capped, ...capJson } = cap;
  const afterShares = shares + cap.shares;
  const afterMaxShares = shares + cap.maxShares;
  const lotSize = f.terms.lotSize?.value ?? f.market.defaultLot;
  const lots = lotSize === null ? null : splitIntoLots(afterShares, lotSize);
  const lotsMax = lotSize === null ? null : splitIntoLots(afterMaxShares, lotSize);
  const exPrice = input.price
    ? theoreticalExPrice(input.price, f.paid.cash, f.newPer10, f.market.currency, f.market.exPriceDecimals)
    : null;

  const legs = [
    { kind: "bonus" as const, leg: event.bonus },
    { kind: "capitalisation" as const, leg: event.capitalisation },
  ].flatMap(({ kind, leg }) =>
    leg
      ? [
          {
            kind,
            per10: new Decimal(leg.per10.value).toString(),
            exact: new Decimal(shares).times(leg.per10.value).dividedBy(10).toString(),
            taxed: TAXED_SOURCE[leg.fundedFrom.value],
          },
        ]
      : [],
  );
  const cash: Entitlement["cash"] = {
    currency: paid.currency,
    perShare: perShareValue(paid.cash).toString(),
    grossExact: grossExact.toString(),
    gross: amounts.gross,
    withholdingRate: rate.toString(),
    withheld: amounts.withheld,
    net: amounts.net,
    rmbGross: declaredRmb,
    laterTax: rule.laterTaxOnSale ? laterTax(baseExact) : [],
  };
  if (sbCash) {
    cash.paidThrough = "CSDC";
    cash.status = sbCash.status;
  }
  if (hasTaxedShares) {
    cash.bonusTax = {
      parValue: new Decimal(event.parValue.value).toString(),
      parPerShare: paid.par ? perShareValue(paid.par).toString() : "0",
      taxedShares: new Decimal(shares).times(taxedPerShare).toString(),
      taxExact: taxExact.toString(),
      shortfall: roundHalfUpTo(shortfall, 2),
    };
  }

  const capLeg = event.capitalisation;
  const premium = capLeg && capLeg.fundedFrom.value === "share-premium";
  const context: NoteContext = {
    typedIn: event.origin === "custom",
    hasCash: !perShareValue(paid.cash).isZero(),
    taxable: !perShareValue(paid.cash).isZero() || hasTaxedShares,
    cashBasis: event.cash ? paid.basis : "declared",
    southbound: !southbound ? null : sbCash === null ? "rmb-unknown" : sbCash.status === "unconfirmed" ? "estimate" : "confirmed",
    roundingKnown: f.terms.cashRounding.status !== "unconfirmed",
    withholds: !rate.isZero(),
    holder,
    heldThroughCcass: f.market.heldThroughCcass,
    individual: rule.taxpayer === "individual",
    laterTaxOnSale: rule.laterTaxOnSale,
    taxedShares: hasTaxedShares,
    shortfall: !shortfall.isZero(),
    capitalisation: !premium ? "none" : capLeg.fundedFrom.status === "unconfirmed" ? "premium-assumed" : "premium",
    hasFraction: cap.fraction !== "0",
    fraction: treatment,
    fractionHolder: rule.connect === "southbound" ? "southbound" : rule.connect === "northbound" ? "northbound" : "registered",
    fractionConfirmed: f.terms.fractionTreatment.status !== "unconfirmed",
    cappedByClassTotal: capped,
    lot: lotSize === null ? "unknown" : f.terms.lotBasis && f.terms.lotSize?.status !== "confirmed" ? "known-with-basis" : "known",
    hasOddLot: (lots?.oddLot ?? 0) > 0 || (lotsMax?.oddLot ?? 0) > 0,
    oddLots: f.market.oddLots,
    oddLotService: f.terms.oddLotService !== undefined,
    hasPrice: exPrice !== null,
  };
  const codes = noteCodes(context);

  const declaredCurrency = event.cash?.currency ?? "RMB";
  const declaredPer10 = new Decimal(event.cash?.per10.value ?? "0");
  // The rate as given, or the one the published figure implies (cash ÷ hCash, G2), to 6 decimals.
  const impliedRate =
    f.paid.basis === "published" && !declaredPer10.isZero() ? roundHalfUpTo(declaredPer10.dividedBy(f.paid.per10), 6) : undefined;
  const rateValue = f.terms.exchangeRate?.value ?? impliedRate;
  const noteParams: NoteParams = {
    // Release 1's parameters, which the page's message catalogs use.
    per10: f.paid.per10.toString(),
    rate: rateValue ?? "1",
    rmbPerShare: (f.rmbPerShare ?? new Decimal(0)).toString(),
    lot: String(lotSize ?? ""),
    factor: new Decimal(1).plus(f.newPer10.dividedBy(10)).toString(),
    // Every fact a template names comes from here (docs/events.md).
    class: f.shareClass,
    currency: paid.currency,
    per10Money: moneyText(f.market.currency, f.paid.per10.toString()),
    rateLine: !rateValue
      ? ""
      : f.terms.exchangeRate
        ? `${moneyText(f.market.currency, "1")} = ${moneyText("RMB", rateValue)}`
        : `${moneyText(f.market.currency, "1")} ≈ ${moneyText("RMB", rateValue)}, implied`,
    declaredCurrency,
    declaredPer10: moneyText(declaredCurrency, declaredPer10.toString()),
    declaredPerShare: moneyText(declaredCurrency, declaredPer10.dividedBy(10).toString()),
    perShareMoney: moneyText(paid.currency, perShareValue(paid.cash).toString()),
    oneCent: moneyText(paid.currency, "0.01"),
    minorUnit: MINOR_UNIT[paid.currency],
    roundingBasis: f.terms.cashRoundingBasis ?? f.terms.cashRounding.source,
    parMoney: moneyText(paid.currency, paid.par ? shortDecimal(perShareValue(paid.par)) : "0"),
    taxRate: `${rate.times(100).toString()}%`,
    shortfallMoney: moneyText(paid.currency, roundHalfUpTo(shortfall, 2)),
    fractionBasis: f.terms.fractionBasis ?? f.terms.fractionTreatment.source,
    classNewShares: f.classNewShares === null ? "" : f.classNewShares.toLocaleString("en-US"),
    lotBasis: f.terms.lotBasis ?? "",
    oddLotService: f.terms.oddLotService ?? "",
  };

  const entitlement: Entitlement = {
    event: event.id,
    class: f.shareClass,
    holder,
    shares,
    cash,
    capitalisation: legs.some((l) => l.kind === "bonus") ? { ...capJson, legs } : capJson,
    after: {
      shares: afterShares,
      maxShares: afterMaxShares,
      lotSize,
      boardLots: lots?.boardLots ?? null,
      oddLot: lots?.oddLot ?? null,
    },
    exPrice,
    notes: renderNotes(codes, noteParams),
  };
  const roundingKnown = sbCash ? { status: "secondary" as const, source: SOUTHBOUND_ROUNDING } : f.terms.cashRounding;
  const fractionStatus =
    rule.connect === "southbound"
      ? { status: "secondary" as const, source: "G4: CSDC's ranking of Southbound fractions (reprints of CSDC's Q&A)" }
      : rule.connect === "northbound"
        ? { status: "unconfirmed" as const, source: "G5: how HKSCC and brokers round Northbound fractions is not published" }
        : f.terms.fractionTreatment;
  const lotStatus = f.terms.lotSize ?? null;
  return {
    entitlement,
    noteCodes: codes,
    noteParams,
    afterMax: afterMaxShares === afterShares || lotsMax === null ? null : lotsMax,
    figureStatus: {
      perShare: { status: paid.status, source: paid.source },
      amounts: {
        status: rate.isZero() ? roundingKnown.status : "unconfirmed",
        source: rate.isZero() ? roundingKnown.source : "How withheld tax is rounded to the cent is not published (domain.md Decision 3)",
      },
      taxRate: { status: rule.status, source: rule.source },
      fraction: { status: fractionStatus.status, source: fractionStatus.source },
      lot: lotStatus && { status: lotStatus.status, source: lotStatus.source },
    },
  };
}
