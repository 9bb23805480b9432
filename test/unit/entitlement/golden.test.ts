import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { runEntitlementCli } from "@/scripts/entitlement-cli";

/**
 * The CLI's answers for JL MAG captured from the release-1 code (commit f117cf0) before the event model
 * was generalised: the generalised engine must answer the same bytes.
 */
interface Golden {
  argv: string[];
  code: number;
  stdout: string;
}
const GOLDEN: Golden[] = JSON.parse(readFileSync("test/fixtures/jlmag-golden.json", "utf8"));

describe("JL MAG answers byte for byte as release 1", () => {
  it("has the captured samples", () => {
    expect(GOLDEN.length).toBeGreaterThan(40);
  });
  for (const g of GOLDEN) {
    it(g.argv.join(" "), () => {
      const run = runEntitlementCli(g.argv);
      expect(run.code).toBe(g.code);
      expect(run.stdout).toBe(g.stdout);
    });
  }
});
