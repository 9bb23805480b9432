/**
 * The whole reminder path on a real Redis Cluster (3 masters + 3 replicas): `next start` and `npm run worker`
 * configured with REDIS_CLUSTER_NODES only, devices subscribing through the API, the fan-out paging through the
 * event's 16 subscriber sets, and every reminder arriving once, decrypted, at its time. The cluster wants a login
 * (an ACL user, the default user off): web and worker log in with REDIS_USERNAME and REDIS_PASSWORD.
 */
import { randomBytes } from "node:crypto";
import { type Cluster, Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { clockAnchorKey } from "@/lib/clock";
import { keys, shardOf } from "@/lib/reminders/pipeline/keys";
import type { FakeSubscription } from "../../support/push-service";
import { type PushService, startPushService } from "../../support/push-service";
import { type RunningCluster, startRedisCluster } from "../../support/redis-cluster";
import { type RunningServer, startWebServer } from "../../support/web-server";
import { LODGEMENT, reminderEnv, spawnWorker, subscribeBody, type WorkerProcess } from "./harness";

vi.mock("server-only", () => ({}));

const EVENT = "jlmag-2022-final";
/** Enough devices that every one of the 16 sets is very likely used; the figures below do not depend on it. */
const DEVICES = 48;
const LEAD_MS = 25_000;
const SHARDS = 16;

let cluster: RunningCluster;
let client: Cluster;
let push: PushService;
let web: RunningServer;
let worker: WorkerProcess;
let anchor: number;

beforeAll(async () => {
  const auth = { username: "entitle", password: randomBytes(18).toString("base64url") };
  [cluster, push] = await Promise.all([startRedisCluster({ auth }), startPushService()]);
  client = cluster.client();
  const clockStart = LODGEMENT.pt2h - LEAD_MS;
  anchor = Date.now();
  await client.set(clockAnchorKey(clockStart), String(anchor));
  const env = reminderEnv(cluster, push, { APP_CLOCK_START: new Date(clockStart).toISOString(), RATE_LIMIT_POINTS: "1000" });
  worker = spawnWorker(env);
  [web] = await Promise.all([startWebServer(env), worker.waitForLog((l) => l.msg === "worker started", 60_000, "the worker to start")]);
}, 120_000);

afterAll(async () => {
  const code = await worker?.kill("SIGTERM");
  await web?.stop();
  await push?.close();
  await client?.quit().catch(() => client.disconnect());
  await cluster?.destroy();
  expect(code).toBe(0);
});

const send = (method: string, body: unknown) =>
  fetch(`${web.url}/api/v1/subscriptions`, { method, headers: { "content-type": "application/json" }, body: JSON.stringify(body) });

describe("reminders on a Redis Cluster", () => {
  const devices: FakeSubscription[] = [];
  let quitter: FakeSubscription;

  it("subscribes devices through the API; their event's subscribers are spread over 16 sets on several masters", async () => {
    for (let i = 0; i < DEVICES; i++) {
      const device = push.subscribe();
      const locale = (["en", "zh-Hant", "zh-Hans"] as const)[i % 3];
      const res = await send("POST", subscribeBody(device, { locale }));
      expect(res.status).toBe(201);
      devices.push(device);
    }
    quitter = push.subscribe();
    expect((await send("POST", subscribeBody(quitter))).status).toBe(201);
    expect((await send("DELETE", { endpoint: quitter.endpoint, auth: quitter.keys.auth })).status).toBe(204);
    // The same endpoint again is the same device: 200, not a second one.
    const again = devices[0] as FakeSubscription;
    expect((await send("POST", subscribeBody(again, { leads: ["PT2H", "P1D"] }))).status).toBe(200);

    expect(await client.get(keys.eventShards())).toBe(String(SHARDS));
    expect(await client.scard(keys.allSubscriptions())).toBe(DEVICES);
    const sets = Array.from({ length: SHARDS }, (_, s) => keys.eventSubscribers(EVENT, s, SHARDS));
    const sizes = await Promise.all(sets.map((key) => client.scard(key)));
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(DEVICES);
    // Each device sits in the set its id hashes to.
    for (const [s, key] of sets.entries()) {
      for (const id of await client.smembers(key)) expect(shardOf(id, SHARDS)).toBe(s);
    }
    const used = sets.filter((_, s) => (sizes[s] ?? 0) > 0);
    expect(used.length).toBeGreaterThan(1);
    const masters = new Set(await Promise.all(used.map((key) => cluster.masterOf(key))));
    expect(masters.has(undefined)).toBe(false);
    expect(masters.size).toBeGreaterThan(1);
  });

  /** Every key matching `pattern` on every master (a cluster's keys are spread over them). */
  async function keysOnMasters(pattern: string): Promise<string[]> {
    const found = await Promise.all(
      client.nodes("master").map(async (node) => {
        const out: string[] = [];
        let cursor = "0";
        do {
          const [next, page] = await node.scan(cursor, "MATCH", pattern, "COUNT", 1000);
          out.push(...page);
          cursor = next;
        } while (cursor !== "0");
        return out;
      }),
    );
    return found.flat();
  }

  it("refuses a client that does not log in (so web and worker did log in)", async () => {
    const port = cluster.ports[0] as number;
    const anonymous = new Redis(port, "127.0.0.1", {
      lazyConnect: true,
      enableReadyCheck: false,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
    });
    anonymous.on("error", () => undefined);
    try {
      await anonymous.connect();
      await expect(anonymous.get(keys.eventShards())).rejects.toThrow(/NOAUTH|NOPERM|WRONGPASS/);
    } finally {
      anonymous.disconnect();
    }
  });

  it("keeps each BullMQ queue under its own hash tag, and nothing under BullMQ's default prefix", async () => {
    expect(await keysOnMasters("{entitle-fanout}:entitle-fanout:*")).not.toEqual([]);
    expect(await keysOnMasters("bull:*")).toEqual([]);
  });

  it("delivers the 2-hour reminder once to every device, at its time, in each device's language; none to the one that left", async () => {
    await push.waitFor(() => devices.every((d) => push.delivered(d.id).length > 0), LEAD_MS + 60_000, "every device's reminder");
    // Counted once every page has reported (a duplicate would have arrived by then).
    await worker.waitForLog((l) => l.msg === "fan-out done", 10_000, "the fan-out's summary");
    const sentByPages = () => worker.logs.filter((l) => l.msg === "deliver").reduce((sum, l) => sum + Number(l.sent ?? 0), 0);
    await worker.waitForLog(() => sentByPages() >= DEVICES, 10_000, "every page's report");
    expect(sentByPages()).toBe(DEVICES);
    expect(await keysOnMasters("{entitle-deliver}:entitle-deliver:*")).not.toEqual([]);
    for (const [i, device] of devices.entries()) {
      const messages = push.delivered(device.id);
      expect(messages).toHaveLength(1);
      const message = messages[0];
      if (!message) throw new Error("no message");
      expect(message.receivedAt).toBeGreaterThanOrEqual(anchor + LEAD_MS - 50);
      const payload = JSON.parse(message.payload ?? "{}") as { title: string; url: string; lead: string };
      expect(payload.lead).toBe("PT2H");
      const locale = (["en", "zh-Hant", "zh-Hans"] as const)[i % 3];
      expect(payload.url).toBe(`/${locale}/events/${EVENT}#date-${LODGEMENT.id}`);
    }
    expect(push.delivered(quitter.id)).toHaveLength(0);
    // Recorded in the ledger of each device's set: the sent sets of the shards hold every device once.
    const sentSets = Array.from({ length: SHARDS }, (_, s) => keys.sent(EVENT, LODGEMENT.id, "PT2H", s));
    const sent = (await Promise.all(sentSets.map((key) => client.smembers(key)))).flat();
    expect(sent).toHaveLength(DEVICES);
    // No job needed a second go: every command of every script stayed within its slot. And a replica confirmed
    // every batch of deliver pages before the fan-out moved on.
    expect(worker.logs.filter((l) => l.msg === "job failed")).toEqual([]);
    expect(worker.logs.filter((l) => String(l.msg).startsWith("no replica confirmed"))).toEqual([]);
  });
});
