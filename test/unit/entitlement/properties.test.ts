import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { A_HOLDERS, H_HOLDERS, HOLDER_TAX } from "@/lib/entitlement/holders";
import { entitle } from "./helpers";

// An independent computation in integer hundred-millionths (BigInt), no decimal library involved.
const SCALE = 100_000_000n;
const toUnits = (s: string): bigint => {
  const [i = "0", f = ""] = s.split(".");
  return BigInt(i) * SCALE + BigInt(`${f}00000000`.slice(0, 8));
};
const centsFloor = (units: bigint) => units / 1_000_000n; // units → whole cents, truncated
const PER_SHARE = { H: toUnits("0.2847798"), A: toUnits("0.26") };
const ISSUED = { H: 125_466_000, A: 713_621_782 };

const holding = (cls: "H" | "A") => fc.integer({ min: 1, max: ISSUED[cls] });

describe("properties of every holding", () => {
  for (const cls of ["H", "A"] as const) {
    const holders = cls === "H" ? H_HOLDERS : A_HOLDERS;
    it(`${cls}: cash agrees with an integer computation; net + withheld = gross; gross ≤ exact < gross + 0.01`, () => {
      fc.assert(
        fc.property(holding(cls), fc.constantFrom(...holders), (n, holder) => {
          const e = entitle({ class: cls, shares: String(n), holder });
          // G4: Southbound holders are paid the declared RMB per share.
          const perShare = HOLDER_TAX[holder].connect === "southbound" ? PER_SHARE.A : PER_SHARE[cls];
          const exact = perShare * BigInt(n);
          expect(toUnits(e.cash.grossExact)).toBe(exact);
          const gross = centsFloor(exact);
          expect(toUnits(e.cash.gross)).toBe(gross * 1_000_000n);
          expect(toUnits(e.cash.gross) <= exact && exact < toUnits(e.cash.gross) + 1_000_000n).toBe(true);
          const rate = toUnits(HOLDER_TAX[holder].withholdingRate); // e.g. 0.1 → 10_000_000
          const net = centsFloor((exact * (SCALE - rate)) / SCALE);
          expect(toUnits(e.cash.net)).toBe(net * 1_000_000n);
          expect(toUnits(e.cash.net) + toUnits(e.cash.withheld)).toBe(toUnits(e.cash.gross));
        }),
        { numRuns: 400 },
      );
    });

    it(`${cls}: after = shares + capitalisation; 0 ≤ fraction < 1; lots add up`, () => {
      fc.assert(
        fc.property(holding(cls), (n) => {
          const e = entitle({ class: cls, shares: String(n) });
          expect(e.capitalisation.shares).toBe(Math.floor((n * 6) / 10));
          expect(e.after.shares).toBe(n + e.capitalisation.shares);
          const fraction = toUnits(e.capitalisation.fraction);
          expect(fraction >= 0n && fraction < SCALE).toBe(true);
          expect(fraction).toBe((BigInt(n) * 6n * SCALE) / 10n - BigInt(e.capitalisation.shares) * SCALE);
          expect((e.after.boardLots ?? -1) * (e.after.lotSize ?? -1) + (e.after.oddLot ?? -1)).toBe(e.after.shares);
          expect(e.after.oddLot).toBeLessThan(e.after.lotSize ?? 0);
        }),
        { numRuns: 400 },
      );
    });
  }

  it("A: maxShares is one more exactly when there is a fraction (never above the class total); H never", () => {
    fc.assert(
      fc.property(holding("A"), (n) => {
        const a = entitle({ class: "A", shares: String(n) });
        const classTotal = 428_173_069; // floor(713,621,782 × 6 ÷ 10)
        expect(a.capitalisation.maxShares).toBe(Math.min(a.capitalisation.shares + (n % 5 === 0 ? 0 : 1), classTotal));
        expect(a.after.maxShares).toBe(n + a.capitalisation.maxShares);
        const h = entitle({ class: "H", shares: String(Math.min(n, ISSUED.H)) });
        expect(h.capitalisation.maxShares).toBe(h.capitalisation.shares);
      }),
      { numRuns: 300 },
    );
  });

  it("summing many holdings never drifts from the class total", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 1_000_000 }), { minLength: 1, maxLength: 200 }), (holdings) => {
        let sumExact = 0n;
        let sumGross = 0n;
        for (const n of holdings) {
          const e = entitle({ class: "H", shares: String(n) });
          sumExact += toUnits(e.cash.grossExact);
          sumGross += toUnits(e.cash.gross);
        }
        const total = holdings.reduce((a, b) => a + b, 0);
        expect(sumExact).toBe(PER_SHARE.H * BigInt(total));
        // Truncating each holding loses less than a cent per holding, never gains.
        expect(sumGross <= sumExact && sumExact - sumGross < BigInt(holdings.length) * 1_000_000n).toBe(true);
      }),
      { numRuns: 60 },
    );
  });
});

// ---------------------------------------------------------------------------------------------------------
// Any event: random terms, checked against an independent computation in exact fractions of BigInts.

