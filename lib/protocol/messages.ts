import type { ReminderSelection } from "./subscriptions";

/**
 * Page → service worker: after every successful save or stop, the page posts
 * `{ type: PUSH_PREFERENCES_MESSAGE, preferences }` with the device's selections, one per event (an empty
 * list after stopping everything). The worker keeps them so that `pushsubscriptionchange`, which may fire
 * with no page open, can subscribe again with the same choices. No zod here: the worker imports this file.
 */
export const PUSH_PREFERENCES_MESSAGE = "entitle:push-preferences";

/** One event's selection as the worker re-posts it (the body of POST /api/v1/subscriptions less `subscription`). */
export type PushPreferences = ReminderSelection;

export interface PushPreferencesMessage {
  type: typeof PUSH_PREFERENCES_MESSAGE;
  preferences: PushPreferences[];
}

/** The page asks a waiting service worker to take over (the "update now" prompt). */
export const SKIP_WAITING_MESSAGE = "SKIP_WAITING";
