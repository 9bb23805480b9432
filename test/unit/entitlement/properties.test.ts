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
