import { Decimal, roundHalfUpTo } from "./decimal";

export interface ExPrice {
  currency: string;
  cumPrice: string;
  exact: string;
  shown: string;
}

/**
 * domain.md Decision 6: theoretical ex-entitlement price = (P − D) / (1 + new/existing), D the cash per
 * share in the trading currency. Shown to the exchange's precision (A 0.01, H 0.001), rounded half-up.
 */
export function theoreticalExPrice(
  cumPrice: Decimal,
  cashPerShare: Decimal,
  ratio: { newShares: number; perExisting: number },
  currency: string,
  decimals: number,
): ExPrice {
  const factor = new Decimal(1).plus(new Decimal(ratio.newShares).dividedBy(ratio.perExisting));
  const exact = cumPrice.minus(cashPerShare).dividedBy(factor);
  const cumText = cumPrice.toFixed(Math.max(2, cumPrice.decimalPlaces()));
  return { currency, cumPrice: cumText, exact: exact.toString(), shown: roundHalfUpTo(exact, decimals) };
}
