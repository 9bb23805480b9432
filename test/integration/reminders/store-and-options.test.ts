/**
 * The subscription store against a real Redis (atomic upsert by endpoint, ownership, moves between events),
 * the push options (TTL, urgency, topic, Retry-After), and how the worker fails on a bad environment.
 */

import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { ConfigError, parseConfig } from "@/lib/config";
import {
  checkShardLayout,
  endpointHash,
  MAX_EVENTS_PER_DEVICE,
  type SubscriptionInput,
  subscriptionStore,
} from "@/lib/reminders/pipeline/store";
import { MAX_TTL_SECONDS, topicFor, ttlSeconds, urgencyFor } from "@/lib/reminders/push/push-options";
import { retryAfterMs } from "@/lib/reminders/push/sender";
import { type RunningRedis, startRedis } from "../../support/redis";
import { LODGEMENT, redisClient, spawnWorker } from "./harness";

vi.mock("server-only", () => ({}));

let redis: RunningRedis;
let connection: Redis;

beforeAll(async () => {
  redis = await startRedis();
  connection = redisClient(redis.url);
});

afterAll(async () => {
  await connection?.quit();
  await redis?.destroy();
});

let n = 0;
function input(overrides: Partial<SubscriptionInput> = {}): SubscriptionInput {
  n++;
  return {
    endpoint: `https://fcm.googleapis.com/fcm/send/test-${n}`,
    expirationTime: null,
    keys: { p256dh: `p256dh-${n}`, auth: `auth-${n}` },
    event: "jlmag-2022-final",
    class: "H",
    milestones: ["h-lodgement-deadline"],
    leads: ["PT2H"],
    locale: "en",
    ...overrides,
  };
}

