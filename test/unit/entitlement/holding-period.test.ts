import { describe, expect, it } from "vitest";
import { bandOnSale, holdingBands } from "@/lib/entitlement/holding-period";

describe("A-share individual holding bands (财税〔2015〕101号)", () => {
  it("bought 2023-03-15: 20% to 2023-04-15, 10% to 2024-03-15, then none", () => {
    const r = holdingBands("2023-03-15");
    expect(r.ok && r.value).toEqual({ upTo1MonthUntil: "2023-04-15", upTo1YearUntil: "2024-03-15" });
    if (!r.ok) return;
    expect(bandOnSale(r.value, "2023-04-15")).toBe("up-to-1-month");
    expect(bandOnSale(r.value, "2023-04-16")).toBe("1-month-to-1-year");
    expect(bandOnSale(r.value, "2024-03-15")).toBe("1-month-to-1-year");
    expect(bandOnSale(r.value, "2024-03-16")).toBe("over-1-year");
  });
  it("month ends clamp (31 Jan → 28 Feb) and leap days roll to 28 Feb a year on", () => {
    const jan = holdingBands("2023-01-31");
    expect(jan.ok && jan.value.upTo1MonthUntil).toBe("2023-02-28");
    const leap = holdingBands("2024-02-29");
    expect(leap.ok && leap.value.upTo1YearUntil).toBe("2025-02-28");
  });
  for (const bad of ["", "2023-02-30", "15/03/2023", "2023-13-01", "yesterday"]) {
    it(`refuses ${JSON.stringify(bad)} with bought_date_invalid`, () => {
      const r = holdingBands(bad);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error.code).toBe("bought_date_invalid");
    });
  }
});
