import "server-only";

/**
 * Every Redis key the reminder store uses (BullMQ keeps its own under "bull:"). One place, so that
 * a key's shape is decided once.
 */
export const keys = {
  /** Hash: one subscription. */
  subscription: (id: string) => `entitle:sub:${id}`,
  /** Set of every subscription id (counts against MAX_SUBSCRIPTIONS). */
  allSubscriptions: () => "entitle:subs",
  /** Set of subscription ids subscribed to an event. */
  eventSubscribers: (event: string) => `entitle:event-subs:${event}`,
  /** String: the id of the subscription with this endpoint (by sha256 of the endpoint, base64url). */
  endpointIndex: (endpointHash: string) => `entitle:endpoint:${endpointHash}`,
  /**
   * Set of subscription ids that were sent this reminder. Hash-tagged by the reminder, as are its in-flight keys:
   * a page's "sent already? else claim" script touches only keys of one slot (ready for a Redis Cluster).
   */
  sent: (event: string, milestone: string, lead: string) => `entitle:sent:{${event}:${milestone}:${lead}}`,
  /** String with an expiry: a send of this reminder to this subscription is in flight. */
  inFlight: (subscription: string, event: string, milestone: string, lead: string) =>
    `entitle:inflight:{${event}:${milestone}:${lead}}:${subscription}`,
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
