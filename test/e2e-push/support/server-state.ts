import { Redis } from "ioredis";
import { clockAnchorKey } from "@/lib/clock";
import { keys } from "@/lib/reminders/pipeline/keys";
import { endpointHash, type StoredSubscription, subscriptionStore } from "@/lib/reminders/pipeline/store";

/**
 * What the app server holds, read from the Redis `npm start` runs, through the store's own keys and reader
 * (so a change of layout in lib/reminders is a change here, not in every test).
 */
export interface ServerState {
  /** The subscription id the endpoint index points at, if any. */
  idFor(endpoint: string): Promise<string | undefined>;
  subscription(id: string): Promise<StoredSubscription | undefined>;
  /** The stored subscription of this endpoint, if any. */
  byEndpoint(endpoint: string): Promise<StoredSubscription | undefined>;
  /** Whether the worker recorded this reminder as sent to this subscription (its sent-ledger). */
  wasSent(id: string, reminder: { event: string; milestone: string; lead: string }): Promise<boolean>;
  /** The real time (epoch ms) at which the app clock read `appTimeMs`. */
  realTimeOf(appTimeMs: number): Promise<number>;
  close(): Promise<void>;
}

export function serverState(redisUrl: string, clockStartMs: number): ServerState {
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 3 });
  const store = subscriptionStore(redis);
  const idFor = async (endpoint: string) => (await redis.get(keys.endpointIndex(endpointHash(endpoint)))) ?? undefined;
  return {
    idFor,
    subscription: (id) => store.get(id),
    async byEndpoint(endpoint) {
      const id = await idFor(endpoint);
      return id ? store.get(id) : undefined;
    },
    async wasSent(id, { event, milestone, lead }) {
      return (await redis.sismember(keys.sent(event, milestone, lead), id)) === 1;
    },
    async realTimeOf(appTimeMs) {
      const anchor = Number(await redis.get(clockAnchorKey(clockStartMs)));
      if (!Number.isSafeInteger(anchor) || anchor <= 0) throw new Error("the app clock has no anchor in Redis yet");
      return anchor + (appTimeMs - clockStartMs);
    },
    async close() {
      await redis.quit();
    },
  };
}