describe("the subscription store", () => {
  it("completes a device whose subscription was cut short after its endpoint was indexed", async () => {
    const store = subscriptionStore(connection);
    const base = input();
    // What a process killed between claiming the index and writing the device leaves behind.
    await connection.set(`entitle:endpoint:${endpointHash(base.endpoint)}`, "half-made-id");
    await connection.sadd("entitle:subs", "half-made-id");
    const made = await store.upsert(base, 5000);
    expect(made).toEqual({ id: "half-made-id", created: true });
    expect((await store.get("half-made-id"))?.selections["jlmag-2022-final"]?.leads).toEqual(["PT2H"]);
    expect(await connection.sismember("entitle:event-subs:jlmag-2022-final", "half-made-id")).toBe(1);
    // From then on it is an ordinary device: another secret is refused.
    expect((await store.upsert({ ...base, keys: { ...base.keys, auth: "someone-else" } }, 6000)).refusal).toBe("not-owner");
  });

  it("keeps the number of subscriber sets per event it was set up with (EVENT_SHARDS)", async () => {
    const fresh = await startRedis();
    const other = redisClient(fresh.url);
    try {
      // A new, empty store takes the number it is given, and keeps it.
      await checkShardLayout(other, 4);
      await checkShardLayout(other, 4);
      await expect(checkShardLayout(other, 1)).rejects.toThrow(
        "EVENT_SHARDS is 1 but this Redis keeps each event's subscribers in 4 set(s)",
      );
      const store = subscriptionStore(other, 4);
      const made = await store.upsert(input(), 1000);
      expect(await store.countSubscribers("jlmag-2022-final")).toBe(1);
      // Found in exactly one of the four sets, by a scan of each.
      const found = await Promise.all(
        [0, 1, 2, 3].map((s) => store.scanWanting("jlmag-2022-final", "h-lodgement-deadline", "PT2H", "0", 10, s)),
      );
      expect(found.flatMap((page) => page.ids)).toEqual([made.id]);
    } finally {
      await other.quit();
      await fresh.destroy();
    }
  });

  it("counts a store written before EVENT_SHARDS (devices in one set per event, no record) as one set per event", async () => {
    await subscriptionStore(connection).upsert(input(), 1000);
    expect(await connection.get("entitle:event-shards")).toBeNull();
    await expect(checkShardLayout(connection, 16)).rejects.toThrow("set EVENT_SHARDS=1");
    await checkShardLayout(connection, 1);
  });

  it("a device removed while it subscribes to another event: the subscription makes a new device, which its owner can remove", async () => {
    const store = subscriptionStore(connection);
    const base = input();
    const { id: old } = await store.upsert(base, 1000);
    // The removal of its last event has made the hash a tombstone; the endpoint index still names it.
    const index = `entitle:endpoint:${endpointHash(base.endpoint)}`;
    await connection.del(`entitle:sub:${old}`);
    await connection.hset(`entitle:sub:${old}`, "id", old, "gone", "1");
    const made = await store.upsert({ ...base, event: "another-event" }, 2000);
    expect(made.created).toBe(true);
    expect(made.id).not.toBe(old);
    expect(await connection.get(index)).toBe(made.id);
    expect(await connection.sismember("entitle:event-subs:another-event", made.id)).toBe(1);
    expect(await connection.sismember("entitle:subs", made.id)).toBe(1);
    // The removal goes on (the old id out of the set of all devices; the index only if it still names it).
    await connection.srem("entitle:subs", old);
    expect(await store.removeGone(old, base.endpoint)).toBe(false);
    expect(await connection.get(index)).toBe(made.id);
    expect(await store.removeOwned(base.endpoint, base.keys.auth)).toBe(true);
    expect(await connection.get(index)).toBeNull();
    expect(await connection.sismember("entitle:event-subs:another-event", made.id)).toBe(0);
    expect(await store.get(made.id)).toBeUndefined();
  });

  it("removing and selecting an event at the same time never leaves a selection outside its event's set", async () => {
    const store = subscriptionStore(connection);
    const event = "race-event";
    for (let round = 0; round < 60; round++) {
      const base = input({ event });
      const { id } = await store.upsert({ ...base, event: "race-keep" }, 1000);
      await store.upsert(base, 1000);
      // Remove and select again, started together (their steps interleave), in both orders.
      const ops = [() => store.removeOwned(base.endpoint, base.keys.auth, event), () => store.upsert(base, 2000)];
      if (round % 2) ops.reverse();
      await Promise.all(ops.map((op) => op()));
      const selected = (await connection.hexists(`entitle:sub:${id}`, `sel:${event}`)) === 1;
      if (selected) expect(await connection.sismember(`entitle:event-subs:${event}`, id)).toBe(1);
    }
  });

  it("makes one subscription of one endpoint, even when it is posted twenty times at once", async () => {
    const store = subscriptionStore(connection);
    const base = input();
    const subsBefore = await connection.scard("entitle:subs");
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => store.upsert({ ...base, locale: i % 2 ? "zh-Hant" : "en" }, 1000 + i)),
    );
    expect(new Set(results.map((r) => r.id)).size).toBe(1);
    expect(results.filter((r) => r.created)).toHaveLength(1);
    const id = results[0]?.id ?? "";
    expect((await connection.smembers("entitle:event-subs:jlmag-2022-final")).filter((m) => m === id)).toHaveLength(1);
    // The requests that lost the race for the index gave back their place among all devices.
    const ids = await connection.smembers("entitle:subs");
    expect(ids.filter((m) => m === id)).toHaveLength(1);
    expect(await connection.scard("entitle:subs")).toBe(subsBefore + 1);
    const stored = await store.get(id);
    expect(stored?.createdAt).toBe(1000 + results.findIndex((r) => r.created));
  });

  it("keeps one selection per event on a device: a second event adds one, the first stays", async () => {
    const store = subscriptionStore(connection);
    const base = input();
    const first = await store.upsert(base, 1);
    const second = await store.upsert({ ...base, event: "another-event", class: "A", milestones: ["a-payment"], leads: ["P1D"] }, 2);
    expect(second).toEqual({ id: first.id, created: true });
    expect(await connection.sismember("entitle:event-subs:jlmag-2022-final", first.id)).toBe(1);
    expect(await connection.sismember("entitle:event-subs:another-event", first.id)).toBe(1);
    const stored = await store.get(first.id);
    expect(stored?.selections).toEqual({
      "jlmag-2022-final": { class: "H", milestones: [LODGEMENT.id], leads: ["PT2H"], createdAt: 1, updatedAt: 1 },
      "another-event": { class: "A", milestones: ["a-payment"], leads: ["P1D"], createdAt: 2, updatedAt: 2 },
    });
    // Setting the first event again replaces its selection only (200), keeping when it was first made.
    expect(await store.upsert({ ...base, leads: ["P7D"] }, 3)).toEqual({ id: first.id, created: false });
    expect((await store.get(first.id))?.selections["jlmag-2022-final"]).toMatchObject({ leads: ["P7D"], createdAt: 1, updatedAt: 3 });
    // Removing one event leaves the other; removing the last removes the device.
    expect(await store.removeOwned(base.endpoint, base.keys.auth, "another-event")).toBe(true);
    expect(await connection.sismember("entitle:event-subs:another-event", first.id)).toBe(0);
    expect(Object.keys((await store.get(first.id))?.selections ?? {})).toEqual(["jlmag-2022-final"]);
    expect(await store.removeOwned(base.endpoint, base.keys.auth, "another-event")).toBe(false);
    expect(await store.removeOwned(base.endpoint, base.keys.auth, "jlmag-2022-final")).toBe(true);
    expect(await store.get(first.id)).toBeUndefined();
    expect(await connection.sismember("entitle:subs", first.id)).toBe(0);
  });

  it(`refuses a device's selection for more than ${MAX_EVENTS_PER_DEVICE} events`, async () => {
    const store = subscriptionStore(connection);
    const base = input();
    for (let i = 0; i < MAX_EVENTS_PER_DEVICE; i++) expect((await store.upsert({ ...base, event: `event-${i}` }, 1)).created).toBe(true);
    expect(await store.upsert({ ...base, event: "one-too-many" }, 1)).toMatchObject({ refusal: "too-many-events" });
    expect(await store.upsert({ ...base, event: "event-0" }, 2)).toMatchObject({ created: false });
    expect(await store.removeOwned(base.endpoint, base.keys.auth)).toBe(true);
    for (let i = 0; i < MAX_EVENTS_PER_DEVICE; i++) expect(await connection.scard(`entitle:event-subs:event-${i}`)).toBe(0);
  });

  it("removes only with the right auth secret, and a push service's 'gone' only for the same endpoint", async () => {
    const store = subscriptionStore(connection);
    const base = input();
    const { id } = await store.upsert(base, 1);
    expect(await store.removeOwned(base.endpoint, "wrong")).toBe(false);
    expect(await store.removeOwned(base.endpoint, `${base.keys.auth}x`)).toBe(false);
    expect(await store.removeGone(id, "https://fcm.googleapis.com/other")).toBe(false);
    expect(await store.get(id)).toBeDefined();
    expect(await store.removeOwned(base.endpoint, base.keys.auth)).toBe(true);
    expect(await store.get(id)).toBeUndefined();
    expect(await store.removeOwned(base.endpoint, base.keys.auth)).toBe(false);
  });

  it("pages through an event's subscribers, keeping those who asked for the reminder", async () => {
    const store = subscriptionStore(connection);
    const event = `paging-${Date.now()}`;
    const wanting = new Set<string>();
    for (let i = 0; i < 60; i++) {
      const { id } = await store.upsert(input({ event, leads: i % 3 === 0 ? ["P1D"] : ["P1D", "PT2H"] }), 1);
      if (i % 3 !== 0) wanting.add(id);
    }
    const seen = new Set<string>();
    let cursor = "0";
    do {
      const page = await store.scanWanting(event, "h-lodgement-deadline", "PT2H", cursor, 7);
      for (const id of page.ids) seen.add(id);
      cursor = page.cursor;
    } while (cursor !== "0");
    expect(seen).toEqual(wanting);
  });
});

