import { describe, expect, it } from "vitest";
import { entitlementInEnglish } from "@/lib/entitlement/english";
import type { RawParams } from "@/lib/entitlement/request";
import { entitle } from "./helpers";

// Typed-in events (DESIGN §3.4). Expected figures are worked from the rules in domain-generic.md G1–G7 and its
// §1.4 tables (issuer figures and per-holding examples), not copied from the output.

const JLMAG_TERMS = { event: "custom", cash: "2.60", hCash: "2.847798", cap: "6", hLot: "200" };

describe("a typed-in event reproduces JL MAG's figures", () => {
  const samples: RawParams[] = [
    { class: "H", shares: "1234", holder: "hk-individual" },
    { class: "H", shares: "1", holder: "southbound-individual" },
    { class: "H", shares: "200", holder: "non-resident-enterprise", price: "10.00" },
    { class: "A", shares: "1234", holder: "prc-individual" },
    { class: "A", shares: "99", holder: "northbound", price: "35.5" },
    { class: "A", shares: "100", holder: "qfii" },
  ];
  for (const s of samples) {
    it(JSON.stringify(s), () => {
      const catalog = entitle(s);
      const custom = entitle({ ...s, ...JLMAG_TERMS });
      expect(custom.event).toBe("custom");
      expect(custom.cash).toEqual(catalog.cash);
      expect(custom.exPrice).toEqual(catalog.exPrice);
      expect(custom.after).toEqual(catalog.after);
      // The catalog knows the class totals; a typed-in event does not, which only matters for the whole class.
      expect(custom.capitalisation).toEqual(catalog.capitalisation);
      expect(custom.notes[0]).toMatch(/^Estimate: every term of this event was typed in/);
    });
  }
});

