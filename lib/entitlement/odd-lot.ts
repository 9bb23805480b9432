export interface Lots {
  boardLots: number;
  oddLot: number;
}

/** A holding split into whole trading lots and what is left over (the odd lot). */
export function splitIntoLots(shares: number, lotSize: number): Lots {
  // Share counts are integers far below 2^53, so integer arithmetic on numbers is exact here.
  return { boardLots: Math.floor(shares / lotSize), oddLot: shares % lotSize };
}
