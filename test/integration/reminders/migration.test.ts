/**
 * Subscriptions stored by release 1 keep working after the upgrade (issue 8, item 6): Redis holds the old
 * layout, written here exactly as release 1 wrote it (its own Lua script, copied below); the worker and the web
 * server convert it at start; the old subscriber gets the reminder, can change it and can leave.
 */
import { createHash, randomBytes } from "node:crypto";
import type { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { subscriptionStore } from "@/lib/reminders/pipeline/store";
import { type FakeSubscription, type PushService, startPushService } from "../../support/push-service";
import { type RunningRedis, startRedis } from "../../support/redis";
import { type RunningServer, startWebServer } from "../../support/web-server";
import { anchorClock, LODGEMENT, redisClient, reminderEnv, spawnWorker, subscribeBody, type WorkerProcess } from "./harness";

vi.mock("server-only", () => ({}));

/** Release 1's store script (lib/reminders/store.ts at f117cf0), verbatim. */
const RELEASE_1_UPSERT_LUA = `
local id = redis.call('GET', KEYS[1])
local created = 0
if not id then
  id = ARGV[1]
  redis.call('SET', KEYS[1], id)
end
local subKey = ARGV[2] .. id
local previousEvent = redis.call('HGET', subKey, 'event')
local createdAt = redis.call('HGET', subKey, 'createdAt')
if not previousEvent then created = 1 end
if not createdAt then createdAt = ARGV[4] end
redis.call('DEL', subKey)
redis.call('HSET', subKey, 'id', id, 'createdAt', createdAt, 'updatedAt', ARGV[4], 'event', ARGV[5], unpack(ARGV, 6))
if previousEvent and previousEvent ~= ARGV[5] then
  redis.call('SREM', ARGV[3] .. previousEvent, id)
end
redis.call('SADD', ARGV[3] .. ARGV[5], id)
return {id, created}
`;

/** What release 1's `store.upsert` did, with its key names and field order. */
async function release1Upsert(
  redis: Redis,
  endpoint: string,
  sub: Pick<FakeSubscription, "keys">,
  locale: string,
  nowMs: number,
): Promise<string> {
  const index = `entitle:endpoint:${createHash("sha256").update(endpoint).digest("base64url")}`;
  const fields = [
    ["endpoint", endpoint],
    ["p256dh", sub.keys.p256dh],
    ["auth", sub.keys.auth],
    ["expirationTime", ""],
    ["class", "H"],
    ["milestones", [LODGEMENT.id, "h-last-cum-date"].join(",")],
    ["leads", ["PT2H"].join(",")],
    ["locale", locale],
  ].flat();
  const [id] = (await redis.eval(
    RELEASE_1_UPSERT_LUA,
    1,
    index,
    randomBytes(16).toString("base64url"),
    "entitle:sub:",
    "entitle:event-subs:",
    String(nowMs),
    "jlmag-2022-final",
    ...fields,
  )) as [string, number];
  return id;
}

const LEAD_MS = 15_000;

let redis: RunningRedis;
let push: PushService;
let connection: Redis;
let worker: WorkerProcess;
let web: RunningServer;
let plain: FakeSubscription;
let oddlySpelled: FakeSubscription;
let leaver: FakeSubscription;
const ids: Record<string, string> = {};

beforeAll(async () => {
  [redis, push] = await Promise.all([startRedis(), startPushService()]);
  connection = redisClient(redis.url);
  const clockStart = LODGEMENT.pt2h - LEAD_MS;
  // Subscribed a week before, by release 1.
  const subscribedAt = clockStart - 7 * 24 * 3600_000;
  plain = push.subscribe();
  oddlySpelled = push.subscribe();
  leaver = push.subscribe();
  ids.plain = await release1Upsert(connection, plain.endpoint, plain, "zh-Hant", subscribedAt);
  // Release 1 stored endpoints as sent: this one with the scheme in capitals.
  ids.odd = await release1Upsert(connection, oddlySpelled.endpoint.replace("https:", "HTTPS:"), oddlySpelled, "en", subscribedAt);
  ids.leaver = await release1Upsert(connection, leaver.endpoint, leaver, "en", subscribedAt);

  await anchorClock(redis.url, clockStart);
  const env = reminderEnv(redis, push, { APP_CLOCK_START: new Date(clockStart).toISOString() });
  worker = spawnWorker(env);
  [web] = await Promise.all([startWebServer(env), worker.waitForLog((l) => l.msg === "worker started", 30_000, "the worker to start")]);
});

afterAll(async () => {
  await worker?.kill("SIGTERM");
  await web?.stop();
  await connection?.quit();
  await push?.close();
  await redis?.destroy();
});

describe("a Redis written by release 1", () => {
  it("is converted at start: one selection per old subscription, counted, indexed by the canonical endpoint", async () => {
    expect(worker.logs.find((l) => l.msg === "subscription store migrated")).toMatchObject({ scanned: 3, converted: 3, reindexed: 1 });
    expect(await connection.get("entitle:schema")).toBe("2");
    expect((await connection.smembers("entitle:subs")).sort()).toEqual(Object.values(ids).sort());
    const raw = await connection.hgetall(`entitle:sub:${ids.plain}`);
    expect(raw.event).toBeUndefined();
    expect(JSON.parse(raw["sel:jlmag-2022-final"] ?? "{}")).toMatchObject({ c: "H", m: [LODGEMENT.id, "h-last-cum-date"], l: ["PT2H"] });
    const odd = await subscriptionStore(connection).get(ids.odd ?? "");
    expect(odd?.endpoint).toBe(oddlySpelled.endpoint);
    const index = (endpoint: string) => `entitle:endpoint:${createHash("sha256").update(endpoint).digest("base64url")}`;
    expect(await connection.get(index(oddlySpelled.endpoint))).toBe(ids.odd);
    expect(await connection.exists(index(oddlySpelled.endpoint.replace("https:", "HTTPS:")))).toBe(0);
  });

  it("the old subscribers can leave with their secret, and change their reminders", async () => {
    const del = await fetch(`${web.url}/api/v1/subscriptions`, {
      method: "DELETE",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ endpoint: leaver.endpoint, auth: leaver.keys.auth }),
    });
    expect(del.status).toBe(204);
    expect(await connection.sismember("entitle:event-subs:jlmag-2022-final", ids.leaver ?? "")).toBe(0);
    // Another device cannot take an old subscription over.
    const takeover = await fetch(`${web.url}/api/v1/subscriptions`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(subscribeBody({ ...push.subscribe(), endpoint: plain.endpoint })),
    });
    expect(takeover.status).toBe(403);
  });

  it("the old subscribers get their reminder at its time, in their language; the one who left does not", async () => {
    await push.waitFor(
      () => push.delivered(plain.id).length > 0 && push.delivered(oddlySpelled.id).length > 0,
      LEAD_MS + 30_000,
      "both reminders",
    );
    const [hant] = push.delivered(plain.id);
    expect(JSON.parse(hant?.payload ?? "{}")).toMatchObject({
      title: "遞交H股過戶文件的最後時限",
      event: "jlmag-2022-final",
      milestone: LODGEMENT.id,
      lead: "PT2H",
    });
    expect(JSON.parse(push.delivered(oddlySpelled.id)[0]?.payload ?? "{}")).toMatchObject({
      title: "Last time to lodge H share transfers",
    });
    expect(push.requests(leaver.id)).toHaveLength(0);
  });
});
