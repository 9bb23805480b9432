import type { FractionTreatment } from "../events/model";
import { Decimal } from "./decimal";

export interface Capitalisation {
  ratio: string;
  exact: string;
  shares: number;
  maxShares: number;
  fraction: string;
  fractionTreatment: FractionTreatment;
}

/**
 * All new shares of the event (bonus + capitalisation, DESIGN §3.4): exact = shares × new per 10 ÷ 10; the
 * holder is sure of floor(exact). Under CSDC ranking a non-zero fraction may still earn one more share, so
 * the most is floor + 1 — but never more than the whole class receives (`classNewShares`, when known).
 */
export function capitalisation(
  shares: number,
  newPer10: Decimal,
  treatment: FractionTreatment,
  classNewShares: number | null,
): Capitalisation & { capped: boolean } {
  const exact = new Decimal(shares).times(newPer10).dividedBy(10);
  const whole = exact.floor();
  const fraction = exact.minus(whole);
  const sure = whole.toNumber();
  const ranked = treatment === "csdc-ranking" && !fraction.isZero() ? sure + 1 : sure;
  const maxShares = classNewShares === null ? ranked : Math.max(sure, Math.min(ranked, classNewShares));
  return {
    ratio: `${newPer10.toString()}:10`,
    exact: exact.toString(),
    shares: sure,
    maxShares,
    fraction: fraction.toString(),
    fractionTreatment: treatment,
    capped: maxShares < ranked,
  };
}
