import "server-only";
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import type { Redis } from "ioredis";
import type { Locale, ShareClass } from "../../events/schema";
import { isLead, type Lead } from "../../schedule/leads";
import { keys } from "./keys";

/**
 * Subscriptions, one per device (push endpoint), each holding a selection for any number of events
 * (DESIGN §3.2). Layout (version 2):
 *  - `entitle:sub:{id}` hash: id, v=2, endpoint, p256dh, auth, expirationTime, locale, createdAt, updatedAt, and
 *    one field `sel:{event}` per event: JSON `{ c: class, m: [milestones], l: [leads], t: createdAt, u: updatedAt }`;
 *  - `entitle:endpoint:{sha256(endpoint)}` → id; `entitle:subs` the set of all ids (MAX_SUBSCRIPTIONS);
 *  - `entitle:event-subs:{event}` the set of ids with a selection for that event (what a fan-out pages through).
 * Release 1 kept one event per hash in the fields event, class, milestones, leads: read here as that one
 * selection, converted in place by any write, and by `migrateStore` at start.
 */

/** The device: what the push service needs to reach it, and its language. */
export interface DeviceInput {
  endpoint: string;
  expirationTime: number | null;
  keys: { p256dh: string; auth: string };
  locale: Locale;
}

/** What a device asked to be reminded of, for one event. */
export interface SelectionInput {
  event: string;
  class: ShareClass;
  milestones: string[];
  leads: Lead[];
}

/** A device and one event's selection together (release 1's shape; tests, benchmarks and seeding use it). */
export type SubscriptionInput = DeviceInput & SelectionInput;

export interface Selection extends Omit<SelectionInput, "event"> {
  /** When this event's selection was first made: reminders due before it are never sent. */
  createdAt: number;
  updatedAt: number;
}

export interface StoredSubscription extends DeviceInput {
  id: string;
  createdAt: number;
  updatedAt: number;
  /** By event id. */
  selections: Record<string, Selection>;
}

export interface SetSelectionResult {
  /** Empty when refused. */
  id: string;
  /** Whether this event's selection is new on this device (201), or replaced one (200). */
  created: boolean;
  /**
   * `not-owner`: the endpoint is held with another auth secret; `full`: MAX_SUBSCRIPTIONS reached (a new
   * device); `too-many-events`: the device has selections for the most events allowed.
   */
  refusal?: "not-owner" | "full" | "too-many-events";
}

/** Most events one device may hold reminders for. */
export const MAX_EVENTS_PER_DEVICE = 20;

const SUB_PREFIX = keys.subscription("");
const EVENT_PREFIX = keys.eventSubscribers("");
const SEL = "sel:";

/**
 * Converts a release-1 hash in place (its one event becomes a selection field). A Lua function shared by the
 * scripts below; expects `subKey` and `eventPrefix` (unused here: the event set membership stays the same).
 */
const CONVERT_LUA = `
local function convert(subKey)
  local old = redis.call('HMGET', subKey, 'event', 'class', 'milestones', 'leads', 'createdAt', 'updatedAt')
  if not old[1] then return end
  local function list(text)
    local out = {}
    if text then for item in string.gmatch(text, '[^,]+') do table.insert(out, item) end end
    if #out == 0 then return cjson.decode('[]') end
    return out
  end
  local sel = { c = old[2], m = list(old[3]), l = list(old[4]), t = tonumber(old[5]) or 0, u = tonumber(old[6]) or 0 }
  redis.call('HSET', subKey, '${SEL}' .. old[1], cjson.encode(sel), 'v', '2')
  redis.call('HDEL', subKey, 'event', 'class', 'milestones', 'leads')
end
`;

/**
 * Sets one event's selection on a device, atomically: the endpoint index decides the id, so the same endpoint
 * twice (even at the same moment) is one device. An existing device is changed only with its stored auth secret
 * (the caller compared it timing-safely; this checks again under the script's atomicity). A new device is
 * refused past `cap`; a new event past `maxEvents` per device.
 * KEYS[1] endpoint index, KEYS[2] set of all ids; ARGV: new id, sub prefix, event prefix, now, event, auth, cap,
 * maxEvents, selection JSON, then the device's field/value pairs.
 * Returns {id, 1 new selection | 0 replaced | -1 not the owner | -2 full | -3 too many events}.
 */
