import { Decimal, truncateTo } from "./decimal";

export interface CashAfterTax {
  gross: string;
  withheld: string;
  net: string;
}

/**
 * domain.md Decision 2–3: gross = exact truncated to the cent; net = exact × (1 − rate) truncated to the
 * cent; withheld = gross − net, so that net + withheld is always exactly what the holder was entitled to.
 */
export function withhold(grossExact: Decimal, rate: Decimal): CashAfterTax {
  const gross = new Decimal(truncateTo(grossExact, 2));
  const net = new Decimal(truncateTo(grossExact.times(new Decimal(1).minus(rate)), 2));
  return { gross: gross.toFixed(2), withheld: gross.minus(net).toFixed(2), net: net.toFixed(2) };
}
