import "server-only";
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import type { Redis } from "ioredis";
import type { Locale, ShareClass } from "../../events/schema";
import { isLead, type Lead } from "../../schedule/leads";
import { keys } from "./keys";

/** A browser's push subscription with what its owner asked to be reminded of. */
export interface SubscriptionInput {
  endpoint: string;
  expirationTime: number | null;
  keys: { p256dh: string; auth: string };
  event: string;
  class: ShareClass;
  milestones: string[];
  leads: Lead[];
  locale: Locale;
}

export interface StoredSubscription extends SubscriptionInput {
  id: string;
  createdAt: number;
  updatedAt: number;
}

const SUB_PREFIX = keys.subscription("");
const EVENT_PREFIX = keys.eventSubscribers("");

/**
 * Create or update, atomically: the endpoint index decides the id, so the same endpoint twice (even at the
 * same moment) is one subscription. Moving to another event moves the id between the event sets.
 * An existing subscription is changed only when the request carries its stored auth secret (the caller has
 * compared it timing-safely; this checks again under the script's atomicity, with interned-string equality).
 * A new one is refused when the set of all subscriptions holds `cap` already.
 * KEYS[1] endpoint index, KEYS[2] set of all subscription ids; ARGV: new id, sub prefix, event prefix, now,
 * event, auth, cap, then field/value pairs. Returns {id, 1 created | 0 updated | -1 not the owner | -2 full}.
 */
const UPSERT_LUA = `
local id = redis.call('GET', KEYS[1])
local created = 0
if id then
  local storedAuth = redis.call('HGET', ARGV[2] .. id, 'auth')
  if storedAuth and storedAuth ~= ARGV[6] then return {'', -1} end
else
  if redis.call('SCARD', KEYS[2]) >= tonumber(ARGV[7]) then return {'', -2} end
  id = ARGV[1]
  redis.call('SET', KEYS[1], id)
end
redis.call('SADD', KEYS[2], id)
local subKey = ARGV[2] .. id
local previousEvent = redis.call('HGET', subKey, 'event')
local createdAt = redis.call('HGET', subKey, 'createdAt')
if not previousEvent then created = 1 end
if not createdAt then createdAt = ARGV[4] end
redis.call('DEL', subKey)
redis.call('HSET', subKey, 'id', id, 'createdAt', createdAt, 'updatedAt', ARGV[4], 'event', ARGV[5], unpack(ARGV, 8))
if previousEvent and previousEvent ~= ARGV[5] then
  redis.call('SREM', ARGV[3] .. previousEvent, id)
end
redis.call('SADD', ARGV[3] .. ARGV[5], id)
return {id, created}
`;

/**
 * Removes one subscription and its index entry (if the index still points at it).
 * KEYS[1] endpoint index, KEYS[2] set of all subscription ids; ARGV: id, sub prefix, event prefix.
 * Returns 1 when something was removed.
 */
const REMOVE_LUA = `
local subKey = ARGV[2] .. ARGV[1]
local event = redis.call('HGET', subKey, 'event')
redis.call('DEL', subKey)
redis.call('SREM', KEYS[2], ARGV[1])
if event then redis.call('SREM', ARGV[3] .. event, ARGV[1]) end
if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('DEL', KEYS[1]) end
if event then return 1 end
return 0
`;

type ScriptedRedis = Redis & {
  entitleUpsertSubscription(indexKey: string, allKey: string, ...args: string[]): Promise<[string, number]>;
  entitleRemoveSubscription(indexKey: string, allKey: string, ...args: string[]): Promise<number>;
};

function scripted(redis: Redis): ScriptedRedis {
  const r = redis as ScriptedRedis;
  if (typeof r.entitleUpsertSubscription !== "function") {
    redis.defineCommand("entitleUpsertSubscription", { numberOfKeys: 2, lua: UPSERT_LUA });
    redis.defineCommand("entitleRemoveSubscription", { numberOfKeys: 2, lua: REMOVE_LUA });
  }
  return r;
}

export function endpointHash(endpoint: string): string {
  return createHash("sha256").update(endpoint).digest("base64url");
}

function endpointKey(endpoint: string): string {
  return keys.endpointIndex(endpointHash(endpoint));
}

function toFields(input: SubscriptionInput): string[] {
  return [
    "endpoint",
    input.endpoint,
    "p256dh",
    input.keys.p256dh,
    "auth",
    input.keys.auth,
    "expirationTime",
    input.expirationTime === null ? "" : String(input.expirationTime),
    "class",
    input.class,
    "milestones",
    input.milestones.join(","),
    "leads",
    input.leads.join(","),
    "locale",
    input.locale,
  ];
}

const LOCALES: readonly string[] = ["en", "zh-Hant", "zh-Hans"];

/** A stored hash back into a subscription; undefined when missing or not one of ours. */
function fromHash(h: Record<string, string>): StoredSubscription | undefined {
  const { id, endpoint, p256dh, auth, event, locale } = h;
  if (!id || !endpoint || !p256dh || !auth || !event || !locale || !LOCALES.includes(locale)) return undefined;
  if (h.class !== "H" && h.class !== "A") return undefined;
  const leads = (h.leads ?? "").split(",").filter(isLead);
  return {
    id,
    endpoint,
    keys: { p256dh, auth },
    expirationTime: h.expirationTime ? Number(h.expirationTime) : null,
    event,
    class: h.class,
    milestones: (h.milestones ?? "").split(",").filter((m) => m !== ""),
    leads,
    locale: locale as StoredSubscription["locale"],
    createdAt: Number(h.createdAt),
    updatedAt: Number(h.updatedAt),
  };
}