const SET_SELECTION_LUA = `${CONVERT_LUA}
local id = redis.call('GET', KEYS[1])
if id then
  local storedAuth = redis.call('HGET', ARGV[2] .. id, 'auth')
  if storedAuth and storedAuth ~= ARGV[6] then return {'', -1} end
else
  if redis.call('SCARD', KEYS[2]) >= tonumber(ARGV[7]) then return {'', -2} end
  id = ARGV[1]
  redis.call('SET', KEYS[1], id)
end
local subKey = ARGV[2] .. id
convert(subKey)
local field = '${SEL}' .. ARGV[5]
local previous = redis.call('HGET', subKey, field)
local sel = cjson.decode(ARGV[9])
local created = 1
if previous then
  created = 0
  sel.t = cjson.decode(previous).t
else
  local events = 0
  for _, name in ipairs(redis.call('HKEYS', subKey)) do
    if string.sub(name, 1, ${SEL.length}) == '${SEL}' then events = events + 1 end
  end
  if events >= tonumber(ARGV[8]) then return {'', -3} end
end
local createdAt = redis.call('HGET', subKey, 'createdAt') or ARGV[4]
redis.call('HSET', subKey, 'id', id, 'v', '2', 'createdAt', createdAt, 'updatedAt', ARGV[4], field, cjson.encode(sel), unpack(ARGV, 10))
redis.call('SADD', KEYS[2], id)
redis.call('SADD', ARGV[3] .. ARGV[5], id)
return {id, created}
`;

/**
 * Removes one event's selection from a device (ARGV[4] an event id), or the whole device (ARGV[4] empty); a
 * device left with no selection is removed too. ARGV[5], when not empty, must be the stored auth secret.
 * KEYS[1] endpoint index, KEYS[2] set of all ids; ARGV: id, sub prefix, event prefix, event or '', auth or ''.
 * Returns 1 when something was removed, 0 when there was nothing (or the secret differs).
 */
const REMOVE_LUA = `${CONVERT_LUA}
local subKey = ARGV[2] .. ARGV[1]
if redis.call('EXISTS', subKey) == 0 then return 0 end
if ARGV[5] ~= '' and redis.call('HGET', subKey, 'auth') ~= ARGV[5] then return 0 end
convert(subKey)
local selections = {}
for _, name in ipairs(redis.call('HKEYS', subKey)) do
  if string.sub(name, 1, ${SEL.length}) == '${SEL}' then table.insert(selections, string.sub(name, ${SEL.length + 1})) end
end
local removed = 0
local left = #selections
for _, event in ipairs(selections) do
  if ARGV[4] == '' or ARGV[4] == event then
    redis.call('HDEL', subKey, '${SEL}' .. event)
    redis.call('SREM', ARGV[3] .. event, ARGV[1])
    removed = 1
    left = left - 1
  end
end
if ARGV[4] == '' or left == 0 then
  redis.call('DEL', subKey)
  redis.call('SREM', KEYS[2], ARGV[1])
  if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('DEL', KEYS[1]) end
  removed = 1
end
return removed
`;

/**
 * Brings one release-1 hash to version 2 (MIGRATE at start): converts it and makes sure it is counted.
 * KEYS[1] the hash, KEYS[2] set of all ids. Returns 1 when it converted something.
 */
const MIGRATE_LUA = `${CONVERT_LUA}
local id = redis.call('HGET', KEYS[1], 'id')
if not id then return 0 end
local old = redis.call('HEXISTS', KEYS[1], 'event')
convert(KEYS[1])
redis.call('SADD', KEYS[2], id)
return old
`;

type ScriptedRedis = Redis & {
  entitleSetSelection(indexKey: string, allKey: string, ...args: string[]): Promise<[string, number]>;
  entitleRemoveSelection(indexKey: string, allKey: string, ...args: string[]): Promise<number>;
  entitleMigrateSubscription(subKey: string, allKey: string): Promise<number>;
};

