/**
 * Milestones by what they mean: the one lookup the page, the notes and the reminders share. Pure and tiny, so
 * the page imports it without the reminder schedule or the holiday calendars.
 */
import type { MilestoneRole, ShareClass } from "./model";
import type { EntitlementEvent, Milestone } from "./schema";

/** The event's milestone with this role for this class, or for both classes (the approval); undefined when it has none. */
export function findMilestone(
  event: Pick<EntitlementEvent, "milestones">,
  role: MilestoneRole,
  shareClass: ShareClass,
): Milestone | undefined {
  return (
    event.milestones.find((m) => m.role === role && m.class === shareClass) ??
    event.milestones.find((m) => m.role === role && m.class === null)
  );
}