describe("bonus shares out of profits are taxed on their par value (G2)", () => {
  const A_8_3 = { event: "custom", classes: "A", cash: "3", bonus: "8" };

  it("QFII worked example 10送8派3: 1,000 shares → gross 300.00, withheld 110.00, net 190.00", () => {
    const e = entitle({ ...A_8_3, class: "A", shares: "1000", holder: "qfii" });
    expect(e.cash).toMatchObject({ currency: "RMB", gross: "300.00", withheld: "110.00", net: "190.00" });
    expect(e.cash.bonusTax).toMatchObject({ parValue: "1", taxedShares: "800", taxExact: "110", shortfall: "0.00" });
    expect(e.capitalisation).toMatchObject({ ratio: "8:10", shares: 800, maxShares: 800 });
    expect(e.capitalisation.legs).toEqual([{ kind: "bonus", per10: "8", exact: "800", taxed: true }]);
  });

  it("10送8派3, 1,234 A shares, 10%: base 1,357.40 → withheld 135.74 → net 234.46; 987 or 988 new shares", () => {
    const e = entitle({ ...A_8_3, class: "A", shares: "1234", holder: "qfii" });
    expect(e.cash).toMatchObject({ gross: "370.20", withheld: "135.74", net: "234.46" });
    expect(e.capitalisation).toMatchObject({ exact: "987.2", shares: 987, maxShares: 988 });
  });

  it("A individuals: nothing withheld; on sale 20% / 10% of cash + par: 220.00 / 110.00 (莱斯达 2.2 and 1.1 per 10)", () => {
    const e = entitle({ ...A_8_3, class: "A", shares: "1000" });
    expect(e.cash).toMatchObject({ withheld: "0.00", net: "300.00" });
    expect(e.cash.laterTax.map((b) => b.tax)).toEqual(["220.00", "110.00", "0.00"]);
    expect(e.notes.some((n) => n.includes("par value of the bonus shares (RMB 1.00 each)"))).toBe(true);
  });

  it("Southbound 20%, RMB 0.20 + 3 per 10 (Goldwind-like): 1,000 → 100.00; 2,345 → 234.50, 703 or 704 new", () => {
    const terms = { event: "custom", classes: "H", cash: "2", bonus: "3", hRate: "0.8" };
    expect(entitle({ ...terms, class: "H", shares: "1000", holder: "southbound-individual" }).cash).toMatchObject({
      currency: "RMB",
      gross: "200.00",
      withheld: "100.00",
      net: "100.00",
    });
    const e = entitle({ ...terms, class: "H", shares: "2345", holder: "southbound-individual" });
    expect(e.cash).toMatchObject({ gross: "469.00", withheld: "234.50", net: "234.50" });
    expect(e.capitalisation).toMatchObject({ exact: "703.5", shares: 703, maxShares: 704, fractionTreatment: "csdc-ranking" });
  });

  it("H in HKD at a rate: RMB 0.20 + 3 per 10 at HK$1 = RMB 0.8 → HK$0.25 a share, par HK$1.25; 10% on 1,000 → 250.00 − 62.50", () => {
    const e = entitle({ event: "custom", classes: "H", cash: "2", bonus: "3", hRate: "0.8", class: "H", shares: "1000" });
    // 10% × (0.25 + 0.3 × 1.25) = 0.0625 a share: the RMB net 150.00 of domain-generic §1.4 at 0.8.
    expect(e.cash).toMatchObject({
      currency: "HKD",
      perShare: "0.25",
      gross: "250.00",
      withheld: "62.50",
      net: "187.50",
      rmbGross: "200.00",
    });
    expect(e.cash.bonusTax).toMatchObject({ parPerShare: "1.25", taxExact: "62.5" });
    expect(e.after).toEqual({ shares: 1300, maxShares: 1300, lotSize: null, boardLots: null, oddLot: null });
    expect(e.notes.some((n) => n.includes("board lot was not given"))).toBe(true);
  });

  it("Weichai-like (RMB 0.25 + 10 per 10), Southbound 20%: the tax takes all the cash: net 0.00, nothing short", () => {
    const e = entitle({
      event: "custom",
      classes: "H",
      cash: "2.5",
      bonus: "10",
      hRate: "0.9",
      class: "H",
      shares: "1000",
      holder: "southbound-fund",
    });
    expect(e.cash).toMatchObject({ gross: "250.00", withheld: "250.00", net: "0.00" });
    expect(e.cash.bonusTax?.shortfall).toBe("0.00");
  });

  it("tax above the cash (BoCom-like RMB 0.02 + 1 per 10, 20%): net floored at 0, shortfall 4.00 as an estimate", () => {
    const e = entitle({
      event: "custom",
      classes: "H",
      cash: "0.2",
      bonus: "1",
      hRate: "0.9",
      class: "H",
      shares: "1000",
      holder: "southbound-individual",
    });
    expect(e.cash).toMatchObject({ gross: "20.00", withheld: "20.00", net: "0.00" });
    expect(e.cash.bonusTax).toMatchObject({ taxExact: "24", shortfall: "4.00" });
    expect(e.notes).toContain(
      "Estimate: the tax on the cash and the bonus shares is more than the cash, so no cash is paid and RMB 4.00 remains due; who collects it, and when, is not confirmed.",
    );
  });

  it("enterprises that declare themselves: nothing withheld, the bonus-share tax is theirs to declare", () => {
    const e = entitle({
      event: "custom",
      classes: "H",
      cash: "2",
      bonus: "3",
      hRate: "0.8",
      class: "H",
      shares: "1000",
      holder: "southbound-enterprise",
    });
    expect(e.cash).toMatchObject({ withheld: "0.00", net: "200.00" });
  });
});

describe("an A-only 送3转4 event", () => {
  const terms = { event: "custom", classes: "A", bonus: "3", cap: "4" };
  it("1,234 shares: 863.8 new → 863 or 864; the bonus leg taxed, the capitalisation not", () => {
    const e = entitle({ ...terms, class: "A", shares: "1234" });
    expect(e.capitalisation).toMatchObject({ ratio: "7:10", exact: "863.8", shares: 863, maxShares: 864 });
    expect(e.capitalisation.legs).toEqual([
      { kind: "bonus", per10: "3", exact: "370.2", taxed: true },
      { kind: "capitalisation", per10: "4", exact: "493.6", taxed: false },
    ]);
    // Individuals pay on sale 20% / 10% of the par of 370.2 bonus shares: 74.04 / 37.02.
    expect(e.cash.laterTax.map((b) => b.tax)).toEqual(["74.04", "37.02", "0.00"]);
    expect(e.after).toMatchObject({ shares: 2097, maxShares: 2098, lotSize: 100, boardLots: 20, oddLot: 97 });
  });
  it("QFII with no cash: the 10% on par (37.02) is all shortfall", () => {
    const e = entitle({ ...terms, class: "A", shares: "1234", holder: "qfii" });
    expect(e.cash).toMatchObject({ gross: "0.00", withheld: "0.00", net: "0.00" });
    expect(e.cash.bonusTax?.shortfall).toBe("37.02");
  });
  it("Northbound: the floor (G5)", () => {
    const e = entitle({ ...terms, class: "A", shares: "1234", holder: "northbound" });
    expect(e.capitalisation).toMatchObject({ shares: 863, maxShares: 863, fractionTreatment: "floor" });
  });
});