function scripted(redis: Redis): ScriptedRedis {
  const r = redis as ScriptedRedis;
  if (typeof r.entitleSetSelection !== "function") {
    redis.defineCommand("entitleSetSelection", { numberOfKeys: 2, lua: SET_SELECTION_LUA });
    redis.defineCommand("entitleRemoveSelection", { numberOfKeys: 2, lua: REMOVE_LUA });
    redis.defineCommand("entitleMigrateSubscription", { numberOfKeys: 2, lua: MIGRATE_LUA });
  }
  return r;
}

export function endpointHash(endpoint: string): string {
  return createHash("sha256").update(endpoint).digest("base64url");
}

function endpointKey(endpoint: string): string {
  return keys.endpointIndex(endpointHash(endpoint));
}

function deviceFields(device: DeviceInput): string[] {
  return [
    "endpoint",
    device.endpoint,
    "p256dh",
    device.keys.p256dh,
    "auth",
    device.keys.auth,
    "expirationTime",
    device.expirationTime === null ? "" : String(device.expirationTime),
    "locale",
    device.locale,
  ];
}

const LOCALES: readonly string[] = ["en", "zh-Hant", "zh-Hans"];

interface SelectionJson {
  c?: unknown;
  m?: unknown;
  l?: unknown;
  t?: unknown;
  u?: unknown;
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string" && v !== "") : [];
}

/** A stored selection field (or release 1's fields) back into a selection; undefined when unreadable. */
function toSelection(json: SelectionJson): Selection | undefined {
  if (json.c !== "H" && json.c !== "A") return undefined;
  return {
    class: json.c,
    milestones: strings(json.m),
    leads: strings(json.l).filter(isLead),
    createdAt: Number(json.t) || 0,
    updatedAt: Number(json.u) || 0,
  };
}

function parseSelection(text: string | null | undefined): Selection | undefined {
  if (!text) return undefined;
  try {
    return toSelection(JSON.parse(text) as SelectionJson);
  } catch {
    return undefined;
  }
}

/** Release 1's one selection, from its fields. */
function legacySelection(h: Record<string, string | null | undefined>): Selection | undefined {
  return toSelection({
    c: h.class,
    m: (h.milestones ?? "").split(","),
    l: (h.leads ?? "").split(","),
    t: h.createdAt,
    u: h.updatedAt,
  });
}

/** A stored hash back into a subscription; undefined when missing or not one of ours. */
function fromHash(h: Record<string, string>): StoredSubscription | undefined {
  const { id, endpoint, p256dh, auth, locale } = h;
  if (!id || !endpoint || !p256dh || !auth || !locale || !LOCALES.includes(locale)) return undefined;
  const selections: Record<string, Selection> = {};
  for (const [field, value] of Object.entries(h)) {
    if (!field.startsWith(SEL)) continue;
    const selection = parseSelection(value);
    if (selection) selections[field.slice(SEL.length)] = selection;
  }
  if (h.event) {
    const legacy = legacySelection(h);
    if (legacy) selections[h.event] = legacy;
  }
  return {
    id,
    endpoint,
    keys: { p256dh, auth },
    expirationTime: h.expirationTime ? Number(h.expirationTime) : null,
    locale: locale as Locale,
    createdAt: Number(h.createdAt),
    updatedAt: Number(h.updatedAt),
    selections,
  };
}

