import { describe, expect, it } from "vitest";
import { entitle } from "./helpers";

// Every row of domain.md §8 "Worked examples", copied from the document, not computed here.
const H_ROWS = [
  // n, HKD exact, HKD truncated, cap, fraction, post, lots, odd, net@10% exact, RMB gross (n × 0.26)
  [1, "0.2847798", "0.28", 0, "0.6", 1, 0, 1, "0.25630182", "0.26"],
  [5, "1.423899", "1.42", 3, "0", 8, 0, 8, "1.2815091", "1.30"],
  [150, "42.716970", "42.71", 90, "0", 240, 1, 40, "38.445273", "39.00"],
  [200, "56.955960", "56.95", 120, "0", 320, 1, 120, "51.260364", "52.00"],
  [1000, "284.7798", "284.77", 600, "0", 1600, 8, 0, "256.30182", "260.00"],
  [1234, "351.4182732", "351.41", 740, "0.4", 1974, 9, 174, "316.27644588", "320.84"],
  [125_466_000, "35730182.3868", "35730182.38", 75_279_600, "0", 200_745_600, 1_003_728, 0, "32157164.14812", "32621160.00"],
] as const;

const trunc2 = (s: string) => {
  const [i, f = ""] = s.split(".");
  return `${i}.${(`${f}00`).slice(0, 2)}`;
};

describe("H shares: domain.md §8.1", () => {
  for (const [n, exact, gross, cap, fraction, post, lots, odd, net10, rmbGross] of H_ROWS) {
    it(`${n} H shares`, () => {
      const e = entitle({ class: "H", shares: String(n) });
      expect(Number(e.cash.grossExact)).toBe(Number(exact)); // same decimal, written without trailing zeros
      expect(e.cash.grossExact).toBe(exact.replace(/0+$/, "").replace(/\.$/, ""));
      expect(e.cash.gross).toBe(gross);
      expect(e.capitalisation.shares).toBe(cap);
      expect(e.capitalisation.maxShares).toBe(cap);
      expect(e.capitalisation.fraction).toBe(fraction);
      expect(e.after).toMatchObject({ shares: post, maxShares: post, lotSize: 200, boardLots: lots, oddLot: odd });
      // 10%: net is the exact net truncated to the cent; withheld makes up the gross.
      expect(e.cash.net).toBe(trunc2(net10));
      expect((Number(e.cash.net) * 100 + Number(e.cash.withheld) * 100) / 100).toBeCloseTo(Number(gross), 10);
      // G4: Southbound holders are paid the declared RMB amount through CSDC, 20% withheld, truncated to the fen.
      const south = entitle({ class: "H", shares: String(n), holder: "southbound-individual" });
      expect(south.cash).toMatchObject({ currency: "RMB", perShare: "0.26", gross: rmbGross, withholdingRate: "0.2", paidThrough: "CSDC" });
      const rmbCents = BigInt(rmbGross.replace(".", ""));
      expect(BigInt(south.cash.net.replace(".", ""))).toBe((rmbCents * 8n) / 10n);
    });
  }

  it("reproduces DESIGN.md's JSON for 1,234 H shares (hk-individual)", () => {
    const e = entitle({ class: "H", shares: "1234", holder: "hk-individual" });
    expect({ ...e, notes: [] }).toEqual({
      event: "jlmag-2022-final",
      class: "H",
      holder: "hk-individual",
      shares: 1234,
      cash: {
        currency: "HKD",
        perShare: "0.2847798",
        grossExact: "351.4182732",
        gross: "351.41",
        withholdingRate: "0.1",
        withheld: "35.14",
        net: "316.27",
        rmbGross: "320.84",
        laterTax: [],
      },
      capitalisation: { ratio: "6:10", exact: "740.4", shares: 740, maxShares: 740, fraction: "0.4", fractionTreatment: "not-allotted" },
      after: { shares: 1974, maxShares: 1974, lotSize: 200, boardLots: 9, oddLot: 174 },
      exPrice: null,
      notes: [],
    });
  });

  it("holders of k full lots keep an odd lot of (120·k) mod 200 (domain.md §8.1)", () => {
    const expected = [120, 40, 160, 80, 0];
    expected.forEach((odd, i) => {
      expect(entitle({ class: "H", shares: String(200 * (i + 1)) }).after.oddLot).toBe(odd);
    });
  });
});

