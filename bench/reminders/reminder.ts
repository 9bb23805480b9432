/** The one reminder every benchmark sends: the 2-hour reminder of the H-share lodgement deadline. */
import { findEvent } from "../../lib/events/catalog";
import { catalogReminderEvent } from "../../lib/reminders/pipeline/events";
import type { ReminderRefData } from "../../lib/reminders/pipeline/queues";
import { reminderTime } from "../../lib/schedule/reminders";

export const EVENT_ID = "jlmag-2022-final";
export const MILESTONE_ID = "h-lodgement-deadline";

const catalogEvent = findEvent(EVENT_ID);
const event = catalogEvent ? catalogReminderEvent(catalogEvent) : undefined;
const milestone = event?.milestones.find((m) => m.id === MILESTONE_ID);
if (!event || !milestone) throw new Error(`${EVENT_ID}/${MILESTONE_ID} is not in the catalog`);

export const REMINDER: ReminderRefData = { event: EVENT_ID, milestone: MILESTONE_ID, lead: "PT2H" };
/** When it is due, on the app clock (epoch ms). */
export const REMINDER_AT = reminderTime(milestone, "PT2H");
/** What push-runner.ts reports for a payload that decrypted to this reminder. */
export const REMINDER_TAG = `${MILESTONE_ID}/PT2H`;
export const THE_EVENT = event;
export const THE_MILESTONE = milestone;
