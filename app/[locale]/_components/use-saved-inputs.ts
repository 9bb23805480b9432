"use client";
import { useEffect, useState } from "react";
import { A_HOLDERS, H_HOLDERS, type HolderType } from "@/lib/entitlement/holders";
import type { ShareClass } from "@/lib/events/schema";

export interface Inputs {
  shareClass: ShareClass;
  shares: string;
  holderH: HolderType;
  holderA: HolderType;
  price: string;
  bought: string;
}

export const DEFAULT_INPUTS: Inputs = {
  shareClass: "H",
  shares: "",
  holderH: "hk-individual",
  holderA: "prc-individual",
  price: "",
  bought: "",
};
const KEY = "entitle.inputs.v1";

const str = (v: unknown, max: number) => (typeof v === "string" ? v.slice(0, max) : "");

/** What was stored, kept only where it still makes sense; anything else falls back to the default. */
function revive(raw: string | null): Inputs {
  if (!raw) return DEFAULT_INPUTS;
  try {
    const o = JSON.parse(raw) as Record<string, unknown>;
    return {
      shareClass: o.shareClass === "A" ? "A" : "H",
      shares: str(o.shares, 64),
      holderH: (H_HOLDERS as readonly unknown[]).includes(o.holderH) ? (o.holderH as HolderType) : DEFAULT_INPUTS.holderH,
      holderA: (A_HOLDERS as readonly unknown[]).includes(o.holderA) ? (o.holderA as HolderType) : DEFAULT_INPUTS.holderA,
      price: str(o.price, 32),
      bought: str(o.bought, 10),
    };
  } catch {
    return DEFAULT_INPUTS;
  }
}

/** The last inputs, kept on this device only (localStorage), exactly as typed — even when not yet valid. */
export function useSavedInputs(): [Inputs, (patch: Partial<Inputs>) => void, boolean] {
  const [inputs, setInputs] = useState<Inputs>(DEFAULT_INPUTS);
  const [loaded, setLoaded] = useState(false);
  useEffect(() => {
    try {
      setInputs(revive(window.localStorage.getItem(KEY)));
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
  return [inputs, (patch) => setInputs((prev) => ({ ...prev, ...patch })), loaded];
}
