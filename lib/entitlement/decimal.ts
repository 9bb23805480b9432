/**
 * The one Decimal the engine uses: an exact decimal on BigInt (coefficient × 10^exponent), with the few operations
 * the engine needs. Sums, differences and products of the figures here are exact (far below 50 digits); a quotient
 * is rounded half-up to 50 significant digits, so no intermediate result is rounded where a rule does not say so
 * (docs/events.md §1). It behaves as decimal.js did with precision 50, ROUND_HALF_UP, toExpNeg −30 and
 * toExpPos 40 (test/unit/entitlement/decimal.test.ts compares the two), at a tenth of its size in the page:
 * 1.1 kB gzip against 12.9 kB (BENCHMARKS.md, "Web").
 */
export type DecimalValue = Decimal | number | string;

const PRECISION = 50;
const TO_EXP_NEG = -30;
const TO_EXP_POS = 40;
const ROUND_DOWN = 1;
const ROUND_HALF_UP = 4;
type Rounding = typeof ROUND_DOWN | typeof ROUND_HALF_UP;

const pow10 = (k: number) => 10n ** BigInt(k);
const abs = (c: bigint) => (c < 0n ? -c : c);
const digitCount = (c: bigint) => abs(c).toString().length;
const NUMBER = /^([+-])?(\d*)(?:\.(\d*))?(?:e([+-]?\d+))?$/i;

export class Decimal {
  static readonly ROUND_DOWN = ROUND_DOWN;
  static readonly ROUND_HALF_UP = ROUND_HALF_UP;

  /** value = c × 10^e, with no trailing zero in c (zero is 0 × 10^0). */
  private readonly c: bigint;
  private readonly e: number;

  constructor(value: DecimalValue | bigint, exponent = 0) {
    let c: bigint;
    let e = exponent;
    if (value instanceof Decimal) {
      c = value.c;
      e = value.e;
    } else if (typeof value === "bigint") {
      c = value;
    } else {
      const m = NUMBER.exec(String(value).trim());
      if (!m || !/\d/.test(`${m[2]}${m[3] ?? ""}`)) throw new Error(`not a decimal: ${String(value)}`);
      const fraction = m[3] ?? "";
      c = BigInt(`${m[1] ?? ""}${m[2] || "0"}${fraction}`);
      e = Number(m[4] ?? 0) - fraction.length;
    }
    if (c === 0n) e = 0;
    else {
      const zeros = /0*$/.exec(abs(c).toString())?.[0].length ?? 0;
      if (zeros > 0) {
        c /= pow10(zeros);
        e += zeros;
      }
    }
    this.c = c;
    this.e = e;
  }

  /** Rounds away `drop` trailing digits of the coefficient (drop > 0). */
  private static dropDigits(c: bigint, e: number, drop: number, rounding: Rounding): Decimal {
    const unit = pow10(drop);
    let q = c / unit; // toward zero
    if (rounding === ROUND_HALF_UP && 2n * (abs(c) % unit) >= unit) q += c < 0n ? -1n : 1n;
    return new Decimal(q, e + drop);
  }

  /** c × 10^e rounded half-up to PRECISION significant digits. */
  private static rounded(c: bigint, e: number): Decimal {
    const drop = digitCount(c) - PRECISION;
    return drop > 0 ? Decimal.dropDigits(c, e, drop, ROUND_HALF_UP) : new Decimal(c, e);
  }

  static max(a: DecimalValue, b: DecimalValue): Decimal {
    const x = new Decimal(a);
    return x.lessThan(b) ? new Decimal(b) : x;
  }

  plus(y: DecimalValue): Decimal {
    const b = new Decimal(y);
    const e = Math.min(this.e, b.e);
    return Decimal.rounded(this.c * pow10(this.e - e) + b.c * pow10(b.e - e), e);
  }

  minus(y: DecimalValue): Decimal {
    return this.plus(new Decimal(y).negated());
  }

  negated(): Decimal {
    return new Decimal(-this.c, this.e);
  }

