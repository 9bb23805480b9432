import { describe, expect, it } from "vitest";
import { runScript } from "../support/run-script";

// Quick runs of the benchmark and fuzz scripts, so they cannot rot. No timing is asserted here: figures
// are measured by `npm run bench:*` and recorded in BENCHMARKS.md.

describe("benchmark scripts (quick)", () => {
  it("fuzz: every answer is 2xx or a 4xx with the error JSON", async () => {
    const run = await runScript("fuzz", ["--runs", "300", "--seed", "20230627"]);
    expect(run.code, run.output).toBe(0);
    expect(run.last).toMatchObject({ bench: "fuzz", inputs: 300, fiveXX: 0, failures: 0 });
  }, 240_000);

  it("bench:web: first-load JS ratio, Lighthouse scores and API load figures", async () => {
    const run = await runScript("bench:web", ["--quick"]);
    expect(run.code, run.output).toBe(0);
    expect(run.last).toMatchObject({ bench: "web", quick: true });
    expect(run.last.ratio).toBeGreaterThan(0);
    expect(Object.keys(run.last.lighthouse as object).sort()).toEqual(["accessibility", "best-practices", "performance", "seo"]);
    expect((run.last.entitlement as { failures: number }).failures).toBe(0);
  }, 300_000);
});
