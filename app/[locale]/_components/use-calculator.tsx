"use client";
import { createContext, type ReactNode, useContext, useMemo } from "react";
import type { EntitlementDetail } from "@/lib/entitlement/compute";
import type { EntitlementError } from "@/lib/entitlement/errors";
import { type ClassFigures, classFigures } from "@/lib/entitlement/figures";
import { entitlementForEvent } from "@/lib/entitlement/for-event";
import { HOLDER_TAX, type HolderType } from "@/lib/entitlement/holders";
import { type HoldingBands, holdingBands } from "@/lib/entitlement/holding-period";
import type { Result } from "@/lib/entitlement/result";
import { findEvent } from "@/lib/events/catalog";
import { SHARE_CLASSES } from "@/lib/events/model";
import type { EntitlementEvent, ShareClass } from "@/lib/events/schema";
import { type HoldingRoute, ROUTE_HOLDER } from "./holding";
import { type ClassInputs, type Inputs, useSavedInputs } from "./use-saved-inputs";

// The page shows note codes in the user's language; the English strings are for the API and the CLI.
const noNotes = () => [];

export interface CalculatorState {
  event: EntitlementEvent;
  inputs: Inputs;
  /** The classes this event has, in the usual order. */
  classes: readonly ShareClass[];
  /** The class shown: the one chosen, or the event's first class when it lacks that one. */
  cls: ShareClass;
  /** The class's figures as the model derives them (currency, cash per share, lot, issued shares, rules). */
  figures: ClassFigures;
  /** The shown class's own holding, route, tax type and price. */
  current: ClassInputs;
  setClass(cls: ShareClass): void;
  /** Changes only the shown class's inputs. */
  setCurrent(patch: Partial<Omit<ClassInputs, "route">>): void;
  /** A route pre-selects its usual tax type. */
  setRoute(route: HoldingRoute): void;
  setBought(day: string): void;
  blank: boolean;
  result: Result<EntitlementDetail, EntitlementError>;
  /** The figures, once a valid holding is typed. */
  detail: EntitlementDetail | null;
  /** Holding-period bands for A-share individuals who gave the day they bought. */
  bands: Result<HoldingBands, EntitlementError> | null;
  showBought: boolean;
}

/** A typed-in event: the event decoded from its terms (the engine computes it), and the terms (§3.4 query string). */
export interface CustomEventInput {
  event: EntitlementEvent;
  terms: string;
}

/** State, persistence and computation of the calculator for one event; the view only renders it. */
export function useCalculator(eventId: string, custom?: CustomEventInput): CalculatorState {
  const [inputs, setInputs] = useSavedInputs();
  const event = custom?.event ?? findEvent(eventId);
  if (!event) throw new Error(`unknown event ${eventId}`);
  const classes = SHARE_CLASSES.filter((c) => event.classes[c] !== undefined);
  const cls = classes.includes(inputs.shareClass) ? inputs.shareClass : (classes[0] ?? inputs.shareClass);
  const current = inputs[cls];
  const figures = useMemo(() => classFigures(event, cls), [event, cls]);
  if (!figures) throw new Error(`event ${event.id} has no share class`);
  const result = useMemo(
    () => entitlementForEvent(event, { class: cls, shares: current.shares, holder: current.holder, price: current.price }, noNotes),
    [event, cls, current.shares, current.holder, current.price],
  );
  const blank = current.shares.trim() === "";
  // Holders taxed when they sell (by how long they held) may give the day they bought.
  const showBought = HOLDER_TAX[current.holder]?.laterTaxOnSale === true;
  const bands = showBought && inputs.bought ? holdingBands(inputs.bought) : null;
  const patchClass = (patch: Partial<ClassInputs>) => setInputs((prev) => ({ ...prev, [cls]: { ...prev[cls], ...patch } }));
  return {
    event,
    inputs,
    classes,
    cls,
    figures,
    current,
    setClass: (shareClass) => setInputs((prev) => ({ ...prev, shareClass })),
    setCurrent: patchClass,
    setRoute: (route) =>
      setInputs((prev) => {
        const c = cls;
        return { ...prev, [c]: { ...prev[c], route, holder: ROUTE_HOLDER[c][route] ?? prev[c].holder } };
      }),
    setBought: (bought) => setInputs((prev) => ({ ...prev, bought })),
    blank,
    result,
    detail: result.ok && !blank ? result.value : null,
    bands,
    showBought,
  };
}

const CalculatorContext = createContext<CalculatorState | null>(null);

/** Holds the calculator's state for everything on the page that follows it (results, reminders). */
export function CalculatorProvider({ eventId, custom, children }: { eventId: string; custom?: CustomEventInput; children: ReactNode }) {
  const state = useCalculator(eventId, custom);
  return <CalculatorContext.Provider value={state}>{children}</CalculatorContext.Provider>;
}

export function useCalculatorState(): CalculatorState {
  const state = useContext(CalculatorContext);
  if (!state) throw new Error("useCalculatorState() outside <CalculatorProvider>");
  return state;
}

/** What the rest of the page (the reminders panel) follows: the event, the class shown and how it is held. */
export interface HoldingChoice {
  eventId: string;
  shareClass: ShareClass;
  route: HoldingRoute;
  holder: HolderType;
}

export function useHoldingChoice(): HoldingChoice | null {
  const state = useContext(CalculatorContext);
  if (!state) return null;
  return { eventId: state.event.id, shareClass: state.cls, route: state.current.route, holder: state.current.holder };
}
