import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { loadFixtures, readFixtureText, score } from "@/bench/import-score";
import { extractTerms, TERM_ORDER } from "@/lib/import";

const textFixtures = loadFixtures().filter((f) => f.file.endsWith(".txt"));

describe("real announcements (test/fixtures/announcements)", () => {
  it("are at least 20, in English, 繁體 and 简体, each with its public source", () => {
    const all = loadFixtures();
    expect(all.length).toBeGreaterThanOrEqual(20);
    expect(new Set(all.map((f) => f.language))).toEqual(new Set(["en", "zh-Hant", "zh-Hans"]));
    for (const f of all) {
      expect(f.source.issuer.length, f.file).toBeGreaterThan(3);
      expect(f.source.what.length, f.file).toBeGreaterThan(3);
      expect(Object.keys(f.expected).length, f.file).toBeGreaterThan(0);
    }
    expect(all.some((f) => f.file.endsWith(".pdf"))).toBe(true);
  });

  it.each(textFixtures.map((f) => [f.file, f] as const))("%s imports with no wrong value", (_name, fixture) => {
    const result = extractTerms(readFixtureText(fixture));
    const s = score(fixture, result);
    expect(s.wrong).toEqual([]);
  });

  it.each(textFixtures.map((f) => [f.file, f] as const))(
    "%s: every quote is an exact substring holding its value's source",
    (_name, fixture) => {
      const text = readFixtureText(fixture);
      const result = extractTerms(text);
      for (const [term, field] of Object.entries(result.fields)) {
        expect(field?.quote.length, term).toBeGreaterThan(0);
        expect(text.includes(field?.quote ?? "\u0000"), `${term}: ${field?.quote}`).toBe(true);
      }
      // missing + fields = every term, once
      expect([...Object.keys(result.fields), ...result.missing].sort()).toEqual([...TERM_ORDER].sort());
    },
  );
});

describe("line endings and line breaks", () => {
  const values = (text: string, withName = true) =>
    Object.fromEntries(
      Object.entries(extractTerms(text).fields)
        .filter(([k]) => withName || k !== "name")
        .map(([k, f]) => [k, f?.value]),
    );
  it.each(textFixtures.map((f) => [f.file, f] as const))("%s reads the same with CRLF, and with its lines joined", (_name, fixture) => {
    const text = readFixtureText(fixture);
    expect(values(text.replace(/\n/g, "\r\n"))).toEqual(values(text));
    // Copied from a PDF viewer or a web page, the same text may arrive as one line.
    expect(values(text.replace(/[ \t]*\n[ \t]*/g, " "), false)).toEqual(values(text, false));
  });
});

describe("the seed announcement (JL MAG, HKEX 2023-06-22)", () => {
  const seed = readFileSync(new URL("../../fixtures/announcements/jlmag-2023-hkex-en.txt", import.meta.url), "utf8");
  const result = extractTerms(seed);
  const values = Object.fromEntries(Object.entries(result.fields).map(([k, f]) => [k, f?.value]));

  it("gives JL MAG's H terms and dates (domain.md §1.3, lib/events/jlmag-2022-final.ts)", () => {
    expect(values).toMatchObject({
      classes: "H",
      cash: "2.6",
      cashCurrency: "RMB",
      hCash: "2.847798",
      hRate: "0.912986",
      cap: "6",
      agm: "2023-06-21",
      hCloseFrom: "2023-06-28",
      hCloseTo: "2023-07-03",
      hRecord: "2023-07-03",
      hPay: "2023-08-21",
      hLodge: "2023-06-27T16:30+08:00",
    });
    // Not in the announcement: derived or stated elsewhere, so missing, never guessed.
    for (const t of ["bonus", "hLot", "hEx", "hLastCum", "aRecord", "aEx", "aPay"] as const) expect(result.missing).toContain(t);
    // The warrants posted on 23 August are not the payment date.
    expect(values.hPay).not.toBe("2023-08-23");
  });

  it("builds the §3.4 query string in canonical order, hCash preferred to hRate", () => {
    const q = new URLSearchParams(result.terms);
    expect([...q.keys()]).toEqual([
      "name",
      "classes",
      "cash",
      "cashCurrency",
      "hCash",
      "cap",
      "agm",
      "hCloseFrom",
      "hCloseTo",
      "hRecord",
      "hPay",
      "hLodge",
    ]);
    expect(q.get("hLodge")).toBe("2023-06-27T16:30+08:00");
    expect(q.has("hRate")).toBe(false);
  });

  it("quotes the sentence behind the HKD amount", () => {
    expect(result.fields.hCash?.quote).toContain("The Final Dividend for every 10 H Shares of the Company is");
    expect(result.fields.hLodge?.quote).toContain("on or before 4:30 p.m. on Tuesday, June 27, 2023");
  });
});