interface Frac {
  n: bigint;
  d: bigint;
}
const frac = (s: string): Frac => {
  const [i = "0", f = ""] = s.split(".");
  return { n: BigInt(i + f), d: 10n ** BigInt(f.length) };
};
const F = (n: bigint, d = 1n): Frac => ({ n, d });
const add = (a: Frac, b: Frac): Frac => ({ n: a.n * b.d + b.n * a.d, d: a.d * b.d });
const sub = (a: Frac, b: Frac): Frac => ({ n: a.n * b.d - b.n * a.d, d: a.d * b.d });
const mul = (a: Frac, b: Frac): Frac => ({ n: a.n * b.n, d: a.d * b.d });
const div = (a: Frac, b: Frac): Frac => ({ n: a.n * b.d, d: a.d * b.n });
/** Whole cents, truncated toward zero, of a non-negative fraction (negative → 0). */
const centsOf = (a: Frac): bigint => (a.n <= 0n ? 0n : (a.n * 100n) / a.d);
const floorOf = (a: Frac): bigint => a.n / a.d;
const centsText = (c: bigint) => `${c / 100n}.${String(c % 100n).padStart(2, "0")}`;

const dec = (maxInt: number, maxDec: number) =>
  fc.tuple(fc.integer({ min: 0, max: maxInt }), fc.integer({ min: 0, max: 10 ** maxDec - 1 })).map(([i, f]) => {
    const frac = String(f).padStart(maxDec, "0").replace(/0+$/, "");
    return frac ? `${i}.${frac}` : String(i);
  });
const positive = (maxInt: number, maxDec: number) => dec(maxInt, maxDec).filter((s) => /[1-9]/.test(s));

// Counterexamples once found, tried first on every run (holderIndex 0: hk-individual, 10%).
const REGRESSIONS = [
  { cls: "H", cash: "1", bonus: "3", cap: "0", hCash: "1", hRate: "0.3", published: false, n: 4, holderIndex: 0, lot: 100 },
  {
    cls: "H",
    cash: "4.590554",
    bonus: "3.97",
    cap: "0",
    hCash: "0.000001",
    hRate: "0.000014",
    published: false,
    n: 30_523_887,
    holderIndex: 0,
    lot: 1,
  },
] as const;