/** Whether this subscription asked for this reminder. */
export function wantsReminder(sub: Pick<StoredSubscription, "selections">, event: string, milestone: string, lead: Lead): boolean {
  const selection = Object.hasOwn(sub.selections, event) ? sub.selections[event] : undefined;
  return (selection?.milestones.includes(milestone) && selection.leads.includes(lead)) === true;
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export interface SubscriptionStore {
  /**
   * Sets this event's selection on the device with this endpoint (creating the device), when `device.keys.auth`
   * is the device's stored secret; refuses a new device past `cap`.
   */
  setSelection(device: DeviceInput, selection: SelectionInput, nowMs: number, cap?: number): Promise<SetSelectionResult>;
  /** `setSelection` with the device and the selection in one object. */
  upsert(input: SubscriptionInput, nowMs: number, cap?: number): Promise<SetSelectionResult>;
  get(id: string): Promise<StoredSubscription | undefined>;
  /** Several at once (one round trip), in the order asked; undefined for those missing. Throws when a read fails. */
  getMany(ids: readonly string[]): Promise<(StoredSubscription | undefined)[]>;
  /**
   * Removes this event's selection (or, without `event`, the whole device) of the device with this endpoint,
   * if `auth` is its secret; false when there is none, or the secret differs.
   */
  removeOwned(endpoint: string, auth: string, event?: string): Promise<boolean>;
  /** Removes a device the push service says is gone (404/410). */
  removeGone(id: string, endpoint: string): Promise<boolean>;
  /** One page of an event's subscribers that asked for this reminder; cursor "0" when done. */
  scanWanting(event: string, milestone: string, lead: Lead, cursor: string, count: number): Promise<{ cursor: string; ids: string[] }>;
  countSubscribers(event: string): Promise<number>;
  /** How many devices are stored. */
  count(): Promise<number>;
  /** The server's run_id (INFO server); it changes whenever Redis restarts. */
  serverRunId(): Promise<string>;
}

export function subscriptionStore(redis: Redis): SubscriptionStore {
  const r = scripted(redis);

  /** The id stored for this endpoint, when `auth` is its secret (compared in constant time). */
  async function ownedId(endpoint: string, auth: string): Promise<string | undefined> {
    const id = await redis.get(endpointKey(endpoint));
    if (!id) return undefined;
    const stored = await redis.hmget(keys.subscription(id), "endpoint", "auth");
    return stored[0] === endpoint && stored[1] && sameSecret(stored[1], auth) ? id : undefined;
  }

  const store: SubscriptionStore = {
    upsert(input, nowMs, cap) {
      const { event, class: cls, milestones, leads, ...device } = input;
      return store.setSelection(device, { event, class: cls, milestones, leads }, nowMs, cap);
    },

    async setSelection(device, selection, nowMs, cap = Number.MAX_SAFE_INTEGER) {
      const existing = await redis.get(endpointKey(device.endpoint));
      if (existing) {
        const stored = await redis.hget(keys.subscription(existing), "auth");
        if (stored && !sameSecret(stored, device.keys.auth)) return { id: "", created: false, refusal: "not-owner" };
      }
      const json = JSON.stringify({ c: selection.class, m: selection.milestones, l: selection.leads, t: nowMs, u: nowMs });
      const [id, outcome] = await r.entitleSetSelection(
        endpointKey(device.endpoint),
        keys.allSubscriptions(),
        randomBytes(16).toString("base64url"),
        SUB_PREFIX,
        EVENT_PREFIX,
        String(nowMs),
        selection.event,
        device.keys.auth,
        String(cap),
        String(MAX_EVENTS_PER_DEVICE),
        json,
        ...deviceFields(device),
      );
      if (outcome === -1) return { id: "", created: false, refusal: "not-owner" };
      if (outcome === -2) return { id: "", created: false, refusal: "full" };
      if (outcome === -3) return { id: "", created: false, refusal: "too-many-events" };
      return { id, created: outcome === 1 };
    },

    async get(id) {
      return fromHash(await redis.hgetall(keys.subscription(id)));
    },

    async getMany(ids) {
      if (ids.length === 0) return [];
      const pipeline = redis.pipeline();
      for (const id of ids) pipeline.hgetall(keys.subscription(id));
      const rows = (await pipeline.exec()) ?? [];
      // A read that failed (Redis restarting) must not read as "gone": that would skip the subscriber for good.
      const failed = rows.find((row) => row[0]);
      if (rows.length !== ids.length || failed) throw failed?.[0] ?? new Error("subscription lookup incomplete");
      return rows.map((row) => fromHash(row[1] as Record<string, string>));
    },

    async removeOwned(endpoint, auth, event) {
      const id = await ownedId(endpoint, auth);
      if (!id) return false;
      const removed = await r.entitleRemoveSelection(
        endpointKey(endpoint),
        keys.allSubscriptions(),
        id,
        SUB_PREFIX,
        EVENT_PREFIX,
        event ?? "",
        auth,
      );
      return removed === 1;
    },

    async removeGone(id, endpoint) {
      const stored = await redis.hget(keys.subscription(id), "endpoint");
      if (stored !== endpoint) return false;
      return (await r.entitleRemoveSelection(endpointKey(endpoint), keys.allSubscriptions(), id, SUB_PREFIX, EVENT_PREFIX, "", "")) === 1;
    },

    async scanWanting(event, milestone, lead, cursor, count) {
      const [next, ids] = await redis.sscan(keys.eventSubscribers(event), cursor, "COUNT", count);
      if (ids.length === 0) return { cursor: next, ids: [] };
      const pipeline = redis.pipeline();
      for (const id of ids) pipeline.hmget(keys.subscription(id), `${SEL}${event}`, "event", "class", "milestones", "leads");
      const rows = (await pipeline.exec()) ?? [];
      // A lookup that failed (Redis restarting) must not read as "does not want it": that would skip the
      // subscriber for good once the cursor moves on. Throw, and the fan-out retries from its saved cursor.
      const failed = rows.find((row) => row[0]);
      if (rows.length !== ids.length || failed) throw failed?.[0] ?? new Error("subscriber lookup incomplete");
      const wanting = ids.filter((_, i) => {
        const [sel, legacyEvent, cls, milestones, leads] = (rows[i]?.[1] ?? []) as (string | null)[];
        const selection = parseSelection(sel) ?? (legacyEvent === event ? legacySelection({ class: cls, milestones, leads }) : undefined);
        return selection !== undefined && wantsReminder({ selections: { [event]: selection } }, event, milestone, lead);
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

    count() {
      return redis.scard(keys.allSubscriptions());
    },
  };
  return store;
}

export interface MigrationReport {
  /** Hashes looked at. */
  scanned: number;
  /** Release-1 hashes converted to one selection each. */
  converted: number;
  /** Endpoints stored in another spelling than their canonical URL, re-indexed under it. */
  reindexed: number;
  /** Devices dropped because another device already holds their canonical endpoint. */
  duplicates: number;
}

/**
 * Brings a store written by release 1 to version 2, at worker and web start; idempotent, safe to run from
 * several processes at once, and quick when there is nothing to do (`entitle:schema` says 2). Every hash is
 * converted in place (its one event becomes a selection), counted in the set of all subscriptions, and indexed
 * by its canonical endpoint (release 1 stored endpoints as sent).
 */
export async function migrateStore(redis: Redis): Promise<MigrationReport> {
  const report: MigrationReport = { scanned: 0, converted: 0, reindexed: 0, duplicates: 0 };
  if ((await redis.get(keys.schema())) === "2") return report;
  const r = scripted(redis);
  let cursor = "0";
  do {
    const [next, found] = await redis.scan(cursor, "MATCH", `${SUB_PREFIX}*`, "COUNT", 500);
    cursor = next;
    for (const subKey of found) {
      report.scanned++;
      report.converted += await r.entitleMigrateSubscription(subKey, keys.allSubscriptions());
      const [id, endpoint] = await redis.hmget(subKey, "id", "endpoint");
      if (!id || !endpoint) continue;
      let canonical: string;
      try {
        canonical = new URL(endpoint).href;
      } catch {
        continue; // not a URL: the sender refuses it, and the push service's answer never comes
      }
      if (canonical === endpoint) continue;
      const owner = await redis.get(endpointKey(canonical));
      if (owner && owner !== id) {
        await r.entitleRemoveSelection(endpointKey(endpoint), keys.allSubscriptions(), id, SUB_PREFIX, EVENT_PREFIX, "", "");
        report.duplicates++;
        continue;
      }
      await redis.multi().set(endpointKey(canonical), id).hset(subKey, "endpoint", canonical).del(endpointKey(endpoint)).exec();
      report.reindexed++;
    }
  } while (cursor !== "0");
  await redis.set(keys.schema(), "2");
  return report;
}
