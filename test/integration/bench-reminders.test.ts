import { describe, expect, it } from "vitest";
import { runScript } from "../support/run-script";

// Quick runs of the reminder benchmark and drills, so the scripts cannot rot. Only correctness is asserted
// (nothing lost, duplicates only from deliveries in flight at a kill); the figures are measured by the full
// runs and recorded in BENCHMARKS.md.

describe("reminder benchmark scripts (quick)", () => {
  it("bench:fanout delivers every reminder once through the real pipeline and measures the baseline", async () => {
    const run = await runScript("bench:fanout", ["--subscribers", "300", "--baseline-sample", "300"]);
    expect(run.code, run.output).toBe(0);
    expect(run.last, run.output).toMatchObject({ bench: "fanout", subscribers: 300, lost: 0, duplicates: 0, badPayloads: 0 });
    expect(run.last.ratio).toBeGreaterThan(0);
    expect((run.last.baseline as { lost: number }).lost).toBe(0);
  }, 180_000);

  it("drill:crash loses nothing, and sends twice only what was in flight at a kill", async () => {
    // Small fan-out pages, so that the first kill can fall while the fan-out is still enqueueing.
    // Two sends in flight, so that 300 messages take long enough for both kills to fall while the worker works.
    const run = await runScript("drill:crash", ["--subscribers", "300", "--kills", "2", "--page-size", "10", "--concurrency", "2"]);
    expect(run.code, run.output).toBe(0);
    expect(run.last, run.output).toMatchObject({ bench: "drill-crash", subscribers: 300, lost: 0, duplicatesNotInFlight: 0 });
    expect(run.last.kills).toBeGreaterThanOrEqual(1);
    expect(run.last.duplicates).toBeLessThanOrEqual(run.last.duplicatesBound as number);
  }, 180_000);

  it("drill:redis-restart loses nothing when Redis restarts mid-fan-out", async () => {
    // A crash (SIGKILL, the default): the last second of writes may be lost (appendfsync everysec) and the hash
    // is reseeded, so the fan-out must scan again; nothing may be lost.
    const run = await runScript("drill:redis-restart", ["--subscribers", "300", "--page-size", "10", "--down-ms", "1000"]);
    expect(run.code, run.output).toBe(0);
    expect(run.last, run.output).toMatchObject({ bench: "drill-redis-restart", subscribers: 300, restarts: 1 });
    expect(run.last.lost, run.output).toBe(0);
  }, 180_000);

  it("bench:fanout --cluster delivers every reminder once through the pipeline on a Redis Cluster", async () => {
    const run = await runScript("bench:fanout", ["--subscribers", "300", "--baseline-sample", "300", "--cluster"]);
    expect(run.code, run.output).toBe(0);
    expect(run.last, run.output).toMatchObject({
      bench: "fanout",
      redis: "cluster",
      eventShards: 16,
      subscribers: 300,
      lost: 0,
      duplicates: 0,
      badPayloads: 0,
      failedJobs: 0,
    });
    expect(run.last.ratio).toBeGreaterThan(0);
  }, 180_000);

  it("drill:cluster-failover loses nothing when the deliver queue's master dies mid-fan-out", async () => {
    // Small fan-out pages and two sends at once, so that the kill falls while the fan-out is still enqueueing.
    const run = await runScript("drill:cluster-failover", ["--subscribers", "300", "--page-size", "10", "--concurrency", "2"]);
    expect(run.code, run.output).toBe(0);
    expect(run.last, run.output).toMatchObject({ bench: "drill-cluster-failover", subscribers: 300, kills: 1, workerRestarts: 0 });
    expect(run.last.lost, run.output).toBe(0);
    expect(run.last.duplicates, run.output).toBeLessThanOrEqual(run.last.duplicatesBound as number);
  }, 180_000);
});
