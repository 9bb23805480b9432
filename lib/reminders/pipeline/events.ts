import "server-only";
import type { Cluster, Redis } from "ioredis";
import { findEvent, listEvents } from "../../events/catalog";
import type { MilestoneRole } from "../../events/model";
import type { EntitlementEvent, Localised, ShareClass } from "../../events/schema";
import type { SchedulableEvent } from "../../schedule/reminders";
import { keys } from "./keys";

/**
 * What the reminder pipeline needs of an event, from the catalog or typed in by a holder (custom): its dates
 * and a name for the notification text. Everything else about an event stays in lib/events.
 */

/** What a milestone is, whatever the event (lib/events: pages, notes and reminders select by role and class). */
export type { MilestoneRole };

export interface ReminderMilestone {
  id: string;
  role: MilestoneRole;
  class: ShareClass | null;
  /** ISO 8601 with an offset; day-only milestones at 09:00 in the event's zone. */
  at: string;
  dayOnly: boolean;
  remindable: boolean;
}

export interface ReminderEvent extends SchedulableEvent<ReminderMilestone> {
  /** A catalog id, or `custom-<hash of the terms>`. */
  id: string;
  /** What the notification calls the event: the catalog's issuer and title, or the holder's own name for it. */
  name: Localised | null;
  /** For a custom event: its canonical terms (§3.4 query string), for the deep link. */
  terms?: string;
  timeZone: string;
  milestones: ReminderMilestone[];
}

/** Custom events are stored under ids of this shape; catalog ids never start with it. */
export const CUSTOM_PREFIX = "custom-";

export function isCustomEventId(id: string): boolean {
  return id.startsWith(CUSTOM_PREFIX);
}

/** A catalog event as the pipeline sees it: its dates with their roles, and its issuer and title as its name. */
export function catalogReminderEvent(event: EntitlementEvent): ReminderEvent {
  const join = (locale: keyof Localised, colon: string) => `${event.issuer.name[locale]}${colon}${event.title[locale]}`;
  return {
    id: event.id,
    name: { en: join("en", ": "), "zh-Hant": join("zh-Hant", "："), "zh-Hans": join("zh-Hans", "：") },
    timeZone: event.timeZone,
    milestones: event.milestones.map((m) => ({
      id: m.id,
      role: m.role,
      class: m.class,
      at: m.at,
      dayOnly: m.dayOnly,
      remindable: m.remindable,
    })),
  };
}

/** Where the pipeline finds events: the catalog, and the custom events holders subscribed to (stored in Redis). */
export interface EventSource {
  get(id: string): Promise<ReminderEvent | undefined>;
  /** Every event whose reminders are to be scheduled. */
  list(): Promise<ReminderEvent[]>;
}

interface StoredCustomEvent {
  v: 1;
  event: ReminderEvent;
  storedAt: number;
}

/**
 * Custom events, each stored once under its id (`custom-<hash of the canonical terms>`), so that every holder of
 * the same typed-in event shares one schedule. A set lists them for the scheduler.
 */
export interface CustomEventStore {
  /** Stores the event unless it is there already (the same terms always make the same event). */
  save(event: ReminderEvent, nowMs: number): Promise<void>;
  get(id: string): Promise<ReminderEvent | undefined>;
  list(): Promise<ReminderEvent[]>;
  /** Forgets an event whose dates have all passed (its subscribers' selections then lead nowhere and are skipped). */
  remove(id: string): Promise<void>;
}

function parseStored(text: string | null): ReminderEvent | undefined {
  if (!text) return undefined;
  try {
    const stored = JSON.parse(text) as StoredCustomEvent;
    return stored.v === 1 && isCustomEventId(stored.event.id) ? stored.event : undefined;
  } catch {
    return undefined;
  }
}

/**
 * One key per step (the event and the set of ids may sit on different nodes of a Cluster), ordered so that a
 * step cut short leaves at most an id with no event behind it, which `list` skips: listed first, then stored;
 * deleted first, then unlisted.
 */
export function customEventStore(redis: Redis | Cluster): CustomEventStore {
  return {
    async save(event, nowMs) {
      const stored: StoredCustomEvent = { v: 1, event, storedAt: nowMs };
      await redis.sadd(keys.customEvents(), event.id);
      await redis.set(keys.customEvent(event.id), JSON.stringify(stored), "NX");
    },
    async get(id) {
      return isCustomEventId(id) ? parseStored(await redis.get(keys.customEvent(id))) : undefined;
    },
    async list() {
      const ids = await redis.smembers(keys.customEvents());
      if (ids.length === 0) return [];
      const texts = await Promise.all(ids.map((id) => redis.get(keys.customEvent(id))));
      return texts.flatMap((text) => parseStored(text) ?? []);
    },
    async remove(id) {
      await redis.del(keys.customEvent(id));
      await redis.srem(keys.customEvents(), id);
    },
  };
}

/** Custom events kept in memory per process: they never change (the id is the hash of the terms). */
const CACHE_LIMIT = 1000;

/**
 * The catalog plus the stored custom events. A delivery looks its event up once per message: the catalog's are
 * mapped once, custom ones read from Redis once and kept (bounded), since an id always names the same event.
 */
export function eventSource(custom: CustomEventStore, catalog: () => readonly EntitlementEvent[] = listEvents): EventSource {
  const mapped = new WeakMap<EntitlementEvent, ReminderEvent>();
  const fromCatalog = (event: EntitlementEvent) => {
    let reminderEvent = mapped.get(event);
    if (!reminderEvent) {
      reminderEvent = catalogReminderEvent(event);
      mapped.set(event, reminderEvent);
    }
    return reminderEvent;
  };
  const cache = new Map<string, ReminderEvent>();
  return {
    async get(id) {
      if (isCustomEventId(id)) {
        const hit = cache.get(id);
        if (hit) return hit;
        const event = await custom.get(id);
        if (event) {
          if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value ?? "");
          cache.set(id, event);
        }
        return event;
      }
      const event = catalog === listEvents ? findEvent(id) : catalog().find((e) => e.id === id);
      return event ? fromCatalog(event) : undefined;
    },
    async list() {
      return [...catalog().map(fromCatalog), ...(await custom.list())];
    },
  };
}
