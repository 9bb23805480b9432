import "server-only";
import { createHash } from "node:crypto";

/**
 * Every Redis key the reminder store uses (BullMQ keeps its own under "bull:"). One place, so that
 * a key's shape is decided once.
 */
export const keys = {
  /** Hash: one subscription. */
  subscription: (id: string) => `entitle:sub:${id}`,
  /** Set of every subscription id (counts against MAX_SUBSCRIPTIONS). */
  allSubscriptions: () => "entitle:subs",
  /**
   * Set of subscription ids subscribed to an event: one set on one Redis (`shards` 1, release 1's key), or one
   * of `shards` sets, each its own hash slot, on a Cluster (a subscription sits in the shard `shardOf` its id).
   */
  eventSubscribers: (event: string, shard = 0, shards = 1) =>
    shards === 1 ? `entitle:event-subs:${event}` : `entitle:event-subs:{${event}:${shard}}`,
  /** String: the id of the subscription with this endpoint (by sha256 of the endpoint, base64url). */
  endpointIndex: (endpointHash: string) => `entitle:endpoint:${endpointHash}`,
  /**
   * Set of subscription ids that were sent this reminder. Hash-tagged by the reminder, as are its in-flight keys:
   * a page's "sent already? else claim" script touches only keys of one slot (ready for a Redis Cluster).
   */
  sent: (event: string, milestone: string, lead: string, shard?: number) => `entitle:sent:{${reminderTag(event, milestone, lead, shard)}}`,
  /** String with an expiry: a send of this reminder to this subscription is in flight. */
  inFlight: (subscription: string, event: string, milestone: string, lead: string, shard?: number) =>
    `entitle:inflight:{${reminderTag(event, milestone, lead, shard)}}:${subscription}`,
  /** String: how many subscriber sets per event this store was set up with (EVENT_SHARDS; absent means 1). */
  eventShards: () => "entitle:event-shards",
  /** String (JSON): one custom event, by its id (`custom-<hash of its terms>`). */
  customEvent: (id: string) => `entitle:custom-event:${id}`,
  /** Set of the ids of stored custom events (what the scheduler covers besides the catalog). */
  customEvents: () => "entitle:custom-events",
  /** String: the layout version of the subscription store (2 = many events per device). */
  schema: () => "entitle:schema",
  /** String: the fleet's measured deliveries per second (from the last large fan-out; see pace.ts). */
  deliverRate: () => "entitle:deliver-rate",
  /** Hash: a reminder's delivery progress (subscribers handled, first page start, last page end; real ms). */
  progress: (event: string, milestone: string, lead: string) => `entitle:progress:${event}:${milestone}:${lead}`,
  /** Per-IP request counters (rate-limiter-flexible adds the IP). */
  rateLimitPrefix: () => "entitle:rl:subscriptions",
};

/** A reminder's hash tag; with shards, one per shard, so a hot reminder's ledger spreads like its subscribers. */
function reminderTag(event: string, milestone: string, lead: string, shard: number | undefined): string {
  return shard === undefined ? `${event}:${milestone}:${lead}` : `${event}:${milestone}:${lead}:${shard}`;
}

/** The subscriber set (of `shards`) a subscription id belongs in: stable, spread evenly by a hash of the id. */
export function shardOf(id: string, shards: number): number {
  if (shards === 1) return 0;
  return createHash("sha256").update(id).digest().readUInt32BE(0) % shards;
}
