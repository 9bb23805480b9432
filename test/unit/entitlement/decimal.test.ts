import DecimalJs from "decimal.js";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Decimal, roundHalfUpTo, truncateTo } from "@/lib/entitlement/decimal";

describe("the engine's decimal, worked by hand", () => {
  it("sums, differences and products are exact", () => {
    expect(new Decimal("0.1").plus("0.2").toString()).toBe("0.3");
    expect(new Decimal("1.10").minus("1.1").toString()).toBe("0");
    expect(new Decimal("30523887").times("0.37344986").toString()).toBe("11399141.32680582"); // 30,523,887 × 37,344,986 ÷ 10^8
    expect(new Decimal("-2.5").times(4).toString()).toBe("-10");
  });

  it("a quotient that does not end is rounded half-up to 50 significant digits", () => {
    expect(new Decimal(1).dividedBy(3).toString()).toBe(`0.${"3".repeat(50)}`);
    expect(new Decimal(2).dividedBy(3).toString()).toBe(`0.${"6".repeat(49)}7`);
    expect(new Decimal(-2).dividedBy(3).toString()).toBe(`-0.${"6".repeat(49)}7`);
    // 100/7 = 14.285714…: 2 integer digits and 48 decimals kept; the next digit (2) rounds down.
    expect(new Decimal(100).dividedBy(7).toString()).toBe(`14.${"285714".repeat(8)}`);
    expect(new Decimal("0.37344986").dividedBy("0.000014").toString()).toBe("26674.99");
    expect(() => new Decimal(1).dividedBy(0)).toThrow(RangeError);
  });

  it("rounds to decimal places toward zero or half-up (ties away from zero)", () => {
    expect(truncateTo(new Decimal("351.419"), 2)).toBe("351.41");
    expect(truncateTo(new Decimal("-351.419"), 2)).toBe("-351.41");
    expect(roundHalfUpTo(new Decimal("0.125"), 2)).toBe("0.13");
    expect(roundHalfUpTo(new Decimal("0.1249"), 2)).toBe("0.12");
    expect(roundHalfUpTo(new Decimal("-0.125"), 2)).toBe("-0.13");
    expect(roundHalfUpTo(new Decimal("99.995"), 2)).toBe("100.00");
    expect(roundHalfUpTo(new Decimal("7"), 3)).toBe("7.000");
    expect(new Decimal("1.20").decimalPlaces()).toBe(1);
    expect(new Decimal("1200").decimalPlaces()).toBe(0);
  });

  it("floor, comparisons, max and numbers", () => {
    expect(new Decimal("428173069.2").floor().toNumber()).toBe(428_173_069);
    expect(new Decimal("-2.5").floor().toString()).toBe("-3");
    expect(new Decimal("-3").floor().toString()).toBe("-3");
    expect(new Decimal("0.26").lessThanOrEqualTo("0.260")).toBe(true);
    expect(new Decimal("0.26").greaterThan("0.2599")).toBe(true);
    expect(Decimal.max(new Decimal("-0.01"), 0).toString()).toBe("0");
    expect(new Decimal(1_000_000_000_000).toString()).toBe("1000000000000");
  });

  it("writes an exponent only from 10^-30 down or 10^40 up, as decimal.js did with the engine's settings", () => {
    expect(new Decimal("1e-29").toString()).toBe("0.00000000000000000000000000001");
    expect(new Decimal("1.5e-31").toString()).toBe("1.5e-31");
    expect(new Decimal("1e-30").toString()).toBe("1e-30");
    expect(new Decimal("1.2e39").toString()).toBe(`12${"0".repeat(38)}`);
    expect(new Decimal("1e40").toString()).toBe("1e+40");
    expect(new Decimal("1e40").toFixed(0)).toBe(`1${"0".repeat(40)}`);
  });

  it("refuses what is not a decimal", () => {
    for (const bad of ["", ".", "1.2.3", "abc", "1e", "NaN"]) expect(() => new Decimal(bad)).toThrow();
    expect(() => new Decimal(Number.NaN)).toThrow();
  });
});

