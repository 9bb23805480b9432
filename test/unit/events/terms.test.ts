import { createHash } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CUSTOM_EVENT_ID, customEvent, customEventFromQuery } from "@/lib/events/custom";
import { eventSchema } from "@/lib/events/schema";
import { sha256Hex } from "@/lib/events/sha256";
import {
  checkTerm,
  parseTermsQuery,
  printTerms,
  readTerms,
  TERM_NAMES,
  TERM_REASONS,
  type Terms,
  termFieldIssues,
  termFlag,
  termOfFlag,
  termsHash,
  termsToFlags,
} from "@/lib/events/terms";

const ok = (query: string): Terms => {
  const r = parseTermsQuery(query);
  if (!r.ok) throw new Error(`refused ${query}: ${JSON.stringify(r.issues)}`);
  return r.terms;
};
const firstIssue = (query: string) => {
  const r = parseTermsQuery(query);
  if (r.ok) throw new Error(`accepted ${query}`);
  return r.issues[0];
};

// Days as offsets from a start, so generated dates always come in the order the codec requires.
const dayAt = (start: number, offset: number) => new Date(Date.UTC(2020, 0, 1) + (start + offset) * 86_400_000).toISOString().slice(0, 10);
const decimalText = (maxInt: number, maxDec: number) =>
  fc
    .tuple(fc.integer({ min: 0, max: maxInt }), fc.integer({ min: 0, max: 10 ** maxDec - 1 }))
    .map(([i, f]) => {
      const frac = String(f).padStart(maxDec, "0").replace(/0+$/, "");
      return frac ? `${i}.${frac}` : String(i);
    })
    .filter((s) => s !== "0");
const plainName = fc
  .string({ minLength: 1, maxLength: 80 })
  .map((s) =>
    s
      // biome-ignore lint/suspicious/noControlCharactersInRegex: names must not hold control characters
      .replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069<>]/g, "")
      .trim()
      .replace(/\s+/g, " "),
  )
  .filter((s) => s !== "" && [...s].length <= 80 && s === s.normalize("NFC"));

/** Valid canonical terms: every rule of the codec respected by construction. */
const termsArb: fc.Arbitrary<Terms> = fc
  .record({
    name: fc.option(plainName, { nil: undefined }),
    classes: fc.constantFrom<Terms["classes"]>(["A"], ["H"], ["A", "H"]),
    hkd: fc.boolean(),
    cash: fc.option(decimalText(99, 6), { nil: undefined }),
    hCash: decimalText(99, 6),
    hRate: decimalText(2, 6),
    useRate: fc.boolean(),
    bonus: fc.option(decimalText(20, 2), { nil: undefined }),
    cap: fc.option(decimalText(20, 2), { nil: undefined }),
    hLot: fc.option(fc.integer({ min: 1, max: 1_000_000 }), { nil: undefined }),
    aLot: fc.option(
      fc.integer({ min: 1, max: 1_000_000 }).filter((n) => n !== 100),
      { nil: undefined },
    ),
    start: fc.integer({ min: 0, max: 3000 }),
    dates: fc.array(fc.boolean(), { minLength: 11, maxLength: 11 }),
    lodgeMinutes: fc.integer({ min: 0, max: 24 * 60 - 1 }),
  })
  .map((r) => {
    const hasH = r.classes.includes("H");
    const hasA = r.classes.includes("A");
    const t: Terms = { classes: r.classes, cashCurrency: hasH && !hasA && r.hkd ? "HKD" : "RMB" };
    if (r.name !== undefined) t.name = r.name;
    t.cash = r.cash ?? (r.bonus === undefined && r.cap === undefined ? "1.5" : undefined);
    if (t.cash === undefined) delete t.cash;
    if (hasH) {
      const needsRate = (t.cashCurrency === "RMB" && t.cash !== undefined) || r.bonus !== undefined;
      if (t.cashCurrency === "RMB" && t.cash !== undefined && !r.useRate) t.hCash = r.hCash;
      else if (needsRate || r.useRate) t.hRate = r.hRate;
      if (r.hLot !== undefined) t.hLot = r.hLot;
    }
    if (r.bonus !== undefined) t.bonus = r.bonus;
    if (r.cap !== undefined) t.cap = r.cap;
    if (hasA && r.aLot !== undefined) t.aLot = r.aLot;
    const [agm, hLastCum, hEx, hLodge, hCloseFrom, hRecord, hCloseTo, hPay, aRecord, aEx, aPay] = r.dates;
    const d = (offset: number) => dayAt(r.start, offset);
    if (agm) t.agm = d(0);
    if (hasH) {
      if (hLastCum) t.hLastCum = d(2);
      if (hEx) t.hEx = d(3);
      if (hLodge) {
        const hh = String(Math.floor(r.lodgeMinutes / 60)).padStart(2, "0");
        const mm = String(r.lodgeMinutes % 60).padStart(2, "0");
        t.hLodge = `${d(4)}T${hh}:${mm}:00+08:00`;
      }
      if (hCloseFrom) t.hCloseFrom = d(5);
      if (hRecord) t.hRecord = d(8);
      if (hCloseTo) t.hCloseTo = d(9);
      if (hPay) t.hPay = d(40);
    }
    if (hasA) {
      if (aRecord) t.aRecord = d(15);
      if (aEx) t.aEx = d(16);
      if (aPay) t.aPay = d(16);
    }
    return t;
  });