/** Whether this subscription asked for this reminder. */
export function wantsReminder(
  sub: Pick<StoredSubscription, "event" | "milestones" | "leads">,
  event: string,
  milestone: string,
  lead: Lead,
): boolean {
  return sub.event === event && sub.milestones.includes(milestone) && sub.leads.includes(lead);
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export interface UpsertResult {
  /** Empty when refused. */
  id: string;
  created: boolean;
  /** `not-owner`: the endpoint is held with another auth secret; `full`: the cap on subscriptions is reached. */
  refusal?: "not-owner" | "full";
}

export interface SubscriptionStore {
  /**
   * Creates, or updates the subscription with the same endpoint when `input.keys.auth` is its stored secret;
   * refuses a new one past `cap` subscriptions.
   */
  upsert(input: SubscriptionInput, nowMs: number, cap?: number): Promise<UpsertResult>;
  /** How many subscriptions are stored. */
  count(): Promise<number>;
  get(id: string): Promise<StoredSubscription | undefined>;
  /** Removes the subscription of this endpoint if `auth` is its secret; false when there is none or it differs. */
  removeOwned(endpoint: string, auth: string): Promise<boolean>;
  /** Removes a subscription the push service says is gone (404/410). */
  removeGone(id: string, endpoint: string): Promise<boolean>;
  /** One page of an event's subscribers that asked for this reminder; cursor "0" when done. */
  scanWanting(event: string, milestone: string, lead: Lead, cursor: string, count: number): Promise<{ cursor: string; ids: string[] }>;
  countSubscribers(event: string): Promise<number>;
  /** The server's run_id (INFO server); it changes whenever Redis restarts. */
  serverRunId(): Promise<string>;
}

export function subscriptionStore(redis: Redis): SubscriptionStore {
  const r = scripted(redis);
  return {
    async upsert(input, nowMs, cap = Number.MAX_SAFE_INTEGER) {
      // The owner's proof, compared in constant time before anything is written (the script checks again).
      const existing = await redis.get(endpointKey(input.endpoint));
      if (existing) {
        const stored = await redis.hget(keys.subscription(existing), "auth");
        if (stored && !sameSecret(stored, input.keys.auth)) return { id: "", created: false, refusal: "not-owner" };
      }
      const newId = randomBytes(16).toString("base64url");
      const [id, outcome] = await r.entitleUpsertSubscription(
        endpointKey(input.endpoint),
        keys.allSubscriptions(),
        newId,
        SUB_PREFIX,
        EVENT_PREFIX,
        String(nowMs),
        input.event,
        input.keys.auth,
        String(cap),
        ...toFields(input),
      );
      if (outcome === -1) return { id: "", created: false, refusal: "not-owner" };
      if (outcome === -2) return { id: "", created: false, refusal: "full" };
      return { id, created: outcome === 1 };
    },

    count() {
      return redis.scard(keys.allSubscriptions());
    },

    async get(id) {
      return fromHash(await redis.hgetall(keys.subscription(id)));
    },

    async removeOwned(endpoint, auth) {
      const id = await redis.get(endpointKey(endpoint));
      if (!id) return false;
      const stored = await redis.hmget(keys.subscription(id), "endpoint", "auth");
      if (stored[0] !== endpoint || !stored[1] || !sameSecret(stored[1], auth)) return false;
      return (await r.entitleRemoveSubscription(endpointKey(endpoint), keys.allSubscriptions(), id, SUB_PREFIX, EVENT_PREFIX)) === 1;
    },

    async removeGone(id, endpoint) {
      const stored = await redis.hget(keys.subscription(id), "endpoint");
      if (stored !== endpoint) return false;
      return (await r.entitleRemoveSubscription(endpointKey(endpoint), keys.allSubscriptions(), id, SUB_PREFIX, EVENT_PREFIX)) === 1;
    },

    async scanWanting(event, milestone, lead, cursor, count) {
      const [next, ids] = await redis.sscan(keys.eventSubscribers(event), cursor, "COUNT", count);
      if (ids.length === 0) return { cursor: next, ids: [] };
      const pipeline = redis.pipeline();
      for (const id of ids) pipeline.hmget(keys.subscription(id), "event", "milestones", "leads");
      const rows = (await pipeline.exec()) ?? [];
      // A lookup that failed (Redis restarting) must not read as "does not want it": that would skip the
      // subscriber for good once the cursor moves on. Throw, and the fan-out retries from its saved cursor.
      const failed = rows.find((row) => row[0]);
      if (rows.length !== ids.length || failed) throw failed?.[0] ?? new Error("subscriber lookup incomplete");
      const wanting = ids.filter((_, i) => {
        const row = rows[i];
        if (!row) return false;
        const [ev, milestones, leads] = row[1] as (string | null)[];
        return wantsReminder(
          { event: ev ?? "", milestones: (milestones ?? "").split(","), leads: (leads ?? "").split(",").filter(isLead) },
          event,
          milestone,
          lead,
        );
      });
      return { cursor: next, ids: wanting };
    },

    async serverRunId() {
      const info = await redis.info("server");
      return /run_id:(\w+)/.exec(info)?.[1] ?? "";
    },

    countSubscribers(event) {
      return redis.scard(keys.eventSubscribers(event));
    },
  };
}