// decimal.js with the settings the engine used before (precision 50, half-up): every figure must stay the same.
const Reference = DecimalJs.clone({ precision: 50, rounding: DecimalJs.ROUND_HALF_UP, toExpNeg: -30, toExpPos: 40 });

const decimalText = fc
  .tuple(fc.boolean(), fc.bigInt({ min: 0n, max: 10n ** 30n }), fc.integer({ min: 0, max: 20 }), fc.constantFrom("", "0", "000"))
  .map(([negative, coefficient, scale, zeros]) => {
    const digits = coefficient.toString().padStart(scale + 1, "0");
    const text = scale === 0 ? digits : `${digits.slice(0, -scale)}.${digits.slice(-scale)}${zeros}`;
    return negative ? `-${text}` : text;
  });

describe("the engine's decimal against decimal.js (the implementation it replaces)", () => {
  it("the same text for every operation the engine uses", () => {
    fc.assert(
      fc.property(decimalText, decimalText, fc.integer({ min: 0, max: 12 }), (a, b, places) => {
        const [x, y, rx, ry] = [new Decimal(a), new Decimal(b), new Reference(a), new Reference(b)];
        expect(x.toString()).toBe(rx.toString());
        expect(x.plus(y).toString()).toBe(rx.plus(ry).toString());
        expect(x.minus(y).toString()).toBe(rx.minus(ry).toString());
        expect(x.times(y).toString()).toBe(rx.times(ry).toString());
        if (!ry.isZero()) expect(x.dividedBy(y).toString()).toBe(rx.dividedBy(ry).toString());
        expect(x.floor().toString()).toBe(rx.floor().toString());
        expect(x.negated().toString()).toBe(rx.negated().toString());
        expect(x.decimalPlaces()).toBe(rx.decimalPlaces());
        expect(x.isZero()).toBe(rx.isZero());
        expect(x.toNumber() + 0).toBe(rx.toNumber() + 0); // + 0: the engine's decimal has no negative zero
        expect([x.greaterThan(y), x.lessThan(y), x.lessThanOrEqualTo(y)]).toEqual([rx.gt(ry), rx.lt(ry), rx.lte(ry)]);
        expect(Decimal.max(x, y).toString()).toBe(Reference.max(rx, ry).toString());
        expect(x.toDecimalPlaces(places, Decimal.ROUND_DOWN).toString()).toBe(rx.toDecimalPlaces(places, Reference.ROUND_DOWN).toString());
        expect(x.toDecimalPlaces(places, Decimal.ROUND_HALF_UP).toString()).toBe(
          rx.toDecimalPlaces(places, Reference.ROUND_HALF_UP).toString(),
        );
        expect(x.toFixed(places)).toBe(rx.toFixed(places));
      }),
      { numRuns: 2000 },
    );
  });

  it("the same text for chains as the engine writes them (holding × amount ÷ rate, to the cent)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000_000_000_000 }),
        decimalText.map((t) => t.replace("-", "")),
        decimalText.map((t) => t.replace("-", "")).filter((t) => /[1-9]/.test(t)),
        (shares, amount, rate) => {
          const ours = new Decimal(shares).times(amount).dividedBy(rate);
          const theirs = new Reference(shares).times(amount).dividedBy(rate);
          expect(ours.toString()).toBe(theirs.toString());
          expect(truncateTo(ours, 2)).toBe(theirs.toDecimalPlaces(2, Reference.ROUND_DOWN).toFixed(2));
          expect(roundHalfUpTo(ours.times("0.2"), 2)).toBe(theirs.times("0.2").toDecimalPlaces(2, Reference.ROUND_HALF_UP).toFixed(2));
        },
      ),
      { numRuns: 1000 },
    );
  });
});