describe("properties of any event (random terms) against exact fractions", () => {
  const RATE: Record<string, bigint> = { "0": 0n, "0.1": 10n, "0.2": 20n };
  const arb = fc.record({
    cls: fc.constantFrom<"A" | "H">("A", "H"),
    cash: dec(20, 6),
    bonus: dec(12, 2),
    cap: dec(12, 2),
    hCash: positive(20, 6),
    hRate: positive(2, 6),
    published: fc.boolean(),
    n: fc.integer({ min: 1, max: 50_000_000 }),
    holderIndex: fc.nat(),
    lot: fc.integer({ min: 1, max: 2000 }),
  });
  it("cash, tax, net, shortfall, new shares and lots agree for every holder", () => {
    fc.assert(
      fc.property(arb, (r) => {
        const cashZero = !/[1-9]/.test(r.cash);
        fc.pre(!(cashZero && !/[1-9]/.test(r.bonus) && !/[1-9]/.test(r.cap)));
        const holders = r.cls === "H" ? H_HOLDERS : A_HOLDERS;
        const holder = holders[r.holderIndex % holders.length] as string;
        const usePublished = r.cls === "H" && r.published && !cashZero;
        const params: Record<string, string> = {
          event: "custom",
          classes: r.cls,
          class: r.cls,
          shares: String(r.n),
          holder,
          cash: r.cash,
          bonus: r.bonus,
          cap: r.cap,
        };
        if (r.cls === "H") {
          if (usePublished) params.hCash = r.hCash;
          else params.hRate = r.hRate;
          params.hLot = String(r.lot);
        } else params.aLot = String(r.lot);
        const e = entitle(params);

        // Independent: per share in the currency paid, cash c and par p (RMB 1), rate t of taxed shares.
        const n = F(BigInt(r.n));
        const cash10 = frac(r.cash);
        const southbound = HOLDER_TAX[holder as keyof typeof HOLDER_TAX].connect === "southbound";
        let c: Frac;
        let p: Frac;
        if (r.cls === "A" || southbound) {
          c = div(cash10, F(10n));
          p = F(1n);
        } else if (usePublished) {
          c = div(frac(r.hCash), F(10n));
          p = div(frac(r.hCash), cash10); // HKD per RMB the published figure implies
        } else {
          c = div(div(cash10, F(10n)), frac(r.hRate));
          p = div(F(1n), frac(r.hRate));
        }
        const t = div(frac(r.bonus), F(10n));
        const rate = F(RATE[HOLDER_TAX[holder as keyof typeof HOLDER_TAX].withholdingRate] ?? -1n, 100n);
        const grossExact = mul(n, c);
        const tax = mul(rate, mul(n, add(c, mul(t, p))));
        const net = centsOf(sub(grossExact, tax));
        const gross = centsOf(grossExact);
        expect(e.cash.currency).toBe(r.cls === "A" || southbound ? "RMB" : "HKD");
        expect(e.cash.gross).toBe(centsText(gross));
        expect(e.cash.net).toBe(centsText(net));
        expect(e.cash.withheld).toBe(centsText(gross - net));
        if (/[1-9]/.test(r.bonus)) {
          const short = sub(tax, grossExact);
          // Half-up to the cent: floor(x × 100 + 1/2).
          const expectedShort = short.n <= 0n ? 0n : floorOf(add(mul(short, F(100n)), F(1n, 2n)));
          expect(e.cash.bonusTax?.shortfall).toBe(centsText(expectedShort));
        } else expect(e.cash.bonusTax).toBeUndefined();

        // New shares: floor(n × (bonus + cap) ÷ 10); one more only under CSDC ranking with a fraction.
        const exact = div(mul(n, add(frac(r.bonus), frac(r.cap))), F(10n));
        const whole = Number(floorOf(exact));
        const hasFraction = exact.n % exact.d !== 0n;
        const ranked = r.cls === "A" ? holder !== "northbound" : southbound;
        expect(e.capitalisation.shares).toBe(whole);
        expect(e.capitalisation.maxShares).toBe(whole + (ranked && hasFraction ? 1 : 0));
        expect(e.after.shares).toBe(r.n + whole);
        expect(e.after.lotSize).toBe(r.lot);
        expect(e.after.boardLots).toBe(Math.floor((r.n + whole) / r.lot));
        expect(e.after.oddLot).toBe((r.n + whole) % r.lot);
        for (const note of e.notes) expect(note).not.toMatch(/\{\w+\}|undefined|NaN|null/);
      }),
      // The counterexamples below, always tried first.
      { numRuns: 600, examples: REGRESSIONS.map((r): [typeof r] => [r]) },
    );
  });

  // A counterexample fast-check found (seed 2058344103): the net per share is a whole number of cents while the
  // cash per share never ends. The engine subtracted the tax from the gross, each rounded at 50 digits, and the
  // difference fell a hair below the exact cent, so the truncated net lost a cent. Worked by hand (G2):
  it("regression: an exact net is not truncated a cent short when the cash per share never ends", () => {
    // hRate 0.3, RMB 1.00 per 10, 3 bonus shares per 10 (retained earnings: taxed), 10%, 4 shares.
    //   cash per share = 0.1 ÷ 0.3 = HK$1/3; gross = 4/3 = 1.333… → 1.33
    //   par in HKD = 1 ÷ 0.3 = 10/3; taxed shares 4 × 0.3 = 1.2; tax = 10% × (4/3 + 1.2 × 10/3) = 10% × 16/3 = 8/15
    //   net = 4/3 − 8/15 = 12/15 = 0.80 exactly (not 0.79); withheld = 1.33 − 0.80 = 0.53; no shortfall.
    const small = entitle({
      event: "custom",
      classes: "H",
      class: "H",
      shares: "4",
      holder: "hk-individual",
      cash: "1",
      bonus: "3",
      hRate: "0.3",
    });
    expect([small.cash.gross, small.cash.net, small.cash.withheld, small.cash.bonusTax?.shortfall]).toEqual([
      "1.33",
      "0.80",
      "0.53",
      "0.00",
    ]);
    expect(small.capitalisation.shares).toBe(1); // 4 × 0.3 = 1.2

    // fast-check's own: hRate 0.000014, RMB 4.590554 per 10, 3.97 bonus per 10, 10%, 30,523,887 shares.
    //   cash per share = 0.4590554 ÷ 0.000014 = 2,295,277/70 = HK$32,789.671428…
    //   gross = 30,523,887 × 2,295,277 ÷ 70 = 70,060,775,781,699 ÷ 70 = 1,000,868,225,452.8428… → 1,000,868,225,452.84
    //   net per share = (0.9 × 0.4590554 − 0.1 × 0.397) ÷ 0.000014 = 0.37344986 ÷ 0.000014 = HK$26,674.99 exactly
    //   net = 30,523,887 × 26,674.99 = 814,224,380,486.13; withheld = 1,000,868,225,452.84 − 814,224,380,486.13
    //   = 186,643,844,966.71; new shares 30,523,887 × 0.397 = 12,117,983.139 → 12,117,983.
    const found = REGRESSIONS[1] as (typeof REGRESSIONS)[number];
    const big = entitle({
      event: "custom",
      classes: "H",
      class: "H",
      shares: String(found.n),
      holder: "hk-individual",
      cash: found.cash,
      bonus: found.bonus,
      cap: found.cap,
      hRate: found.hRate,
      hLot: String(found.lot),
    });
    expect([big.cash.gross, big.cash.net, big.cash.withheld, big.cash.bonusTax?.shortfall]).toEqual([
      "1000868225452.84",
      "814224380486.13",
      "186643844966.71",
      "0.00",
    ]);
    expect(big.capitalisation.shares).toBe(12_117_983);
  });
});
