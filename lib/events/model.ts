/**
 * The zod-free half of the event model: the enumerations and what each share class is like. The page, the
 * service worker and the engine import these without pulling zod into the browser (schema.ts builds on them).
 */

export const FACT_STATUSES = ["confirmed", "secondary", "derived", "unconfirmed"] as const;
export type FactStatus = (typeof FACT_STATUSES)[number];

export const LOCALES = ["en", "zh-Hant", "zh-Hans"] as const;
export type Locale = (typeof LOCALES)[number];

export const SHARE_CLASSES = ["H", "A"] as const;
export type ShareClass = (typeof SHARE_CLASSES)[number];

export const CURRENCIES = ["HKD", "RMB"] as const;
export type Currency = (typeof CURRENCIES)[number];

/**
 * What a milestone means (helper guide, shared decisions). Pages, notes and reminders select milestones by
 * role and class; ids are only names.
 */
export const MILESTONE_ROLES = [
  "approval",
  "last-cum",
  "ex",
  "lodgement",
  "closure-start",
  "closure-end",
  "record",
  "payment",
  "warrants-posted",
  "southbound-last-buy",
] as const;
export type MilestoneRole = (typeof MILESTONE_ROLES)[number];

/** Where new shares come from (domain-generic §1.1). Only share premium is not income (G1). */
export const SHARE_SOURCES = ["retained-earnings", "surplus-reserve", "share-premium", "other-capital-reserve"] as const;
export type ShareSource = (typeof SHARE_SOURCES)[number];

/** Whether the par value of shares from this source is taxed like a dividend (G1; domain-generic §1.1). */
export const TAXED_SOURCE: Record<ShareSource, boolean> = {
  "retained-earnings": true,
  "surplus-reserve": true,
  "share-premium": false,
  "other-capital-reserve": true,
};

/**
 * How the fraction of a new share is treated:
 * - `not-allotted`: the registered holder gets the whole shares only (Hong Kong practice);
 * - `csdc-ranking`: CSDC ranks every account's fraction, largest first, and allots one share each until the
 *   total is reached, so a holder gets the whole shares or one more (A shares; Southbound, G4);
 * - `floor`: only the whole shares are shown because how the nominee splits fractions is not published
 *   (Northbound, G5).
 */
export const FRACTION_TREATMENTS = ["not-allotted", "csdc-ranking", "floor"] as const;
export type FractionTreatment = (typeof FRACTION_TREATMENTS)[number];

/** What a share class is like wherever it trades: the rules the engine reads instead of asking which class it is. */
export interface ClassMarket {
  /** The currency the class trades and is paid in (Southbound holders excepted, G4). */
  currency: Currency;
  /** Decimals of the theoretical ex-price as shown (the exchange's precision). */
  exPriceDecimals: number;
  /** How a registered holder's fraction is treated when the event data says nothing. */
  defaultFraction: FractionTreatment;
  /** Odd lots trade on a separate odd-lot market, or may only be sold, all at once. */
  oddLots: "odd-lot-market" | "sell-all-at-once";
  /** The trading unit when the terms give none; null: unknown, the lot split is not shown. */
  defaultLot: number | null;
  /** Holders through a broker hold through the Hong Kong central depository (CCASS) and its nominee. */
  heldThroughCcass: boolean;
}

export const CLASS_MARKETS: Record<ShareClass, ClassMarket> = {
  H: {
    currency: "HKD",
    exPriceDecimals: 3,
    defaultFraction: "not-allotted",
    oddLots: "odd-lot-market",
    defaultLot: null,
    heldThroughCcass: true,
  },
  A: {
    currency: "RMB",
    exPriceDecimals: 2,
    defaultFraction: "csdc-ranking",
    oddLots: "sell-all-at-once",
    defaultLot: 100,
    heldThroughCcass: false,
  },
};

/** How an amount of money is written in notes and messages ("HK$2.847798", "RMB 0.26"). */
export function moneyText(currency: Currency, amount: string): string {
  return `${CURRENCY_PREFIX[currency]}${amount}`;
}
const CURRENCY_PREFIX: Record<Currency, string> = { HKD: "HK$", RMB: "RMB " };

/** The smallest unit each currency is rounded to, as notes name it. */
export const MINOR_UNIT: Record<Currency, string> = { HKD: "cent", RMB: "fen" };