describe("the terms codec round-trips", () => {
  it("parse(print(terms)) gives the same terms, and printing again gives the same bytes", () => {
    fc.assert(
      fc.property(termsArb, (t) => {
        const printed = printTerms(t);
        const back = parseTermsQuery(printed);
        expect(back.ok, `${printed} ${back.ok ? "" : JSON.stringify(back.issues)}`).toBe(true);
        if (!back.ok) return;
        expect(back.terms).toEqual(t);
        expect(printTerms(back.terms)).toBe(printed);
        expect(termsHash(back.terms)).toBe(termsHash(t));
      }),
      { numRuns: 500 },
    );
  });

  it("CLI flags carry the same terms (kebab case)", () => {
    fc.assert(
      fc.property(termsArb, (t) => {
        const flags = termsToFlags(t);
        const raw: Record<string, string> = {};
        for (let i = 0; i < flags.length; i += 2) {
          const name = termOfFlag((flags[i] as string).slice(2));
          expect(name).toBeDefined();
          raw[name as string] = flags[i + 1] as string;
        }
        const back = readTerms(raw);
        expect(back.ok && back.terms).toEqual(t);
      }),
      { numRuns: 200 },
    );
  });

  it("every typed-in event built from valid terms is valid against the event schema", () => {
    fc.assert(
      fc.property(termsArb, (t) => {
        const event = customEvent(t);
        const parsed = eventSchema.safeParse(event);
        expect(parsed.success, parsed.success ? "" : parsed.error.message).toBe(true);
        expect(event.id).toBe(CUSTOM_EVENT_ID);
        // Typed dates are the holder's (unconfirmed); the dates they imply are derived, or unconfirmed where the rule is.
        for (const m of event.milestones) {
          if (m.source === "typed in by the holder") expect(m.status).toBe("unconfirmed");
          else expect(m.source).toMatch(/^Worked out from /);
        }
      }),
      { numRuns: 200 },
    );
  });

  it("equivalent spellings print the same canonical string and hash", () => {
    const a = ok("cash=2.600&hCash=02.847798&cap=6.0&hLot=200&classes=H,A&cashCurrency=rmb&aLot=100&hLodge=2023-06-27");
    const b = ok("hLodge=2023-06-27T08%3A30Z&cap=6&hLot=200&hCash=2.847798&cash=2.6");
    expect(printTerms(a)).toBe("cash=2.6&hCash=2.847798&cap=6&hLot=200&hLodge=2023-06-27T16:30:00%2B08:00");
    expect(printTerms(b)).toBe(printTerms(a));
    expect(termsHash(a)).toBe(termsHash(b));
    expect(termsHash(a)).toMatch(/^[0-9a-f]{64}$/);
    expect(termsHash(ok("cash=2.6&hCash=2.847798&cap=7"))).not.toBe(termsHash(a));
  });

  it("names keep their text, collapse spaces, and survive the query string", () => {
    const t = ok(`name=${encodeURIComponent("  金力永磁 2022 & co = 100%  ")}&cash=1&classes=A`);
    expect(t.name).toBe("金力永磁 2022 & co = 100%");
    expect(ok(printTerms(t))).toEqual(t);
  });

  it("flags are the terms in kebab case", () => {
    expect(termFlag("hCash")).toBe("h-cash");
    expect(termFlag("cashCurrency")).toBe("cash-currency");
    expect(termFlag("hLastCum")).toBe("h-last-cum");
    expect(TERM_NAMES.map((n) => termOfFlag(termFlag(n)))).toEqual([...TERM_NAMES]);
  });
});

