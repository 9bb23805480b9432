import { Decimal, roundHalfUpTo } from "./decimal";
import type { PerShare } from "./figures";

export interface ExPrice {
  currency: string;
  cumPrice: string;
  exact: string;
  shown: string;
}

/**
 * G7 (domain.md Decision 6): theoretical ex-entitlement price = (P − D) ÷ (1 + new per 10 ÷ 10), D the cash per
 * share in the class's trading currency. Shown to the exchange's precision, rounded half-up.
 */
export function theoreticalExPrice(cumPrice: Decimal, cash: PerShare, newPer10: Decimal, currency: string, decimals: number): ExPrice {
  const factor = new Decimal(1).plus(newPer10.dividedBy(10));
  const exact = cumPrice.times(cash.den).minus(cash.num).dividedBy(cash.den.times(factor));
  const cumText = cumPrice.toFixed(Math.max(2, cumPrice.decimalPlaces()));
  return { currency, cumPrice: cumText, exact: exact.toString(), shown: roundHalfUpTo(exact, decimals) };
}
