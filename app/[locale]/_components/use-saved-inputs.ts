"use client";
import { useEffect, useState } from "react";
import { A_HOLDERS, H_HOLDERS, type HolderType } from "@/lib/entitlement/holders";
import type { ShareClass } from "@/lib/events/schema";
import { type HoldingRoute, ROUTE_HOLDER, ROUTES_BY_CLASS, routeOfHolder } from "./holding";

/** What the holder typed for one share class: each class keeps its own holding (issue 14). */
export interface ClassInputs {
  shares: string;
  route: HoldingRoute;
  holder: HolderType;
  price: string;
}

export interface Inputs {
  shareClass: ShareClass;
  H: ClassInputs;
  A: ClassInputs;
  /** The day A shares were bought (A-share individuals' holding period). */
  bought: string;
}

const blankClass = (cls: ShareClass): ClassInputs => {
  const route = ROUTES_BY_CLASS[cls][0] as HoldingRoute;
  return { shares: "", route, holder: ROUTE_HOLDER[cls][route] as HolderType, price: "" };
};

export const DEFAULT_INPUTS: Inputs = { shareClass: "H", H: blankClass("H"), A: blankClass("A"), bought: "" };
const KEY = "entitle.inputs.v2";
const OLD_KEY = "entitle.inputs.v1";

const str = (v: unknown, max: number) => (typeof v === "string" ? v.slice(0, max) : "");
const HOLDERS: Record<ShareClass, readonly unknown[]> = { H: H_HOLDERS, A: A_HOLDERS };

function reviveClass(cls: ShareClass, o: unknown): ClassInputs {
  const c = (o && typeof o === "object" ? o : {}) as Record<string, unknown>;
  const holder = HOLDERS[cls].includes(c.holder) ? (c.holder as HolderType) : null;
  const route = (ROUTES_BY_CLASS[cls] as readonly unknown[]).includes(c.route)
    ? (c.route as HoldingRoute)
    : holder
      ? routeOfHolder(holder)
      : blankClass(cls).route;
  return { shares: str(c.shares, 64), route, holder: holder ?? (ROUTE_HOLDER[cls][route] as HolderType), price: str(c.price, 32) };
}

/** What was stored, kept only where it still makes sense; anything else falls back to the default. */
export function revive(raw: string | null, oldRaw: string | null = null): Inputs {
  try {
    if (raw) {
      const o = JSON.parse(raw) as Record<string, unknown>;
      return {
        shareClass: o.shareClass === "A" ? "A" : "H",
        H: reviveClass("H", o.H),
        A: reviveClass("A", o.A),
        bought: str(o.bought, 10),
      };
    }
    if (oldRaw) {
      // Release 1 kept one holding and one price for whichever class was shown: they belong to that class.
      const o = JSON.parse(oldRaw) as Record<string, unknown>;
      const cls: ShareClass = o.shareClass === "A" ? "A" : "H";
      const typed = { shares: o.shares, price: o.price };
      return {
        shareClass: cls,
        H: reviveClass("H", { holder: o.holderH, ...(cls === "H" ? typed : {}) }),
        A: reviveClass("A", { holder: o.holderA, ...(cls === "A" ? typed : {}) }),
        bought: str(o.bought, 10),
      };
    }
  } catch {
    // Unreadable: start afresh.
  }
  return DEFAULT_INPUTS;
}

/** The last inputs, kept on this device only (localStorage), exactly as typed — even when not yet valid. */
export function useSavedInputs(): [Inputs, (update: (prev: Inputs) => Inputs) => void, boolean] {
  const [inputs, setInputs] = useState<Inputs>(DEFAULT_INPUTS);
  const [loaded, setLoaded] = useState(false);
  useEffect(() => {
    try {
      setInputs(revive(window.localStorage.getItem(KEY), window.localStorage.getItem(OLD_KEY)));
    } catch {
      // Storage can be blocked (private mode): the calculator still works, it just does not remember.
    }
    setLoaded(true);
  }, []);
  useEffect(() => {
    if (!loaded) return;
    try {
      window.localStorage.setItem(KEY, JSON.stringify(inputs));
    } catch {
      // Quota or privacy settings: nothing to do, the page keeps working.
    }
  }, [inputs, loaded]);
  return [inputs, setInputs, loaded];
}