describe("push options", () => {
  const milestone = Date.parse("2023-06-27T16:30:00+08:00");
  it("TTL is the seconds left until the milestone, never negative, capped at four weeks", () => {
    expect(ttlSeconds(milestone, milestone - 7_200_000)).toBe(7200);
    expect(ttlSeconds(milestone, milestone - 1500)).toBe(1);
    expect(ttlSeconds(milestone, milestone + 1000)).toBe(0);
    expect(ttlSeconds(milestone, milestone - 90 * 86_400_000)).toBe(MAX_TTL_SECONDS);
  });
  it("urgency is high inside the last 24 hours", () => {
    expect(urgencyFor(milestone, milestone - 86_400_000)).toBe("high");
    expect(urgencyFor(milestone, milestone - 86_400_001)).toBe("normal");
  });
  it("topic names the event and the milestone when it fits RFC 8030 (≤ 32 URL-safe base64 characters), else a hash that does", () => {
    expect(topicFor("ev1", "h-payment")).toBe("ev1-h-payment");
    for (const [event, id] of [
      ["jlmag-2022-final", "h-lodgement-deadline"],
      ["custom-0123456789abcdef", "a-very-long-milestone-id"],
      ["e", "with spaces"],
      ["e", "點"],
    ] as const) {
      const topic = topicFor(event, id);
      expect(topic).toMatch(/^[A-Za-z0-9_-]{1,32}$/);
      expect(topicFor(event, id)).toBe(topic);
    }
    // Two events' same milestone never share a topic (one would replace the other at the push service).
    expect(topicFor("jlmag-2022-final", "h-lodgement-deadline")).not.toBe(topicFor("other-2024-final", "h-lodgement-deadline"));
    expect(topicFor("a", "b-c")).not.toBe(topicFor("a-b", "c".padEnd(40, "c")));
  });
  it("Retry-After is read as seconds or an HTTP date, within [1 s, 1 h], a minute when unreadable", () => {
    const now = Date.parse("2023-06-27T08:00:00Z");
    expect(retryAfterMs("120", now)).toBe(120_000);
    expect(retryAfterMs("Tue, 27 Jun 2023 08:00:30 GMT", now)).toBe(30_000);
    expect(retryAfterMs("0", now)).toBe(1000);
    expect(retryAfterMs("999999", now)).toBe(3_600_000);
    expect(retryAfterMs("soon", now)).toBe(60_000);
    expect(retryAfterMs(undefined, now)).toBe(60_000);
  });
});

