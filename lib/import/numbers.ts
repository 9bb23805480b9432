/** Exact decimal strings for the importer: no floating point ever touches a figure. */

const DECIMAL = /^\d+(\.\d+)?$/;

/** "1,234.50" → "1234.50"; null when it is not a plain decimal. */
export function cleanNumber(raw: string): string | null {
  const s = raw.replace(/[,\s]/g, "");
  return DECIMAL.test(s) ? s : null;
}

function split(d: string): { int: bigint; scale: number } {
  const [i, f = ""] = d.split(".");
  return { int: BigInt((i ?? "0") + f), scale: f.length };
}

function join(int: bigint, scale: number): string {
  const neg = int < 0n;
  let s = (neg ? -int : int).toString().padStart(scale + 1, "0");
  if (scale > 0) s = `${s.slice(0, -scale)}.${s.slice(-scale)}`;
  return (neg ? "-" : "") + s;
}

/** Drops trailing zeros after the point ("2.600000" → "2.6", "3.0" → "3"). */
export function trimZeros(d: string): string {
  if (!d.includes(".")) return d.replace(/^0+(?=\d)/, "");
  return d
    .replace(/0+$/, "")
    .replace(/\.$/, "")
    .replace(/^0+(?=\d)/, "");
}

/** a × 10 ÷ per, exactly when it terminates within 12 places (per 1 share → per 10 shares). */
export function per10(value: string, per: number): string | null {
  if (per === 10) return trimZeros(value);
  const { int, scale } = split(value);
  const n = int * 10n * 10n ** 12n;
  if (n % BigInt(per) !== 0n) return null;
  return trimZeros(join(n / BigInt(per), scale + 12));
}

/** Cents to units, exactly ("6.5" cents → "0.065"). */
export function fromCents(d: string): string {
  const { int, scale } = split(d);
  return trimZeros(join(int, scale + 2));
}

/** a ÷ b to `places` decimals, half up; `exact` says whether nothing was rounded. */
export function divide(a: string, b: string, places = 10): { value: string; exact: boolean } {
  const x = split(a);
  const y = split(b);
  // a/b = (x.int / 10^x.scale) / (y.int / 10^y.scale)
  const num = x.int * 10n ** BigInt(y.scale + places + 1);
  const den = y.int * 10n ** BigInt(x.scale);
  const q = num / den;
  const exact = num % den === 0n && q % 10n === 0n;
  const rounded = (q + 5n) / 10n;
  return { value: trimZeros(join(rounded, places)), exact };
}

/** `d` rounded half up to `places` decimals, trailing zeros dropped ("0.25816276", 3 → "0.258"). */
export function roundHalfUp(d: string, places: number): string {
  const { int, scale } = split(d);
  if (scale <= places) return trimZeros(d);
  const drop = 10n ** BigInt(scale - places);
  return trimZeros(join((int + drop / 2n) / drop, places));
}

/** Numeric equality of two decimal strings ("2.60" = "2.6"). */
export function sameNumber(a: string, b: string): boolean {
  const x = cleanNumber(a);
  const y = cleanNumber(b);
  return x !== null && y !== null && trimZeros(x) === trimZeros(y);
}
