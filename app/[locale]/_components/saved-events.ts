"use client";
import { useMemo, useSyncExternalStore } from "react";

/**
 * The holder's own events, kept in this browser only (localStorage): each is its terms (the §3.4 query string,
 * canonical: the custom page saves what `printTerms` wrote), so a saved event is exactly the link it came from.
 * The name is read from the terms, not stored twice. The terms codec stays out of this module: the picker is on
 * every page's first load, and the custom page checks the terms when a saved event is opened.
 */
export interface SavedEvent {
  terms: string;
  name: string | undefined;
  savedAt: string;
}

const KEY = "entitle.events.v1";
const CHANGED = "entitle:saved-events";
export const MAX_SAVED = 50;
const MAX_TERMS_LENGTH = 2000;

const NAME_MAX = 80;
/** The event's name as its terms give it (plain text: shown as text, never as markup). */
function nameOf(terms: string): string | undefined {
  try {
    const name = new URLSearchParams(terms).get("name")?.trim();
    return name ? [...name].slice(0, NAME_MAX).join("") : undefined;
  } catch {
    return undefined;
  }
}

/** What was stored: entries that are a query string of sensible length, once each; anything else is dropped. */
export function reviveSaved(raw: string | null): SavedEvent[] {
  if (!raw) return [];
  let list: unknown;
  try {
    list = JSON.parse(raw);
  } catch {
    return [];
  }
  if (!Array.isArray(list)) return [];
  const out: SavedEvent[] = [];
  for (const item of list) {
    const o = (item && typeof item === "object" ? item : {}) as Record<string, unknown>;
    const terms = typeof o.terms === "string" ? o.terms.replace(/^\?/, "") : "";
    if (terms === "" || terms.length > MAX_TERMS_LENGTH || /[\s#]/.test(terms)) continue;
    if (out.some((e) => e.terms === terms)) continue;
    out.push({ terms, name: nameOf(terms), savedAt: typeof o.savedAt === "string" ? o.savedAt.slice(0, 30) : "" });
    if (out.length === MAX_SAVED) break;
  }
  return out;
}

const serialise = (list: SavedEvent[]) => JSON.stringify(list.map(({ terms, savedAt }) => ({ terms, savedAt })));

function readRaw(): string | null {
  try {
    return window.localStorage.getItem(KEY);
  } catch {
    return null;
  }
}

function write(list: SavedEvent[]): boolean {
  try {
    window.localStorage.setItem(KEY, serialise(list));
  } catch {
    return false;
  }
  window.dispatchEvent(new Event(CHANGED));
  return true;
}

/** Saves (or moves to the top) the event of these canonical terms; false when the browser refuses storage. */
export function saveEvent(terms: string, now = new Date()): boolean {
  const rest = reviveSaved(readRaw()).filter((e) => e.terms !== terms);
  return write([{ terms, name: undefined, savedAt: now.toISOString() }, ...rest].slice(0, MAX_SAVED));
}

export function removeEvent(terms: string): boolean {
  return write(reviveSaved(readRaw()).filter((e) => e.terms !== terms));
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener("storage", onChange);
  window.addEventListener(CHANGED, onChange);
  return () => {
    window.removeEventListener("storage", onChange);
    window.removeEventListener(CHANGED, onChange);
  };
}

/** The saved events (null until the browser has read them: the server knows none). */
export function useSavedEvents(): SavedEvent[] | null {
  const raw = useSyncExternalStore(subscribe, readRaw, () => undefined);
  return useMemo(() => (raw === undefined ? null : reviveSaved(raw)), [raw]);
}
