import { describe, expect, it } from "vitest";
import { entitlementInEnglish as entitlementFromParams } from "@/lib/entitlement/english";
import { type EntitlementErrorCode, ERROR_CODES } from "@/lib/entitlement/errors";
import type { RawParams } from "@/lib/entitlement/request";

const refused = (params: RawParams): { code: string; message: string } => {
  const result = entitlementFromParams(params);
  if (result.ok) throw new Error(`accepted ${JSON.stringify(params)}`);
  return result.error;
};

const CASES: Record<EntitlementErrorCode, RawParams[]> = {
  shares_missing: [{ class: "H" }, { class: "H", shares: "" }, { class: "H", shares: "   " }],
  shares_not_a_number: [
    { class: "H", shares: "abc" },
    { class: "H", shares: "12,34" },
    { class: "H", shares: "0x10" },
    { class: "H", shares: "1 234" },
    { class: "H", shares: "Infinity" },
    { class: "H", shares: "NaN" },
  ],
  shares_not_whole: [
    { class: "H", shares: "12.5" },
    { class: "A", shares: "1,234.00" },
    { class: "H", shares: ".5" },
  ],
  shares_exponent: [
    { class: "H", shares: "1e3" },
    { class: "H", shares: "1E+3" },
    { class: "A", shares: "2.5e2" },
  ],
  shares_not_positive: [
    { class: "H", shares: "0" },
    { class: "H", shares: "-5" },
    { class: "A", shares: "000" },
    { class: "H", shares: "－１０" },
  ],
  shares_above_issued: [
    { class: "H", shares: "125466001" },
    { class: "A", shares: "99999999999999999999999" },
  ],
  price_invalid: [
    { class: "H", shares: "1", price: "ten" },
    { class: "H", shares: "1", price: "-1" },
    { class: "H", shares: "1", price: "1e2" },
  ],
  price_not_above_dividend: [
    { class: "A", shares: "1", price: "0.26" },
    { class: "H", shares: "1", price: "0" },
  ],
  unknown_event: [{ event: "nope", class: "H", shares: "1" }],
  unknown_class: [{ shares: "1" }, { class: "B", shares: "1" }],
  unknown_holder: [{ class: "H", shares: "1", holder: "alien" }],
  holder_wrong_class: [
    { class: "H", shares: "1", holder: "qfii" },
    { class: "A", shares: "1", holder: "hk-individual" },
  ],
  unknown_parameter: [{ class: "H", shares: "1", share: "2" }],
  repeated_parameter: [{ class: "H", shares: ["1", "2"] }],
  bought_date_invalid: [],
  term_invalid: [
    { event: "custom", class: "A", shares: "1", classes: "A", cash: "two" },
    { event: "custom", class: "A", shares: "1", classes: "A", cash: "1", aLot: "0" },
    { event: "custom", class: "H", shares: "1", classes: "H", cash: "1", hRate: "0.9", hCash: "1.1" },
    { event: "custom", class: "A", shares: "1", classes: "A", cash: "1", hLot: "200" },
    { event: "custom", class: "A", shares: "1", cash: "1", cashCurrency: "HKD" },
    { event: "custom", class: "A", shares: "1", classes: "A", cap: "1", name: "x".repeat(81) },
    { event: "custom", class: "A", shares: "1", classes: "A", cap: "1", aRecord: "2023-02-30" },
  ],
  terms_empty: [
    { event: "custom", class: "A", shares: "1" },
    { event: "custom", class: "A", shares: "1", cash: "0", bonus: "0.0" },
  ],
  h_rate_missing: [
    { event: "custom", class: "H", shares: "1", cash: "2.6" },
    { event: "custom", class: "H", shares: "1", classes: "H", bonus: "3" },
  ],
  dates_out_of_order: [
    { event: "custom", class: "A", shares: "1", classes: "A", cap: "1", aRecord: "2024-07-11", aEx: "2024-07-11" },
    { event: "custom", class: "H", shares: "1", classes: "H", cap: "1", hLodge: "2024-06-28", hCloseFrom: "2024-06-28" },
  ],
};

describe("every error code has a test and a message a shareholder understands", () => {
  it("covers every code", () => {
    expect(Object.keys(CASES).sort()).toEqual([...ERROR_CODES].sort());
  });
  for (const [code, inputs] of Object.entries(CASES)) {
    for (const input of inputs) {
      it(`${code}: ${JSON.stringify(input)}`, () => {
        const error = refused(input);
        expect(error.code).toBe(code);
        expect(error.message.length).toBeGreaterThan(10);
        expect(error.message).not.toMatch(/undefined|NaN|\[object/);
      });
    }
  }
});

describe("forgiving where a person would be", () => {
  for (const text of ["1,234", " 1234 ", "１２３４", "１，２３４", "\t1234\n"]) {
    it(`reads ${JSON.stringify(text)} as 1234`, () => {
      const r = entitlementFromParams({ class: "H", shares: text });
      expect(r.ok && r.value.entitlement.shares).toBe(1234);
    });
  }
  it("accepts a lower-case class and the whole class in issue", () => {
    const r = entitlementFromParams({ class: "h", shares: "125,466,000" });
    expect(r.ok && r.value.entitlement.shares).toBe(125_466_000);
  });
});
