import { describe, expect, inject, it } from "vitest";
import { termFlag } from "@/lib/events/terms";
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
  // Typed-in events (DESIGN §3.4): JL MAG's terms, an H-only event with a rate and bonus shares, A-only 送3转4.
  { event: "custom", class: "H", shares: "1234", cash: "2.60", hCash: "2.847798", cap: "6", hLot: "200", hLodge: "2023-06-27" },
  { event: "custom", class: "A", shares: "1234", holder: "northbound", cash: "2.60", hCash: "2.847798", cap: "6", price: "35.5" },
  { event: "custom", class: "H", shares: "2345", holder: "southbound-individual", classes: "H", cash: "2", bonus: "3", hRate: "0.8" },
  {
    event: "custom",
    class: "H",
    shares: "1000",
    classes: "H",
    cash: "0.2",
    bonus: "1",
    hRate: "0.9",
    price: "1.5",
    name: "H only, 送1派0.2",
  },
  {
    event: "custom",
    class: "A",
    shares: "1234",
    holder: "qfii",
    classes: "A",
    bonus: "3",
    cap: "4",
    aRecord: "2024-07-11",
    aEx: "2024-07-12",
  },
  { event: "custom", class: "A", shares: "1000", holder: "qfii", classes: "A", cash: "3", bonus: "8" },
];

const query = (p: Record<string, string>) => new URLSearchParams(p).toString();
const cliArgs = (p: Record<string, string>) => Object.entries(p).flatMap(([k, v]) => [`--${termFlag(k)}`, v]);

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
      { event: "custom", class: "A", shares: "1", classes: "A", cash: "two" },
      { event: "custom", class: "A", shares: "1" },
      { event: "custom", class: "H", shares: "1", cash: "2.6" },
      { event: "custom", class: "A", shares: "1", classes: "A", cap: "1", aRecord: "2024-07-11", aEx: "2024-07-10" },
      { class: "H", shares: "1", cash: "2.6" },
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
    "?event=custom&class=H&shares=1&cash=1e9&hRate=1",
    `?event=custom&class=A&shares=1&classes=A&cap=1&name=${"%E2%80%AE".repeat(100)}`,
    "?event=custom&class=H&shares=1&cap=1&hLodge=2023-02-30T16:30%2B08:00",
    "?event=custom&class=A&shares=1&classes=A&cap=1&cap=2",
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

describe("the catalog and the event schema", () => {
  it("GET /api/v1/events lists each event with its classes and its milestones' dates and roles", async () => {
    const res = await fetch(`${base()}/api/v1/events`);
    expect(res.status).toBe(200);
    const { events } = (await res.json()) as {
      events: { id: string; classes: { class: string }[]; milestones: { id: string; role: string; at: string }[] }[];
    };
    const jlmag = events.find((e) => e.id === "jlmag-2022-final");
    expect(jlmag?.classes.map((c) => c.class)).toEqual(["H", "A"]);
    expect(jlmag?.milestones.find((m) => m.id === "h-lodgement-deadline")).toMatchObject({
      role: "lodgement",
      at: "2023-06-27T16:30:00+08:00",
    });
    expect(jlmag?.milestones.filter((m) => m.role === "record").length).toBe(2);
  });
  it("GET /api/v1/schema/event.json is a JSON Schema of the event model", async () => {
    const res = await fetch(`${base()}/api/v1/schema/event.json`);
    expect(res.status).toBe(200);
    const schema = (await res.json()) as { $schema: string; properties: Record<string, unknown>; required: string[] };
    expect(schema.$schema).toContain("json-schema.org");
    expect(Object.keys(schema.properties)).toEqual(expect.arrayContaining(["cash", "bonus", "capitalisation", "classes", "milestones"]));
  });
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
