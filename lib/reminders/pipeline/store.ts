import "server-only";
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { ConfigError } from "../../config";
import type { Locale, ShareClass } from "../../events/schema";
import { isLead, type Lead } from "../../schedule/leads";
import { keys, shardOf } from "./keys";
import { primaries, type RedisClient } from "./redis";
import { storeScripts } from "./store-scripts";

/**
 * Subscriptions, one per device (push endpoint), each holding a selection for any number of events
 * (DESIGN §3.2). Layout (version 2):
 *  - `entitle:sub:<id>` hash: id, v=2, endpoint, p256dh, auth, expirationTime, locale, createdAt, updatedAt, and
 *    one field `sel:<event>` per event: JSON `{ c: class, m: [milestones], l: [leads], t: createdAt, u: updatedAt }`;
 *  - `entitle:endpoint:<sha256(endpoint)>` → id; `entitle:subs` the set of all ids (MAX_SUBSCRIPTIONS);
 *  - the ids with a selection for an event, in one set (one Redis) or in `shards` sets (a Cluster; keys.ts),
 *    what a fan-out pages through.
 * Release 1 kept one event per hash in the fields event, class, milestones, leads: read here as that one
 * selection, converted in place by any write, and by `migrateStore` at start.
 *
 * Every step touches one key (so the same code runs on a Redis Cluster, where keys live on different nodes),
 * ordered so that a step cut short leaves nothing worse than a set member with no selection behind it, which
 * every reader skips: a device joins an event's set before its selection is written (and again after), and
 * leaves it after the selection is gone (going back if it was selected again meanwhile); the endpoint index is
 * claimed with SET NX, so the same endpoint twice is one device; a removed device stays an hour as a tombstone,
 * so a request that found its id just before starts a new device instead of reviving one being unindexed.
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

/**
 * How long a removed device's tombstone stays: far longer than a request takes, so a subscription that read the
 * device's id before the removal sees the tombstone and starts a new device (store.ts `standing`).
 */
const TOMBSTONE_MS = 60 * 60 * 1000;

/** Most events one device may hold reminders for. */
export const MAX_EVENTS_PER_DEVICE = 20;

const SUB_PREFIX = keys.subscription("");
const SEL = "sel:";

type ScriptedRedis = RedisClient & {
  entitleSetSelection(subKey: string, ...args: string[]): Promise<number>;
  entitleRemoveSelection(subKey: string, event: string, auth: string, endpoint: string, keepMs: string): Promise<(number | string)[]>;
  entitleMigrateSubscription(subKey: string): Promise<[string, number]>;
  entitleAdmitDevice(allKey: string, id: string, cap: string): Promise<number>;
  entitleDeleteIfEqual(key: string, value: string): Promise<number>;
  entitleReplaceIfEqual(key: string, old: string, value: string): Promise<number>;
  entitleRunId(key: string): Promise<string>;
};

