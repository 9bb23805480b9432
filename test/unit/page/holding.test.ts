import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ROUTE_HOLDER, ROUTES_BY_CLASS } from "@/app/[locale]/_components/holding";
import { DEFAULT_INPUTS, revive } from "@/app/[locale]/_components/use-saved-inputs";
import { HOLDER_TAX } from "@/lib/entitlement/holders";
import { listEvents } from "@/lib/events/catalog";
import { findMilestone } from "@/lib/events/roles";
import { HOLDING_ROUTES } from "@/lib/schedule/choices";

describe("saved inputs: one holding per class", () => {
  it("keeps each class's holding, route, tax type and price apart", () => {
    const stored = {
      shareClass: "A",
      H: { shares: "3,000", route: "own-name", holder: "hk-individual", price: "" },
      A: { shares: "500", route: "stock-connect", holder: "northbound", price: "30" },
      bought: "",
    };
    const inputs = revive(JSON.stringify(stored));
    expect(inputs.shareClass).toBe("A");
    expect(inputs.H).toEqual(stored.H);
    expect(inputs.A).toEqual(stored.A);
  });
  it("a release-1 record gives its one holding to the class it was typed for only", () => {
    const v1 = { shareClass: "A", shares: "1234", holderH: "southbound-fund", holderA: "qfii", price: "12.3", bought: "2023-03-15" };
    const inputs = revive(null, JSON.stringify(v1));
    expect(inputs.A).toMatchObject({ shares: "1234", price: "12.3", holder: "qfii", route: "broker" });
    expect(inputs.H).toMatchObject({ shares: "", price: "", holder: "southbound-fund", route: "stock-connect" });
    expect(inputs.bought).toBe("2023-03-15");
  });
  it("drops what no longer makes sense: a holder of the other class, an unknown route, junk", () => {
    const inputs = revive(JSON.stringify({ shareClass: "H", H: { holder: "northbound", route: "carrier-pigeon", shares: 5 } }));
    expect(inputs.H).toEqual(DEFAULT_INPUTS.H);
    expect(revive("{not json")).toEqual(DEFAULT_INPUTS);
    // A shares have no certificate route.
    expect(revive(JSON.stringify({ A: { route: "own-name" } })).A.route).toBe("broker");
  });
});

describe("routes", () => {
  it("each route's usual tax type belongs to its class", () => {
    for (const cls of ["H", "A"] as const)
      for (const route of ROUTES_BY_CLASS[cls]) expect(HOLDER_TAX[ROUTE_HOLDER[cls][route] ?? "qfii"].class, `${cls} ${route}`).toBe(cls);
  });
});

describe("findMilestone (lib/events/roles.ts: the one lookup the page and the reminders share)", () => {
  const event = () => {
    const e = listEvents()[0];
    if (!e) throw new Error("empty catalog");
    return e;
  };
  it("finds the announcement's dates by role: lodgement 27 June 16:30, H payment on or about 21 August", () => {
    expect(findMilestone(event(), "lodgement", "H")?.at).toBe("2023-06-27T16:30:00+08:00");
    expect(findMilestone(event(), "payment", "H")?.at.slice(0, 10)).toBe("2023-08-21");
    expect(findMilestone(event(), "payment", "A")?.at.slice(0, 10)).toBe("2023-07-12");
    expect(findMilestone(event(), "lodgement", "A")).toBeUndefined();
    // The approval is for both classes.
    expect(findMilestone(event(), "approval", "A")?.class).toBeNull();
  });
  it("reads the role, never the id", () => {
    const renamed = { milestones: event().milestones.map((m) => ({ ...m, id: `x-${m.id}` })) };
    expect(findMilestone(renamed, "southbound-last-buy", "H")?.at.slice(0, 10)).toBe("2023-06-21");
    const noRoles = { milestones: event().milestones.map((m) => ({ ...m, role: "approval" as const })) };
    expect(findMilestone(noRoles, "lodgement", "H")).toBeUndefined();
  });
  it("routes are the shared ones", () => {
    expect([...new Set(Object.values(ROUTES_BY_CLASS).flat())].sort()).toEqual([...HOLDING_ROUTES].sort());
  });
  it("the page imports the lookup from lib/events, not the reminder schedule", () => {
    const results = readFileSync("app/[locale]/_components/results.tsx", "utf8");
    expect(results).toContain('from "@/lib/events/roles"');
    expect(results).not.toMatch(/lib\/schedule\/choices"/);
  });
});
