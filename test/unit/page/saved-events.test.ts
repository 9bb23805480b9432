import { describe, expect, it } from "vitest";
import { MAX_SAVED, reviveSaved } from "@/app/[locale]/_components/saved-events";

describe("events saved on the device", () => {
  it("are the links they were saved as, with the name their terms give", () => {
    const stored = [
      { terms: "name=Mine&classes=H&cash=3&hRate=0.9&hLot=500", savedAt: "2026-11-30T10:00:00.000Z" },
      { terms: "?classes=A&cash=1.5&bonus=3&cap=4", savedAt: "2026-11-29T10:00:00.000Z" },
      { terms: "name=%E9%87%91%E5%8A%9B&cash=1&hCash=1.1" },
    ];
    expect(reviveSaved(JSON.stringify(stored))).toEqual([
      { terms: "name=Mine&classes=H&cash=3&hRate=0.9&hLot=500", name: "Mine", savedAt: "2026-11-30T10:00:00.000Z" },
      { terms: "classes=A&cash=1.5&bonus=3&cap=4", name: undefined, savedAt: "2026-11-29T10:00:00.000Z" },
      { terms: "name=%E9%87%91%E5%8A%9B&cash=1&hCash=1.1", name: "金力", savedAt: "" },
    ]);
  });
  it("drop what is not a saved link: other shapes, duplicates, white space or fragments, very long terms", () => {
    const stored = [
      { terms: "classes=A&cash=1" },
      { terms: "classes=A&cash=1" },
      { terms: "" },
      { terms: 42 },
      null,
      "classes=A&cash=2",
      { terms: "classes=A&cash=1#x" },
      { terms: "classes=A cash=1" },
      { terms: `classes=A&cash=1&name=${"x".repeat(3000)}` },
    ];
    expect(reviveSaved(JSON.stringify(stored)).map((e) => e.terms)).toEqual(["classes=A&cash=1"]);
    expect(reviveSaved("{not json")).toEqual([]);
    expect(reviveSaved(JSON.stringify({ terms: "classes=A&cash=1" }))).toEqual([]);
    expect(reviveSaved(null)).toEqual([]);
  });
  it("a name is cut to 80 characters", () => {
    const [saved] = reviveSaved(JSON.stringify([{ terms: `name=${"金".repeat(100)}&cash=1` }]));
    expect(saved?.name).toBe("金".repeat(80));
  });
  it(`keep at most ${MAX_SAVED}`, () => {
    const many = Array.from({ length: MAX_SAVED + 5 }, (_, i) => ({ terms: `classes=A&cash=${i + 1}` }));
    expect(reviveSaved(JSON.stringify(many))).toHaveLength(MAX_SAVED);
  });
});
