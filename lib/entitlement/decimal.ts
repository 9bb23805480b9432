import DecimalJs from "decimal.js";

/**
 * The one Decimal the engine uses: 50 significant digits is far beyond any holding × rate here, so no
 * intermediate result is ever rounded by the library; rounding happens only where a rule says so.
 */
export const Decimal = DecimalJs.clone({ precision: 50, rounding: DecimalJs.ROUND_HALF_UP, toExpNeg: -30, toExpPos: 40 });
export type Decimal = InstanceType<typeof Decimal>;

/** Truncate toward zero to `places` decimals and write exactly that many (e.g. "351.41"). */
export function truncateTo(value: Decimal, places: number): string {
  return value.toDecimalPlaces(places, Decimal.ROUND_DOWN).toFixed(places);
}

/** Round half-up to `places` decimals and write exactly that many. */
export function roundHalfUpTo(value: Decimal, places: number): string {
  return value.toDecimalPlaces(places, Decimal.ROUND_HALF_UP).toFixed(places);
}
