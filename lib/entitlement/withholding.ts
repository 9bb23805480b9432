import { Decimal, truncateTo } from "./decimal";

export interface CashAfterTax {
  gross: string;
  withheld: string;
  net: string;
}

/**
 * domain.md Decisions 2–3 and G2: gross = exact truncated to the cent; net = the exact net truncated to the
 * cent, never below 0; withheld = gross − net, so that net + withheld is always exactly what the holder was
 * entitled to. `netExact` is holding × (cash − tax) per share, worked out by the caller with one division.
 */
export function withhold(grossExact: Decimal, netExact: Decimal): CashAfterTax {
  const gross = new Decimal(truncateTo(grossExact, 2));
  const net = new Decimal(truncateTo(Decimal.max(netExact, 0), 2));
  return { gross: gross.toFixed(2), withheld: gross.minus(net).toFixed(2), net: net.toFixed(2) };
}