describe("ex-price (G7) in the class's currency", () => {
  it("A 10送8派3 at RMB 10.00: (10 − 0.30) ÷ 1.8 = 5.3888… → 5.39", () => {
    const ex = entitle({ event: "custom", classes: "A", cash: "3", bonus: "8", class: "A", shares: "1", price: "10.00" }).exPrice;
    expect(ex?.shown).toBe("5.39");
    expect(ex?.exact.startsWith("5.38888888")).toBe(true);
  });
  it("H at HK$10.00 with RMB 0.20 at 0.8 and 3 per 10: (10 − 0.25) ÷ 1.3 = 7.5", () => {
    const ex = entitle({
      event: "custom",
      classes: "H",
      cash: "2",
      bonus: "3",
      hRate: "0.8",
      class: "H",
      shares: "1",
      price: "10",
    }).exPrice;
    expect(ex).toEqual({ currency: "HKD", cumPrice: "10.00", exact: "7.5", shown: "7.500" });
  });
});

describe("H cash declared in HKD", () => {
  it("paid as declared; Southbound without a rate stays in HKD and says why", () => {
    const terms = { event: "custom", classes: "H", cash: "3", cashCurrency: "HKD", cap: "2", hLot: "500" };
    const e = entitle({ ...terms, class: "H", shares: "1000" });
    expect(e.cash).toMatchObject({ currency: "HKD", perShare: "0.3", gross: "300.00", net: "270.00", rmbGross: null });
    const sb = entitle({ ...terms, class: "H", shares: "1000", holder: "southbound-individual" });
    expect(sb.cash).toMatchObject({ currency: "HKD", net: "240.00" });
    expect(sb.notes.some((n) => n.includes("no rate was given"))).toBe(true);
  });
});

describe("custom requests are checked like any other", () => {
  const refused = (params: RawParams) => {
    const r = entitlementInEnglish(params);
    if (r.ok) throw new Error("accepted");
    return r.error;
  };
  it("a class the event lacks is unknown_class; a term with a catalog event is unknown_parameter", () => {
    expect(refused({ event: "custom", classes: "A", cap: "1", class: "H", shares: "1" }).code).toBe("unknown_class");
    expect(refused({ class: "H", shares: "1", cash: "2" }).code).toBe("unknown_parameter");
  });
  it("the first term issue is the answer, with the term named", () => {
    expect(refused({ event: "custom", class: "A", shares: "1", classes: "A", cash: "x" })).toMatchObject({
      code: "term_invalid",
      term: "cash",
    });
  });
  it("without an issued count, a holding is only bounded by what any company could have", () => {
    expect(refused({ event: "custom", classes: "A", cap: "1", class: "A", shares: "1000000000001" }).code).toBe("shares_above_issued");
    expect(entitle({ event: "custom", classes: "A", cap: "1", class: "A", shares: "999999999999" }).capitalisation.shares).toBe(
      99_999_999_999,
    );
  });
});

describe("each figure's status, for the badge on that figure (issue 9 item 3)", () => {
  const detail = (params: RawParams) => {
    const r = entitlementInEnglish(params);
    if (!r.ok) throw new Error("refused");
    return r.value.figureStatus;
  };
  it("JL MAG H: the published per-share rate is confirmed, the rounded amounts and the fraction are estimates", () => {
    const s = detail({ class: "H", shares: "1234" });
    expect(s.perShare?.status).toBe("confirmed");
    expect(s.amounts?.status).toBe("unconfirmed");
    expect(s.fraction?.status).toBe("unconfirmed");
    expect(s.lot?.status).toBe("secondary");
  });
  it("JL MAG A individual: nothing withheld, Shenzhen truncation from a custodian guide (secondary)", () => {
    const s = detail({ class: "A", shares: "1234" });
    expect(s.perShare?.status).toBe("confirmed");
    expect(s.amounts?.status).toBe("secondary");
    expect(s.fraction?.status).toBe("secondary");
  });
  it("Southbound: the RMB amount is an estimate for this issuer; CSDC's ranking is secondary", () => {
    const s = detail({ class: "H", shares: "1234", holder: "southbound-enterprise" });
    expect(s.perShare?.status).toBe("unconfirmed");
    expect(s.fraction?.status).toBe("secondary");
  });
  it("a typed-in event without a lot has no lot status", () => {
    expect(detail({ event: "custom", classes: "H", cap: "1", class: "H", shares: "10" }).lot).toBeNull();
  });
});
