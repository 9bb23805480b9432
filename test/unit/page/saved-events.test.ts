import { describe, expect, it } from "vitest";
import { MAX_SAVED, reviveSaved } from "@/app/[locale]/_components/saved-events";

describe("events saved on the device", () => {
  it("are re-read through the terms codec: canonical terms, the name from the terms", () => {
    const stored = [
      { terms: "name=Mine&classes=H&cash=3.00&hRate=0.90&hLot=500", savedAt: "2026-11-30T10:00:00.000Z" },
      { terms: "classes=A&cash=1.5&bonus=3&cap=4", savedAt: "2026-11-29T10:00:00.000Z" },
    ];
    expect(reviveSaved(JSON.stringify(stored))).toEqual([
      { terms: "name=Mine&classes=H&cash=3&hRate=0.9&hLot=500", name: "Mine", savedAt: "2026-11-30T10:00:00.000Z" },
      { terms: "classes=A&cash=1.5&bonus=3&cap=4", name: undefined, savedAt: "2026-11-29T10:00:00.000Z" },
    ]);
  });
  it("drop what does not read: terms refused by the codec, duplicates, other shapes", () => {
    const stored = [
      { terms: "cash=abc" },
      { terms: "classes=A&cash=1" },
      { terms: "classes=A&cash=1.0" },
      { terms: 42 },
      null,
      "classes=A&cash=2",
      { terms: `classes=A&cash=1&name=${"x".repeat(3000)}` },
    ];
    expect(reviveSaved(JSON.stringify(stored)).map((e) => e.terms)).toEqual(["classes=A&cash=1"]);
    expect(reviveSaved("{not json")).toEqual([]);
    expect(reviveSaved(JSON.stringify({ terms: "classes=A&cash=1" }))).toEqual([]);
    expect(reviveSaved(null)).toEqual([]);
  });
  it(`keep at most ${MAX_SAVED}`, () => {
    const many = Array.from({ length: MAX_SAVED + 5 }, (_, i) => ({ terms: `classes=A&cash=${i + 1}` }));
    expect(reviveSaved(JSON.stringify(many))).toHaveLength(MAX_SAVED);
  });
});