describe("A shares: domain.md §8.2", () => {
  it("100 A shares: RMB 26.00, 10% → 23.40, later tax 5.20 / 2.60 / 0, 160 shares = 1 lot + 60", () => {
    const e = entitle({ class: "A", shares: "100", holder: "qfii" });
    expect(e.cash).toMatchObject({ currency: "RMB", gross: "26.00", withheld: "2.60", net: "23.40" });
    expect(e.capitalisation).toMatchObject({ exact: "60", shares: 60, maxShares: 60, fraction: "0" });
    expect(e.after).toMatchObject({ shares: 160, maxShares: 160, boardLots: 1, oddLot: 60 });
    const ind = entitle({ class: "A", shares: "100" });
    expect(ind.holder).toBe("prc-individual");
    expect(ind.cash.withheld).toBe("0.00");
    expect(ind.cash.laterTax.map((t) => t.tax)).toEqual(["5.20", "2.60", "0.00"]);
  });

  it("1,234 A shares: RMB 320.84; 10% net truncated 288.75; 740 or 741 new; 1,974 or 1,975 after", () => {
    const e = entitle({ class: "A", shares: "1234", holder: "qfii" });
    expect(e.cash).toMatchObject({ grossExact: "320.84", gross: "320.84", net: "288.75", withheld: "32.09" });
    expect(e.capitalisation).toMatchObject({
      exact: "740.4",
      shares: 740,
      maxShares: 741,
      fraction: "0.4",
      fractionTreatment: "csdc-ranking",
    });
    expect(e.after).toMatchObject({ shares: 1974, maxShares: 1975, lotSize: 100, boardLots: 19, oddLot: 74 });
    // G5: Northbound holders are shown the floor (HKSCC's split of fractions is unconfirmed).
    const north = entitle({ class: "A", shares: "1234", holder: "northbound" });
    expect(north.cash).toMatchObject({ net: "288.75", withheld: "32.09" });
    expect(north.capitalisation).toMatchObject({ shares: 740, maxShares: 740, fractionTreatment: "floor" });
    expect(north.after).toMatchObject({ shares: 1974, maxShares: 1974 });
    const ind = entitle({ class: "A", shares: "1234" });
    // 64.168 → 64.17 and 32.084 → 32.08, half-up to the fen.
    expect(ind.cash.laterTax).toEqual([
      { heldFor: "up-to-1-month", rate: "0.2", tax: "64.17" },
      { heldFor: "1-month-to-1-year", rate: "0.1", tax: "32.08" },
      { heldFor: "over-1-year", rate: "0", tax: "0.00" },
    ]);
  });
});

describe("issuer totals: domain.md Decision 8", () => {
  it("A: RMB 185,541,663.32 cash and 428,173,069 new shares (exact 428,173,069.2) on 713,621,782 shares", () => {
    const a = entitle({ class: "A", shares: "713621782", holder: "prc-enterprise" });
    expect(a.cash.gross).toBe("185541663.32");
    expect(a.capitalisation.exact).toBe("428173069.2");
    expect(a.capitalisation.shares).toBe(428_173_069);
    // Issue 9 item 4: the whole class can never receive more than was issued, even under CSDC ranking.
    expect(a.capitalisation.maxShares).toBe(428_173_069);
    expect(entitle({ class: "A", shares: "713621782" }).capitalisation.maxShares).toBe(428_173_069);
  });

  it("H: 75,279,600 new shares on 125,466,000; 1,342,540,451 shares in issue afterwards", () => {
    const h = entitle({ class: "H", shares: "125466000" });
    const a = entitle({ class: "A", shares: "713621782" });
    expect(h.capitalisation.shares).toBe(75_279_600);
    expect(h.after.shares + a.after.shares).toBe(1_342_540_451);
  });

  it("H cash: RMB 32,621,160.00 = HK$35,730,182.39 rounded, 35,730,182.38 truncated (domain.md §8.3)", () => {
    const h = entitle({ class: "H", shares: "125466000" });
    expect(h.cash.rmbGross).toBe("32621160.00");
    expect(h.cash.gross).toBe("35730182.38");
  });
});

describe("theoretical ex-price: domain.md Decision 6 and §4.3", () => {
  it("A at RMB 10.00: (10.00 − 0.26) / 1.6 = 6.0875 → 6.09", () => {
    expect(entitle({ class: "A", shares: "100", price: "10.00" }).exPrice).toEqual({
      currency: "RMB",
      cumPrice: "10.00",
      exact: "6.0875",
      shown: "6.09",
    });
  });
  it("H at HK$10.00: (10.00 − 0.2847798) / 1.6 = 6.0720126… → 6.072", () => {
    const ex = entitle({ class: "H", shares: "100", price: "10.00" }).exPrice;
    expect(ex?.exact.startsWith("6.0720126")).toBe(true);
    expect(ex?.shown).toBe("6.072");
  });
});