describe("the terms codec refuses what it cannot read, naming the term", () => {
  const cases: [string, string, string][] = [
    ["cash=2,60&classes=A", "term_invalid", "cash"],
    ["cash=-1&classes=A", "term_invalid", "cash"],
    ["cash=1.123456789&classes=A", "term_invalid", "cash"],
    ["cash=1&hRate=0&classes=H", "term_invalid", "hRate"],
    ["cash=1&classes=A&aLot=1.5", "term_invalid", "aLot"],
    ["cash=1&classes=B", "term_invalid", "classes"],
    ["cash=1&classes=A,A", "term_invalid", "classes"],
    ["cash=1&classes=A&cashCurrency=USD", "term_invalid", "cashCurrency"],
    ["cash=1&cashCurrency=HKD", "term_invalid", "cashCurrency"],
    ["cash=1&classes=H&cashCurrency=HKD&hCash=1", "term_invalid", "hCash"],
    ["cash=1&classes=H&hCash=1&hRate=0.9", "term_invalid", "hRate"],
    ["cash=1&classes=A&hPay=2024-01-01", "term_invalid", "hPay"],
    ["cash=1&classes=A&aRecord=2024-13-01", "term_invalid", "aRecord"],
    ["cash=1&classes=A&aRecord=1989-12-31", "term_invalid", "aRecord"],
    ["cash=1&classes=H&hRate=1&hLodge=2024-06-27T25:00%2B08:00", "term_invalid", "hLodge"],
    ["cash=1&classes=H&hRate=1&hLodge=2024-06-27T16:30", "term_invalid", "hLodge"],
    [`cash=1&classes=A&name=${"x".repeat(81)}`, "term_invalid", "name"],
    ["cash=1&classes=A&name=%3Cb%3E", "term_invalid", "name"],
    ["cash=1&classes=A&name=a%E2%80%AEb", "term_invalid", "name"],
    ["classes=A", "terms_empty", "cash"],
    ["cash=0&bonus=0&cap=0.00", "terms_empty", "cash"],
    ["cash=2.6", "h_rate_missing", "hRate"],
    ["bonus=3&classes=H", "h_rate_missing", "hRate"],
    ["bonus=3&classes=H&cashCurrency=HKD&cash=1", "h_rate_missing", "hRate"],
    ["cap=6&classes=A&aRecord=2024-07-11&aEx=2024-07-11", "dates_out_of_order", "aEx"],
    ["cap=6&classes=H&hLodge=2024-06-28&hCloseFrom=2024-06-28", "dates_out_of_order", "hCloseFrom"],
    ["cap=6&agm=2024-06-30&aRecord=2024-06-29", "dates_out_of_order", "aRecord"],
    ["cap=6&classes=H&hRecord=2024-07-03&hCloseTo=2024-07-02", "dates_out_of_order", "hCloseTo"],
  ];
  for (const [query, code, term] of cases) {
    it(`${query.slice(0, 70)} → ${code} (${term})`, () => {
      const issue = firstIssue(query);
      expect(issue?.code).toBe(code);
      expect(issue?.term).toBe(term);
      expect(issue?.message.startsWith(term)).toBe(true);
      expect(issue?.message).not.toMatch(/undefined|\{\w+\}/);
      expect(TERM_REASONS).toContain(issue?.reason);
    });
  }

  it("a term given twice is refused", () => {
    expect(firstIssue("cash=1&cash=2&classes=A")).toMatchObject({ code: "term_invalid", term: "cash", reason: "repeated" });
  });
});