function scripted(redis: RedisClient): ScriptedRedis {
  const r = redis as ScriptedRedis;
  if (typeof r.entitleSetSelection !== "function") {
    const lua = storeScripts();
    redis.defineCommand("entitleSetSelection", { numberOfKeys: 1, lua: lua.setSelection });
    redis.defineCommand("entitleRemoveSelection", { numberOfKeys: 1, lua: lua.remove });
    redis.defineCommand("entitleMigrateSubscription", { numberOfKeys: 1, lua: lua.migrate });
    redis.defineCommand("entitleAdmitDevice", { numberOfKeys: 1, lua: lua.admit });
    redis.defineCommand("entitleDeleteIfEqual", { numberOfKeys: 1, lua: lua.deleteIfEqual });
    redis.defineCommand("entitleReplaceIfEqual", { numberOfKeys: 1, lua: lua.replaceIfEqual });
    redis.defineCommand("entitleRunId", { numberOfKeys: 1, lua: lua.runId });
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
  /** How many sets each event's subscribers are spread over (1 on one Redis; EVENT_SHARDS). */
  readonly shards: number;
  /**
   * Sets this event's selection on the device with this endpoint (creating the device), when `device.keys.auth`
   * is the device's stored secret; refuses a new device past `cap`.
   */
  setSelection(device: DeviceInput, selection: SelectionInput, nowMs: number, cap?: number): Promise<SetSelectionResult>;
  /** `setSelection` with the device and the selection in one object. */
  upsert(input: SubscriptionInput, nowMs: number, cap?: number): Promise<SetSelectionResult>;
  get(id: string): Promise<StoredSubscription | undefined>;
  /** Several at once (sent together), in the order asked; undefined for those missing. Throws when a read fails. */
  getMany(ids: readonly string[]): Promise<(StoredSubscription | undefined)[]>;
  /**
   * Removes this event's selection (or, without `event`, the whole device) of the device with this endpoint,
   * if `auth` is its secret; false when there is none, or the secret differs.
   */
  removeOwned(endpoint: string, auth: string, event?: string): Promise<boolean>;
  /** Removes a device the push service says is gone (404/410). */
  removeGone(id: string, endpoint: string): Promise<boolean>;
  /** One page of one shard of an event's subscribers that asked for this reminder; cursor "0" when that shard is done. */
  scanWanting(
    event: string,
    milestone: string,
    lead: Lead,
    cursor: string,
    count: number,
    shard?: number,
  ): Promise<{ cursor: string; ids: string[] }>;
  countSubscribers(event: string): Promise<number>;
  /** How many devices are stored. */
  count(): Promise<number>;
  /**
   * The run_id of the server holding this shard of the event's subscribers: it changes when that server restarts
   * or a replica takes over, and an SSCAN cursor is then meaningless.
   */
  scanRunId(event: string, shard?: number): Promise<string>;
}

/**
 * The store on one Redis or a Redis Cluster. `shards` must be what the store was set up with
 * (`checkShardLayout` at start).
 */
export function subscriptionStore(redis: RedisClient, shards = 1): SubscriptionStore {
  const r = scripted(redis);
  const eventSet = (event: string, id: string) => keys.eventSubscribers(event, shardOf(id, shards), shards);
  const shardList = Array.from({ length: shards }, (_, i) => i);

  /** The id stored for this endpoint, when `auth` is its secret (compared in constant time). */
  async function ownedId(endpoint: string, auth: string): Promise<string | undefined> {
    const id = await redis.get(endpointKey(endpoint));
    if (!id) return undefined;
    const stored = await redis.hmget(keys.subscription(id), "endpoint", "auth");
    return stored[0] === endpoint && stored[1] && sameSecret(stored[1], auth) ? id : undefined;
  }

  /**
   * What the device under an indexed id is to a request with `auth`: its own (or one left half-made by a write
   * cut short: no secret yet), another owner's, or removed (a tombstone: a new device takes the endpoint).
   */
  async function standing(id: string, auth: string): Promise<"mine" | "not-owner" | "removed"> {
    const [stored, gone] = await redis.hmget(keys.subscription(id), "auth", "gone");
    if (gone === "1") return "removed";
    return !stored || sameSecret(stored, auth) ? "mine" : "not-owner";
  }

  /** The device id for this endpoint: the one indexed, or a new one admitted under the cap. */
  async function deviceId(endpoint: string, auth: string, cap: number): Promise<{ id: string } | { refusal: "not-owner" | "full" }> {
    const index = endpointKey(endpoint);
    const existing = await redis.get(index);
    const was = existing ? await standing(existing, auth) : undefined;
    if (existing && was === "mine") return { id: existing };
    if (was === "not-owner") return { refusal: "not-owner" };
    const id = randomBytes(16).toString("base64url");
    if ((await r.entitleAdmitDevice(keys.allSubscriptions(), id, String(cap))) !== 1) return { refusal: "full" };
    // A new device; or one taking the place of a device being removed, if the index still names that one.
    const claimed = existing ? (await r.entitleReplaceIfEqual(index, existing, id)) === 1 : (await redis.set(index, id, "NX")) === "OK";
    if (claimed) return { id };
    // Another request for this endpoint won the index meanwhile: that one's id is the device.
    await redis.srem(keys.allSubscriptions(), id);
    const winner = await redis.get(index);
    const now = winner ? await standing(winner, auth) : "removed";
    if (!winner || now === "removed") throw new Error("endpoint index changed during the subscription; try again");
    return now === "mine" ? { id: winner } : { refusal: "not-owner" };
  }

  /**
   * Takes a device out of the sets of the events removed from it, and forgets it when it became a tombstone. An
   * event selected again meanwhile (its selection back in the hash) goes back in its set: the request that
   * selected it adds it again after writing, and this looks after the removal, so either way it ends in the set.
   */
  async function afterRemove(id: string, endpoint: string, result: (number | string)[]): Promise<boolean> {
    if (Number(result[0]) === -1) return false;
    const events = result.slice(1).map(String);
    await Promise.all(
      events.map(async (event) => {
        await redis.srem(eventSet(event, id), id);
        if ((await redis.hexists(keys.subscription(id), `${SEL}${event}`)) === 1) await redis.sadd(eventSet(event, id), id);
      }),
    );
    if (Number(result[0]) === 1) {
      await redis.srem(keys.allSubscriptions(), id);
      await r.entitleDeleteIfEqual(endpointKey(endpoint), id);
    }
    return Number(result[0]) === 1 || events.length > 0;
  }

  /** Removes one event's selection (or all) from a device hash; a device left with none becomes a tombstone. */
  const removeFromHash = (id: string, event: string, auth: string, endpoint: string) =>
    r.entitleRemoveSelection(keys.subscription(id), event, auth, endpoint, String(TOMBSTONE_MS));

  const store: SubscriptionStore = {
    shards,

    upsert(input, nowMs, cap) {
      const { event, class: cls, milestones, leads, ...device } = input;
      return store.setSelection(device, { event, class: cls, milestones, leads }, nowMs, cap);
    },

    async setSelection(device, selection, nowMs, cap = Number.MAX_SAFE_INTEGER) {
      const json = JSON.stringify({ c: selection.class, m: selection.milestones, l: selection.leads, t: nowMs, u: nowMs });
      // Twice at most: a device removed between finding its id and writing (-4) is replaced by a new one.
      for (let attempt = 0; attempt < 2; attempt++) {
        const found = await deviceId(device.endpoint, device.keys.auth, cap);
        if ("refusal" in found) return { id: "", created: false, refusal: found.refusal };
        const { id } = found;
        // In the event's set before the selection exists (a fan-out that reads the set never misses a
        // selection), and again after it is written (a removal running at the same time may have taken it out).
        // A member left behind by a refusal is harmless: every reader skips a member with no selection.
        const set = eventSet(selection.event, id);
        await redis.sadd(set, id);
        const outcome = await r.entitleSetSelection(
          keys.subscription(id),
          id,
          String(nowMs),
          selection.event,
          device.keys.auth,
          String(MAX_EVENTS_PER_DEVICE),
          json,
          ...deviceFields(device),
        );
        if (outcome === -4) continue;
        if (outcome === -1) return { id: "", created: false, refusal: "not-owner" };
        if (outcome === -3) return { id: "", created: false, refusal: "too-many-events" };
        await redis.sadd(set, id);
        // Counted among all devices (a device whose index was left by a cut-short write is counted here).
        await redis.sadd(keys.allSubscriptions(), id);
        return { id, created: outcome === 1 };
      }
      throw new Error("the device was removed twice while subscribing; try again");
    },

    async get(id) {
      return fromHash(await redis.hgetall(keys.subscription(id)));
    },

    async getMany(ids) {
      // Sent together (auto-pipelined on the worker's connection; grouped by node on a Cluster).
      const rows = await Promise.all(ids.map((id) => redis.hgetall(keys.subscription(id))));
      return rows.map((row) => fromHash(row));
    },

    async removeOwned(endpoint, auth, event) {
      const id = await ownedId(endpoint, auth);
      if (!id) return false;
      return afterRemove(id, endpoint, await removeFromHash(id, event ?? "", auth, ""));
    },

    async removeGone(id, endpoint) {
      return afterRemove(id, endpoint, await removeFromHash(id, "", "", endpoint));
    },

    async scanWanting(event, milestone, lead, cursor, count, shard = 0) {
      const [next, ids] = await redis.sscan(keys.eventSubscribers(event, shard, shards), cursor, "COUNT", count);
      // A lookup that failed (Redis restarting) must not read as "does not want it": that would skip the
      // subscriber for good once the cursor moves on. It throws, and the fan-out retries from its saved cursor.
      const rows = await Promise.all(
        ids.map((id) => redis.hmget(keys.subscription(id), `${SEL}${event}`, "event", "class", "milestones", "leads")),
      );
      const wanting = ids.filter((_, i) => {
        const [sel, legacyEvent, cls, milestones, leads] = (rows[i] ?? []) as (string | null)[];
        const selection = parseSelection(sel) ?? (legacyEvent === event ? legacySelection({ class: cls, milestones, leads }) : undefined);
        return selection !== undefined && wantsReminder({ selections: { [event]: selection } }, event, milestone, lead);
      });
      return { cursor: next, ids: wanting };
    },

    scanRunId(event, shard = 0) {
      return r.entitleRunId(keys.eventSubscribers(event, shard, shards));
    },

    async countSubscribers(event) {
      const counts = await Promise.all(shardList.map((shard) => redis.scard(keys.eventSubscribers(event, shard, shards))));
      return counts.reduce((a, b) => a + b, 0);
    },

    count() {
      return redis.scard(keys.allSubscriptions());
    },
  };
  return store;
}

/**
 * Makes sure this store keeps the number of subscriber sets per event it was set up with: recorded by the first
 * process, refused when a later one says otherwise (the sets would no longer be where the fan-out looks). A
 * store from before EVENT_SHARDS (no record, devices already stored) is one set per event.
 */
export async function checkShardLayout(redis: RedisClient, shards: number): Promise<void> {
  let recorded = await redis.get(keys.eventShards());
  if (recorded === null) {
    const legacy = (await redis.scard(keys.allSubscriptions())) > 0;
    await redis.set(keys.eventShards(), legacy ? "1" : String(shards), "NX");
    recorded = await redis.get(keys.eventShards());
  }
  if (Number(recorded) !== shards)
    throw new ConfigError(
      `EVENT_SHARDS is ${shards} but this Redis keeps each event's subscribers in ${recorded} set(s): set EVENT_SHARDS=${recorded}.`,
    );
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
 * by its canonical endpoint (release 1 stored endpoints as sent). On a Cluster every master is scanned.
 */
export async function migrateStore(redis: RedisClient): Promise<MigrationReport> {
  const report: MigrationReport = { scanned: 0, converted: 0, reindexed: 0, duplicates: 0 };
  if ((await redis.get(keys.schema())) === "2") return report;
  const r = scripted(redis);
  const store = subscriptionStore(redis);
  for (const node of primaries(redis)) {
    let cursor = "0";
    do {
      const [next, found] = await node.scan(cursor, "MATCH", `${SUB_PREFIX}*`, "COUNT", 500);
      cursor = next;
      for (const subKey of found) {
        report.scanned++;
        const [id, converted] = await r.entitleMigrateSubscription(subKey);
        report.converted += Number(converted);
        if (!id) continue;
        await redis.sadd(keys.allSubscriptions(), id);
        const endpoint = await redis.hget(subKey, "endpoint");
        if (!endpoint) continue;
        let canonical: string;
        try {
          canonical = new URL(endpoint).href;
        } catch {
          continue; // not a URL: the sender refuses it, and the push service's answer never comes
        }
        if (canonical === endpoint) continue;
        const owner = await redis.get(endpointKey(canonical));
        if (owner && owner !== id) {
          await store.removeGone(id, endpoint);
          report.duplicates++;
          continue;
        }
        // Indexed under the canonical spelling first, then stored so, then the old index dropped.
        await redis.set(endpointKey(canonical), id);
        await redis.hset(subKey, "endpoint", canonical);
        await redis.del(endpointKey(endpoint));
        report.reindexed++;
      }
    } while (cursor !== "0");
  }
  await redis.set(keys.schema(), "2");
  return report;
}
