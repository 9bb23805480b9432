/**
 * Puts the subscriptions into Redis with the store's own upsert (the same Lua script POST /api/v1/subscriptions
 * runs), rather than POSTing them: the API allows 30 requests a minute per address and needs a production
 * build and a web server, neither of which is what these benchmarks measure (bench:web and fuzz cover the API).
 * On a Cluster the store spreads each event's subscribers over `shards` sets, as the web server's store does;
 * the layout is recorded first (`checkShardLayout`, as the web server and the worker do at start).
 */
import type { RedisClient } from "../../lib/reminders/pipeline/redis";
import { checkShardLayout, subscriptionStore } from "../../lib/reminders/pipeline/store";
import type { FakeSubscription } from "../../test/support/push-service";
import { EVENT_ID, MILESTONE_ID, REMINDER } from "./reminder";

const LOCALES = ["en", "zh-Hant", "zh-Hans"] as const;

/** The language of the i-th subscriber: all three, in turn, as real subscribers would be (the Chinese payloads are longer). */
export function localeOf(i: number): (typeof LOCALES)[number] {
  return LOCALES[i % LOCALES.length] ?? "en";
}

/** Commands in flight at once: enough to keep Redis busy without a huge client-side queue. */
const IN_FLIGHT = 1000;

/**
 * Stores every subscription for the reminder, created at app time `createdAt`, in a store of `shards` subscriber
 * sets per event; returns their store ids in order.
 */
export async function seedSubscriptions(
  redis: RedisClient,
  shards: number,
  subscriptions: readonly FakeSubscription[],
  createdAt: number,
): Promise<string[]> {
  await checkShardLayout(redis, shards);
  const store = subscriptionStore(redis, shards);
  const ids: string[] = [];
  for (let i = 0; i < subscriptions.length; i += IN_FLIGHT) {
    const batch = subscriptions.slice(i, i + IN_FLIGHT).map((s, j) =>
      store.upsert(
        {
          endpoint: s.endpoint,
          expirationTime: null,
          keys: s.keys,
          event: EVENT_ID,
          class: "H",
          milestones: [MILESTONE_ID],
          leads: [REMINDER.lead],
          locale: localeOf(i + j),
        },
        createdAt,
      ),
    );
    for (const { id } of await Promise.all(batch)) ids.push(id);
  }
  const stored = await store.countSubscribers(EVENT_ID);
  if (stored !== subscriptions.length) throw new Error(`seeded ${subscriptions.length} subscriptions but the event's sets hold ${stored}`);
  return ids;
}
