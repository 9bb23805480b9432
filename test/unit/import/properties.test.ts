import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { loadFixtures, readFixtureText } from "@/bench/import-score";
import { extractTerms, TERM_ORDER } from "@/lib/import";

const texts = loadFixtures()
  .filter((f) => f.file.endsWith(".txt"))
  .map(readFixtureText);
// Pieces of real announcements: sentences cut, shuffled and glued to noise make plausible hostile input.
const pieces = texts.flatMap((t) => t.split(/(?<=[。.;；\n])/)).filter((p) => p.trim().length > 0);

const FORMATS: Record<string, RegExp> = {
  classes: /^(A|H|A,H)$/,
  cashCurrency: /^(RMB|HKD)$/,
  hLodge: /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}\+08:00)?$/,
};
const DECIMAL = /^\d+(\.\d+)?$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

function checkResult(text: string) {
  const r = extractTerms(text);
  for (const [term, field] of Object.entries(r.fields)) {
    if (!field) continue;
    expect(text.includes(field.quote), `${term} quote not in text`).toBe(true);
    expect(field.quote.length).toBeGreaterThan(0);
    const format =
      FORMATS[term] ?? (["cash", "hCash", "hRate", "bonus", "cap", "hLot", "aLot"].includes(term) ? DECIMAL : term === "name" ? /./ : DATE);
    expect(field.value, term).toMatch(format);
    if (DATE.test(field.value)) expect(Number.isNaN(Date.parse(`${field.value}T00:00:00Z`))).toBe(false);
  }
  expect([...Object.keys(r.fields), ...r.missing].sort()).toEqual([...TERM_ORDER].sort());
  const q = new URLSearchParams(r.terms);
  for (const [k, v] of q) expect(r.fields[k as keyof typeof r.fields]?.value).toBe(v);
}

describe("any text (fast-check)", () => {
  it("never throws; every value is well formed and quoted from the text", () => {
    const piece = fc.constantFrom(...pieces);
    const noise = fc.string({ unit: "binary", maxLength: 40 });
    fc.assert(
      fc.property(fc.array(fc.oneof(piece, piece, noise), { maxLength: 12 }), (parts) => checkResult(parts.join(""))),
      { numRuns: 300 },
    );
  });
});