  times(y: DecimalValue): Decimal {
    const b = new Decimal(y);
    return Decimal.rounded(this.c * b.c, this.e + b.e);
  }

  /** The quotient rounded half-up to PRECISION significant digits. */
  dividedBy(y: DecimalValue): Decimal {
    const b = new Decimal(y);
    if (b.c === 0n) throw new RangeError("division by zero");
    if (this.c === 0n) return this;
    // Enough digits that the quotient has more than PRECISION of them: the digits dropped then decide the rounding
    // (half-up needs no more than that: a remainder only adds less than one unit of the last digit kept).
    const shift = Math.max(0, PRECISION + 1 + digitCount(b.c) - digitCount(this.c));
    const q = (abs(this.c) * pow10(shift)) / abs(b.c);
    return Decimal.rounded(this.c < 0n !== b.c < 0n ? -q : q, this.e - b.e - shift);
  }

  floor(): Decimal {
    if (this.e >= 0) return this;
    const unit = pow10(-this.e);
    const q = this.c / unit;
    return new Decimal(this.c < 0n && q * unit !== this.c ? q - 1n : q);
  }

  toDecimalPlaces(places: number, rounding: Rounding): Decimal {
    const drop = -this.e - places;
    return drop > 0 ? Decimal.dropDigits(this.c, this.e, drop, rounding) : this;
  }

  decimalPlaces(): number {
    return Math.max(0, -this.e);
  }

  isZero(): boolean {
    return this.c === 0n;
  }

  private compare(y: DecimalValue): number {
    const b = new Decimal(y);
    const e = Math.min(this.e, b.e);
    const d = this.c * pow10(this.e - e) - b.c * pow10(b.e - e);
    return d === 0n ? 0 : d < 0n ? -1 : 1;
  }
  lessThan(y: DecimalValue): boolean {
    return this.compare(y) < 0;
  }
  lessThanOrEqualTo(y: DecimalValue): boolean {
    return this.compare(y) <= 0;
  }
  greaterThan(y: DecimalValue): boolean {
    return this.compare(y) > 0;
  }

  toNumber(): number {
    return Number(this.toString());
  }

  /** Written without an exponent, rounded half-up to exactly `places` decimals. */
  toFixed(places: number): string {
    const r = this.toDecimalPlaces(places, ROUND_HALF_UP);
    const digits = abs(r.c).toString();
    const sign = this.c < 0n ? "-" : "";
    if (r.e >= 0) return `${sign}${digits}${"0".repeat(r.e)}${places > 0 ? `.${"0".repeat(places)}` : ""}`;
    const padded = digits.padStart(-r.e + 1, "0");
    const point = padded.length + r.e;
    return `${sign}${padded.slice(0, point)}.${padded.slice(point)}${"0".repeat(places + r.e)}`;
  }

  /** As decimal.js writes it: plain, or with an exponent when that is ≤ −30 or ≥ 40 ("1.5e-31", "1e+40"). */
  toString(): string {
    if (this.c === 0n) return "0";
    const digits = abs(this.c).toString();
    const exponent = digits.length - 1 + this.e;
    if (exponent > TO_EXP_NEG && exponent < TO_EXP_POS) return this.toFixed(this.decimalPlaces());
    const mantissa = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    return `${this.c < 0n ? "-" : ""}${mantissa}e${exponent < 0 ? "-" : "+"}${Math.abs(exponent)}`;
  }

  toJSON(): string {
    return this.toString();
  }
}

/** Truncate toward zero to `places` decimals and write exactly that many (e.g. "351.41"). */
export function truncateTo(value: Decimal, places: number): string {
  return value.toDecimalPlaces(places, Decimal.ROUND_DOWN).toFixed(places);
}

/** Round half-up to `places` decimals and write exactly that many. */
export function roundHalfUpTo(value: Decimal, places: number): string {
  return value.toDecimalPlaces(places, Decimal.ROUND_HALF_UP).toFixed(places);
}
