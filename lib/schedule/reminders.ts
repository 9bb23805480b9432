/**
 * Reminder times derived from an event's milestones. Pure: no I/O, no clock of its own (callers pass
 * `now`), so the browser computes the same list offline as the server schedules.
 */
import { TZDate } from "@date-fns/tz";
import { formatISO } from "date-fns";
import type { Milestone, ShareClass } from "../events/schema";
import { LEAD_MS, LEADS, type Lead, leadFits } from "./leads";

/** What scheduling reads of a milestone: a catalog event's, or one built from typed-in terms. */
export type SchedulableMilestone = Pick<Milestone, "id" | "class" | "at" | "remindable" | "dayOnly">;

/** What scheduling reads of an event. */
export interface SchedulableEvent<M extends SchedulableMilestone = SchedulableMilestone> {
  id: string;
  timeZone: string;
  milestones: readonly M[];
}

export interface PlannedReminder {
  event: string;
  milestone: string;
  lead: Lead;
  /** When the reminder is due, ISO 8601 in the event's time zone (e.g. "2023-06-27T14:30:00+08:00"). */
  at: string;
  /** The same instant in epoch milliseconds, for comparisons. */
  atMs: number;
  /** When the milestone itself happens, epoch milliseconds. */
  milestoneMs: number;
}

export interface ReminderSelection {
  /** Only milestones of this class (and those common to both classes). */
  class?: ShareClass;
  /** Only these milestone ids; every remindable one when absent. */
  milestones?: readonly string[];
  /** Which leads; all of them when absent. */
  leads?: readonly Lead[];
}

/** The milestones a holder of `shareClass` may ask to be reminded of (all classes when absent). */
export function remindableMilestones<M extends SchedulableMilestone>(event: SchedulableEvent<M>, shareClass?: ShareClass): M[] {
  return event.milestones.filter((m) => m.remindable && (shareClass === undefined || m.class === null || m.class === shareClass));
}

export function milestoneTime(milestone: Pick<Milestone, "at">): number {
  return Date.parse(milestone.at);
}

/** The milestone time minus the lead. Day-only milestones are written at 09:00 HKT in the data and take day leads only. */
export function reminderTime(milestone: Pick<Milestone, "at">, lead: Lead): number {
  return milestoneTime(milestone) - LEAD_MS[lead];
}

function isoInZone(ms: number, timeZone: string): string {
  return formatISO(new TZDate(ms, timeZone));
}

/** Every reminder of the selection, past or future, in time order. */
export function plannedReminders(event: SchedulableEvent, selection: ReminderSelection = {}): PlannedReminder[] {
  const wanted = selection.milestones ? new Set(selection.milestones) : undefined;
  const leads = selection.leads ?? LEADS;
  const out: PlannedReminder[] = [];
  for (const milestone of remindableMilestones(event, selection.class)) {
    if (wanted && !wanted.has(milestone.id)) continue;
    for (const lead of LEADS) {
      // "2 hours before" a date without a time would fire at an hour nobody published: day leads only.
      if (!leads.includes(lead) || !leadFits(lead, milestone)) continue;
      const atMs = reminderTime(milestone, lead);
      out.push({
        event: event.id,
        milestone: milestone.id,
        lead,
        at: isoInZone(atMs, event.timeZone),
        atMs,
        milestoneMs: milestoneTime(milestone),
      });
    }
  }
  return out.sort((a, b) => a.atMs - b.atMs || a.milestone.localeCompare(b.milestone));
}

/** The reminders of the selection that are still to come at `nowMs` (strictly after it). */
export function futureReminders(event: SchedulableEvent, selection: ReminderSelection, nowMs: number): PlannedReminder[] {
  return plannedReminders(event, selection).filter((r) => r.atMs > nowMs);
}

/**
 * Reminders whose milestone is still ahead at `nowMs`, including those already due: what the server must
 * still deliver (a reminder that fell due while the worker was down is sent late, but never after its milestone).
 */
export function deliverableReminders(event: SchedulableEvent, selection: ReminderSelection, nowMs: number): PlannedReminder[] {
  return plannedReminders(event, selection).filter((r) => r.milestoneMs > nowMs);
}
