import { describe, expect, it } from "vitest";
import { milestoneFor, ROUTE_HOLDER, ROUTES_BY_CLASS } from "@/app/[locale]/_components/holding";
import { DEFAULT_INPUTS, revive } from "@/app/[locale]/_components/use-saved-inputs";
import { HOLDER_TAX } from "@/lib/entitlement/holders";
import { listEvents } from "@/lib/events/catalog";
import { findMilestone, HOLDING_ROUTES, type MilestoneRole } from "@/lib/schedule/choices";

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

describe("milestoneFor (the page's copy of findMilestone, kept out of lib/schedule for the first-load budget)", () => {
  const roles: MilestoneRole[] = [
    "approval",
    "last-cum",
    "ex",
    "lodgement",
    "closure-start",
    "closure-end",
    "record",
    "payment",
    "warrants-posted",
    "southbound-last-buy",
  ];
  it("gives the same milestone as findMilestone for every role, class and catalog event", () => {
    let found = 0;
    for (const event of listEvents())
      for (const role of roles)
        for (const cls of ["H", "A"] as const) {
          const ours = milestoneFor(event, role, cls);
          expect(ours?.id, `${event.id} ${role} ${cls}`).toBe(findMilestone(event, role, cls)?.id);
          if (ours) found++;
        }
    expect(found).toBeGreaterThan(5);
  });
  it("finds the announcement's dates by role: lodgement 27 June 16:30, H payment on or about 21 August", () => {
    const event = listEvents()[0];
    if (!event) throw new Error("empty catalog");
    expect(milestoneFor(event, "lodgement", "H")?.at).toBe("2023-06-27T16:30:00+08:00");
    expect(milestoneFor(event, "payment", "H")?.at.slice(0, 10)).toBe("2023-08-21");
    expect(milestoneFor(event, "lodgement", "A")).toBeUndefined();
  });
  it("routes are the shared ones", () => {
    expect([...new Set(Object.values(ROUTES_BY_CLASS).flat())].sort()).toEqual([...HOLDING_ROUTES].sort());
  });
});