describe("per-field checks for a form", () => {
  it("each field alone: canonical value or a reason code", () => {
    expect(checkTerm("cash", " ２.60 ")).toEqual({ ok: true, value: "2.6" });
    expect(checkTerm("hLot", "1,000")).toEqual({ ok: true, value: 1000 });
    expect(checkTerm("hLodge", "2023-06-27")).toEqual({ ok: true, value: "2023-06-27T16:30:00+08:00" });
    expect(checkTerm("hLodge", "2023-06-27T10:30+02:00")).toEqual({ ok: true, value: "2023-06-27T16:30:00+08:00" });
    expect(ok("cap=1&hLodge=2023-06-27T16:30+08:00").hLodge).toBe("2023-06-27T16:30:00+08:00");
    expect(checkTerm("cash", "")).toEqual({ ok: true, value: undefined });
    expect(checkTerm("cash", "abc")).toMatchObject({ ok: false, reason: "not_a_number" });
    expect(checkTerm("aRecord", "2023-02-29")).toMatchObject({ ok: false, reason: "not_a_date" });
    expect(checkTerm("bonus", "1.1234567")).toMatchObject({ ok: false, reason: "too_many_decimals", params: { max: "6" } });
  });
  it("issues land on the field they name, cross-field ones included", () => {
    expect(Object.keys(termFieldIssues({ cash: "x", hLot: "0" })).sort()).toEqual(["cash", "hLot"]);
    expect(termFieldIssues({ cash: "2.6" }).hRate?.code).toBe("h_rate_missing");
    expect(termFieldIssues({ cap: "1", classes: "A", aRecord: "2024-01-02", aEx: "2024-01-01" }).aEx?.params).toEqual({
      other: "aRecord",
      otherDate: "2024-01-02",
    });
    expect(termFieldIssues({ cap: "1", classes: "A" })).toEqual({});
  });
});

describe("sha256Hex", () => {
  it("agrees with node:crypto", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300, unit: "binary" }), (s) => {
        expect(sha256Hex(s)).toBe(createHash("sha256").update(s, "utf8").digest("hex"));
      }),
      { numRuns: 300 },
    );
    expect(sha256Hex("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  });
});

describe("a typed-in event", () => {
  it("dates become milestones with roles, typed-in status, and HKT times", () => {
    const e = customEvent(
      ok(
        "cash=2.6&hCash=2.847798&cap=6&agm=2023-06-21&hLodge=2023-06-27&hCloseFrom=2023-06-28&hCloseTo=2023-07-03&hRecord=2023-07-03&aRecord=2023-07-11&aEx=2023-07-12&aPay=2023-07-12",
      ),
    );
    const byId = Object.fromEntries(e.milestones.map((m) => [m.id, m]));
    expect(byId["h-lodgement-deadline"]).toMatchObject({ role: "lodgement", class: "H", at: "2023-06-27T16:30:00+08:00", dayOnly: false });
    expect(byId["h-book-closure-end"]).toMatchObject({ role: "closure-end", class: "H", at: "2023-07-03T09:00:00+08:00" });
    expect(byId["agm-approval"]).toMatchObject({ role: "approval", class: null, remindable: false });
    expect(byId["a-ex-date"]?.title["zh-Hans"]).toBe("A股除权除息日");
    const derived = ["h-ex-date", "h-last-cum-date", "h-southbound-last-buy"];
    expect(
      e.milestones.filter((m) => !derived.includes(m.id)).every((m) => m.status === "unconfirmed" && m.source === "typed in by the holder"),
    ).toBe(true);
    // The dates the typed ones imply (derived-dates.test.ts works each one out from the calendars).
    expect(e.milestones.filter((m) => derived.includes(m.id)).map((m) => [m.id, m.at.slice(0, 10), m.status])).toEqual([
      ["h-southbound-last-buy", "2023-06-21", "derived"],
      ["h-last-cum-date", "2023-06-23", "derived"],
      ["h-ex-date", "2023-06-26", "derived"],
    ]);
    expect(e.cash?.per10).toEqual({ value: "2.6", status: "unconfirmed", source: "typed in by the holder" });
    expect(e.capitalisation?.fundedFrom).toMatchObject({ value: "share-premium", status: "unconfirmed" });
  });
});

describe("customEventFromQuery", () => {
  it("gives the event, the canonical terms and their hash, or the issues", () => {
    const r = customEventFromQuery("?event=custom&cap=6.0&classes=A&locale=en");
    expect(r.ok && r.canonical).toBe("classes=A&cap=6");
    expect(r.ok && r.hash).toBe(sha256Hex("classes=A&cap=6"));
    expect(r.ok && r.event.capitalisation?.per10.value).toBe("6");
    const bad = customEventFromQuery("classes=A");
    expect(!bad.ok && bad.issues[0]?.code).toBe("terms_empty");
  });
});