describe("a bad environment", () => {
  it("is refused with every wrong variable named", () => {
    const bad = { PUSH_TIMEOUT_MS: "abc", APP_CLOCK_START: "27 June", VAPID_PUBLIC_KEY: "x".repeat(87), REDIS_URL: "localhost:6379" };
    let message = "";
    try {
      parseConfig(bad);
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      message = (error as Error).message;
    }
    for (const name of ["PUSH_TIMEOUT_MS", "APP_CLOCK_START", "VAPID_PRIVATE_KEY", "REDIS_URL"]) expect(message).toContain(name);
  });

  it("stops the worker at once with a clear message (no REDIS_URL; a bad variable)", async () => {
    const noRedis = spawnWorker({ REDIS_URL: "" });
    expect(await noRedis.kill("SIGCONT")).toBe(1);
    expect(noRedis.output()).toContain("REDIS_URL is required");
    const badHosts = spawnWorker({ REDIS_URL: redis.url, PUSH_ENDPOINT_HOSTS: "https://fcm.googleapis.com" });
    expect(await badHosts.kill("SIGCONT")).toBe(1);
    expect(badHosts.output()).toContain("PUSH_ENDPOINT_HOSTS");
  });

  it("stops the worker at start when EVENT_SHARDS differs from what the store was set up with", async () => {
    // This file's Redis keeps one set per event (its devices were stored so; recorded as 1 here if not yet).
    await connection.set("entitle:event-shards", "1", "NX");
    const other = spawnWorker({ REDIS_URL: redis.url, EVENT_SHARDS: "16", DATA_DIR: mkdtempSync(join(tmpdir(), "entitle-data-")) });
    expect(await other.kill("SIGCONT")).toBe(1);
    expect(other.output()).toContain("EVENT_SHARDS is 16 but this Redis keeps each event's subscribers in 1 set(s): set EVENT_SHARDS=1.");
  });
});
