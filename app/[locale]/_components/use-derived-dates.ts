"use client";
import { useEffect, useMemo, useState } from "react";
import type { EntitlementEvent, Milestone } from "@/lib/events/schema";

/** How long the terms must rest before the page asks for their dates (each keystroke would be a request). */
const SETTLE_MS = 300;

type Answer = { terms: string; milestones: Milestone[] } | { terms: string; offline: true };

const isLocalised = (v: unknown) =>
  typeof v === "object" && v !== null && ["en", "zh-Hant", "zh-Hans"].every((k) => typeof (v as Record<string, unknown>)[k] === "string");

/** A milestone as the server sends it: only well-formed ones are shown. */
function isMilestone(v: unknown): v is Milestone {
  if (typeof v !== "object" || v === null) return false;
  const m = v as Record<string, unknown>;
  return (
    typeof m.id === "string" &&
    typeof m.role === "string" &&
    (m.class === null || m.class === "A" || m.class === "H") &&
    typeof m.at === "string" &&
    typeof m.dayOnly === "boolean" &&
    typeof m.status === "string" &&
    typeof m.source === "string" &&
    typeof m.remindable === "boolean" &&
    isLocalised(m.title) &&
    isLocalised(m.meaning)
  );
}

/**
 * A typed-in event with the dates its typed ones imply (H ex-date, last cum date, lodgement deadline, A ex-date,
 * Southbound last day to buy), worked out by GET /api/v1/events/custom (the holiday calendars stay on the server).
 * Only milestones the typed event lacks are added: a typed date is never replaced. `offline` when neither the
 * server nor the service worker's copy of an earlier answer (its `apis` cache, a day) could answer: the page then
 * shows the typed dates and says so.
 */
export function useDerivedDates(
  terms: string | null,
  typed: EntitlementEvent | null,
): { event: EntitlementEvent | null; offline: boolean } {
  const [answer, setAnswer] = useState<Answer | null>(null);
  useEffect(() => {
    if (terms === null) return;
    const abort = new AbortController();
    const ask = async () => {
      try {
        const response = await fetch(`/api/v1/events/custom?${terms}`, { signal: abort.signal });
        if (!response.ok) return;
        const body: unknown = await response.json();
        const list = typeof body === "object" && body !== null ? (body as { milestones?: unknown }).milestones : undefined;
        if (Array.isArray(list)) setAnswer({ terms, milestones: list.filter(isMilestone) });
      } catch {
        if (!abort.signal.aborted) setAnswer({ terms, offline: true });
      }
    };
    const timer = setTimeout(ask, SETTLE_MS);
    return () => {
      clearTimeout(timer);
      abort.abort();
    };
  }, [terms]);
  return useMemo(() => {
    if (typed === null || answer === null || answer.terms !== terms) return { event: null, offline: false };
    if ("offline" in answer) return { event: null, offline: true };
    const have = new Set(typed.milestones.map((m) => m.id));
    const added = answer.milestones.filter((m) => !have.has(m.id));
    if (added.length === 0) return { event: null, offline: false };
    const milestones = [...typed.milestones, ...added].sort((a, b) => a.at.localeCompare(b.at) || a.id.localeCompare(b.id));
    return { event: { ...typed, milestones }, offline: false };
  }, [typed, answer, terms]);
}
