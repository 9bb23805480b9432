/**
 * When a fan-out starts (docs/reminders.md, "On time"): early enough for its subscribers at the fleet's measured
 * rate, with 25% head room, never more than 5% of the lead before the due time, and not at all when it needs
 * less than a second.
 */
import { describe, expect, it } from "vitest";
import { DEFAULT_RATE_PER_S, earlyStartMs, maxEarlyMs } from "@/lib/reminders/pipeline/early";

describe("maxEarlyMs: 5% of the lead", () => {
  it("is 6 minutes for the 2-hour reminder, 72 minutes for the 1-day one and 8.4 hours for the 7-day one", () => {
    expect(maxEarlyMs("PT2H")).toBe(6 * 60_000);
    expect(maxEarlyMs("P1D")).toBe(72 * 60_000);
    expect(maxEarlyMs("P7D")).toBe(8.4 * 3600_000);
  });
});

describe("earlyStartMs", () => {
  it("needs subscribers ÷ rate, plus a quarter: 20,000 at 400/s is 50 s, so 62.5 s early", () => {
    expect(earlyStartMs(20_000, 400, "PT2H")).toBe(62_500);
  });

  it("never starts more than 5% of the lead before the due time: 1,000,000 at 400/s would need 52 minutes", () => {
    expect(earlyStartMs(1_000_000, 400, "PT2H")).toBe(6 * 60_000);
    // The 1-day reminder has 72 minutes of room: the same fan-out fits in it.
    expect(earlyStartMs(1_000_000, 400, "P1D")).toBe(3_125_000);
  });

  it("starts a small fan-out at its due time (it needs less than a second)", () => {
    expect(earlyStartMs(3, 400, "PT2H")).toBe(0);
    expect(earlyStartMs(319, 400, "PT2H")).toBe(0); // 319 ÷ 400 × 1.25 = 997 ms
    expect(earlyStartMs(321, 400, "PT2H")).toBe(1004); // 321 ÷ 400 × 1.25 = 1003.1 ms, rounded up
  });

  it("assumes the default rate until one was measured, or when the stored one is unusable", () => {
    const expected = Math.ceil((10_000 / DEFAULT_RATE_PER_S) * 1000 * 1.25);
    expect(earlyStartMs(10_000, undefined, "PT2H")).toBe(expected);
    expect(earlyStartMs(10_000, 0, "PT2H")).toBe(expected);
    expect(earlyStartMs(10_000, Number.NaN, "PT2H")).toBe(expected);
  });
});
