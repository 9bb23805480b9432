/**
 * What the reminders panel offers and ticks by default, as pure functions of the event, the holder's route
 * and the time. No React, no I/O: the unit tests run them, the browser runs them offline.
 */
import type { MilestoneRole } from "../events/model";
import { findMilestone } from "../events/roles";
import type { EntitlementEvent, Milestone, ShareClass } from "../events/schema";
import { LEADS, type Lead, leadFits } from "../protocol/leads";
import { type PlannedReminder, plannedReminders, remindableMilestones, reminderTime } from "./reminders";

/** How a holder holds their shares (issue 14): through a broker / CCASS, through Stock Connect, or in their own name. */
export type HoldingRoute = "broker" | "stock-connect" | "own-name";
export const HOLDING_ROUTES: readonly HoldingRoute[] = ["broker", "stock-connect", "own-name"];

/** What a milestone is, whatever the event (lib/events/model.ts). */
export type { MilestoneRole } from "../events/model";
/** The one lookup by role and class (lib/events/roles.ts), shared with the page. */
export { findMilestone } from "../events/roles";

/**
 * The roles ticked by default for a route, each as a list of alternatives (the first the event has wins):
 * - broker and Stock Connect holders need do nothing but hold on the last day that carries the entitlement,
 *   and want to know when they are paid. Southbound holders must have bought by the last Southbound trading
 *   day; A shares have no separate last cum date (bought on the record date is entitled: T+1 ex-date).
 * - holders in their own name must lodge transfers by the deadline; their cheques (warrants) come by post.
 */
export function defaultRoles(route: HoldingRoute): MilestoneRole[][] {
  switch (route) {
    case "broker":
      return [["last-cum", "record"], ["payment"]];
    case "stock-connect":
      return [["southbound-last-buy", "last-cum", "record"], ["payment"]];
    case "own-name":
      return [["lodgement"], ["warrants-posted", "payment"]];
  }
}

/** Whether the milestone is still ahead at `nowMs`. */
export function isAhead(milestone: Milestone, nowMs: number): boolean {
  return Date.parse(milestone.at) > nowMs;
}

/** The milestones ticked by default for a holder of `shareClass` by `route`: remindable, still ahead. */
export function defaultMilestones(event: EntitlementEvent, shareClass: ShareClass, route: HoldingRoute, nowMs: number): string[] {
  const remindable = new Set(remindableMilestones(event, shareClass).map((m) => m.id));
  const out: string[] = [];
  for (const alternatives of defaultRoles(route)) {
    // The first alternative the event has stands for the role, even once it has passed: a broker holder
    // past the last cum date has nothing left to do before the record date.
    const m = alternatives.map((role) => findMilestone(event, role, shareClass)).find((x) => x !== undefined && remindable.has(x.id));
    if (m && isAhead(m, nowMs) && !out.includes(m.id)) out.push(m.id);
  }
  return out;
}

/** The leads that fit a milestone: day leads only before a date given without a time. */
export function leadsFor(milestone: Pick<Milestone, "dayOnly">): Lead[] {
  return LEADS.filter((lead) => leadFits(lead, milestone));
}

/** The leads worth offering for these milestones: those that give at least one reminder still ahead. */
export function offeredLeads(event: EntitlementEvent, milestoneIds: readonly string[], nowMs: number): Lead[] {
  const chosen = event.milestones.filter((m) => milestoneIds.includes(m.id));
  return LEADS.filter((lead) => chosen.some((m) => leadFits(lead, m) && reminderTime(m, lead) > nowMs));
}

/** Whether some milestone of the event has a time of day (only then is "2 hours before" ever offered). */
export function hasTimedMilestone(event: EntitlementEvent, milestoneIds: readonly string[]): boolean {
  return event.milestones.some((m) => milestoneIds.includes(m.id) && !m.dayOnly);
}

/**
 * The notifications a selection will give from `nowMs` on, in time order: what the preview counts
 * ("6 notifications, the first on …") before the browser is asked for permission.
 */
export function previewReminders(
  event: EntitlementEvent,
  milestoneIds: readonly string[],
  leads: readonly Lead[],
  nowMs: number,
): PlannedReminder[] {
  if (milestoneIds.length === 0 || leads.length === 0) return [];
  const byId = new Map(event.milestones.map((m) => [m.id, m]));
  return plannedReminders(event, { milestones: milestoneIds, leads }).filter((r) => {
    const m = byId.get(r.milestone);
    return m !== undefined && leadFits(r.lead, m) && r.atMs > nowMs;
  });
}

/**
 * The holder's own choices, by milestone id: ticked (true) or unticked (false) by hand. A milestone not in it
 * was never touched, and follows the saved selection or the route's defaults.
 */
export type TouchedMilestones = Readonly<Record<string, boolean>>;

/**
 * The holder's choices carried over to a new list of the event's milestones (a typed-in event's worked-out
 * dates arrive after the page opens): a milestone still listed keeps its choice, one no longer listed drops
 * it. The same object back when nothing was dropped, so that a state setter can skip the render.
 */
export function keepTouched(touched: TouchedMilestones, milestoneIds: readonly string[]): TouchedMilestones {
  const listed = new Set(milestoneIds);
  const kept = Object.entries(touched).filter(([id]) => listed.has(id));
  return kept.length === Object.keys(touched).length ? touched : Object.fromEntries(kept);
}

/**
 * What is ticked among `milestoneIds`, in their order: the holder's own choice for each milestone they touched,
 * else whether `fallback` (the saved selection, or the route's defaults for the list as it is now) has it.
 * A milestone not listed is never ticked, whatever was chosen for it.
 */
export function tickedMilestones(milestoneIds: readonly string[], touched: TouchedMilestones, fallback: readonly string[]): string[] {
  return milestoneIds.filter((id) => (Object.hasOwn(touched, id) ? touched[id] : fallback.includes(id)));
}
