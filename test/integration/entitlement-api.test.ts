import { describe, expect, inject, it } from "vitest";
import { runEntitlementCli } from "../support/cli";

const base = () => inject("webUrl");

const SAMPLES: Record<string, string>[] = [
  { class: "H", shares: "1234", holder: "hk-individual" },
  { class: "H", shares: "1", holder: "overseas-individual", price: "10.00" },
  { class: "H", shares: "125466000", holder: "southbound-fund" },
  { class: "H", shares: "150", holder: "southbound-enterprise" },
  { class: "A", shares: "1234" },
  { class: "A", shares: "713621782", holder: "prc-enterprise" },
  { class: "A", shares: "99", holder: "northbound", price: "35.5" },
  { class: "A", shares: "1,000", holder: "qfii" },
];

const query = (p: Record<string, string>) => new URLSearchParams(p).toString();
const cliArgs = (p: Record<string, string>) => Object.entries(p).flatMap(([k, v]) => [`--${k}`, v]);

describe("GET /api/v1/entitlement and the CLI agree byte for byte", () => {
  for (const sample of SAMPLES) {
    it(JSON.stringify(sample), async () => {
      const [res, cli] = await Promise.all([fetch(`${base()}/api/v1/entitlement?${query(sample)}`), runEntitlementCli(cliArgs(sample))]);
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toContain("application/json");
      expect(cli.code).toBe(0);
      const body = await res.text();
      expect(`${body}\n`).toBe(cli.stdout);
    });
  }

  it("refuses bad input the same way: 400 and exit 2 with the same error JSON", async () => {
    const bads: Record<string, string>[] = [
      { class: "H", shares: "12.5" },
      { class: "A", shares: "0" },
      { class: "X", shares: "1" },
      { class: "H", shares: "1", holder: "qfii" },
    ];
    for (const bad of bads) {
      const [res, cli] = await Promise.all([fetch(`${base()}/api/v1/entitlement?${query(bad)}`), runEntitlementCli(cliArgs(bad))]);
      expect(res.status).toBe(400);
      expect(cli.code).toBe(2);
      expect(`${await res.text()}\n`).toBe(cli.stdout);
    }
  });
});

describe("the API never answers 5xx", () => {
  const hostile = [
    "",
    "?",
    "?shares=%FF%FE",
    "?class=H&shares=%00",
    "?class=H&shares=1&shares=2",
    "?class[]=H&shares=1",
    `?class=H&shares=${"9".repeat(5000)}`,
    "?class=H&shares=1&price=1e309",
    "?class=H&shares=%E2%80%AE1234",
    "?event=__proto__&class=H&shares=1",
    "?class=constructor&shares=1",
    "?class=H&shares=1&holder=toString",
    "?class=H&shares=1&holder=__proto__",
  ];
  for (const q of hostile) {
    it(`GET ${q.slice(0, 60)}`, async () => {
      const res = await fetch(`${base()}/api/v1/entitlement${q}`);
      expect(res.status).toBe(400);
      const body = (await res.json()) as { error: { code: string; message: string } };
      expect(typeof body.error.code).toBe("string");
      expect(body.error.message.length).toBeGreaterThan(0);
    });
  }
});

describe("the CLI", () => {
  it("--help explains the options and exits 0", async () => {
    const run = await runEntitlementCli(["--help"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("--shares");
    expect(run.stdout).toContain("hk-individual");
  });
  it("an unknown option is exit 2 with the error JSON", async () => {
    const run = await runEntitlementCli(["--class", "H", "--shrs", "1"]);
    expect(run.code).toBe(2);
    expect(JSON.parse(run.stdout).error.code).toBe("unknown_parameter");
  });
  it("defaults: event jlmag-2022-final, holder hk-individual for H and prc-individual for A", async () => {
    const h = JSON.parse((await runEntitlementCli(["--class", "H", "--shares", "10"])).stdout);
    const a = JSON.parse((await runEntitlementCli(["--class", "A", "--shares", "10"])).stdout);
    expect([h.event, h.holder, a.holder]).toEqual(["jlmag-2022-final", "hk-individual", "prc-individual"]);
  });
});
