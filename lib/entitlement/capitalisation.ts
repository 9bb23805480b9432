import type { ClassTerms } from "../events/schema";
import { Decimal } from "./decimal";

export interface Capitalisation {
  ratio: string;
  exact: string;
  shares: number;
  maxShares: number;
  fraction: string;
  fractionTreatment: ClassTerms["fractionTreatment"]["value"];
}

/**
 * domain.md Decision 4: exact = shares × new / existing; the holder is sure of floor(exact). Under CSDC
 * ranking (A shares) a non-zero fraction may still earn one more share, so the most is floor + 1.
 */
export function capitalisation(
  shares: number,
  ratio: { newShares: number; perExisting: number },
  treatment: ClassTerms["fractionTreatment"]["value"],
): Capitalisation {
  const exact = new Decimal(shares).times(ratio.newShares).dividedBy(ratio.perExisting);
  const whole = exact.floor();
  const fraction = exact.minus(whole);
  const sure = whole.toNumber();
  const maxShares = treatment === "csdc-ranking" && !fraction.isZero() ? sure + 1 : sure;
  return {
    ratio: `${ratio.newShares}:${ratio.perExisting}`,
    exact: exact.toString(),
    shares: sure,
    maxShares,
    fraction: fraction.toString(),
    fractionTreatment: treatment,
  };
}
