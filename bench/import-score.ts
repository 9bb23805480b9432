/** Scores the importer against the fixtures: shared by `npm run bench:import` and the unit test. */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { extractTerms, type ImportResult, type TermName } from "../lib/import/index";
import { sameNumber } from "../lib/import/numbers";

export const FIXTURES_DIR = fileURLToPath(new URL("../test/fixtures/announcements/", import.meta.url));

export interface Fixture {
  file: string;
  language: string;
  source: { issuer: string; date: string; what: string; url: string | null };
  expected: Partial<Record<TermName, string>>;
}

/** The manifest's fixtures, or another manifest's (a held-out batch kept apart: `batchN-pending.json`). */
export function loadFixtures(manifest = `${FIXTURES_DIR}fixtures.json`): Fixture[] {
  return (JSON.parse(readFileSync(manifest, "utf8")) as { fixtures: Fixture[] }).fixtures;
}

const NUMERIC = new Set(["cash", "hCash", "hRate", "bonus", "cap", "hLot", "aLot"]);

/** `name` is free text (what to call the event): shown, never scored. */
export const SCORED = (term: string) => term !== "name";

export function valueMatches(term: string, got: string, want: string): boolean {
  return NUMERIC.has(term) ? sameNumber(got, want) : got === want;
}

export interface Score {
  given: number;
  right: number;
  stated: number;
  wrong: { term: string; got: string; want: string | undefined }[];
}

export function score(fixture: Fixture, result: ImportResult): Score {
  const s: Score = { given: 0, right: 0, stated: Object.keys(fixture.expected).filter(SCORED).length, wrong: [] };
  for (const [term, field] of Object.entries(result.fields)) {
    if (!SCORED(term) || !field) continue;
    s.given++;
    const want = fixture.expected[term as TermName];
    if (want !== undefined && valueMatches(term, field.value, want)) s.right++;
    else s.wrong.push({ term, got: field.value, want });
  }
  return s;
}

export function readFixtureText(fixture: Fixture): string {
  return readFileSync(`${FIXTURES_DIR}${fixture.file}`, "utf8");
}

export { extractTerms };
