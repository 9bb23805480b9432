/**
 * The reminder routes of the production server (scripts/serve.js, as `npm start` runs it), with our own Redis and push service, the app
 * clock at noon HKT on Tue 20 June 2023 (a week before the lodgement deadline).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Queue } from "bullmq";
import type { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, inject, it, vi } from "vitest";
import { FANOUT_QUEUE, fanOutJobId } from "@/lib/reminders/pipeline/queues";
import { subscriptionStore } from "@/lib/reminders/pipeline/store";
import { type PushService, startPushService } from "../../support/push-service";
import { type RunningRedis, startRedis } from "../../support/redis";
import { type RunningServer, startWebServer } from "../../support/web-server";
import { anchorClock, LODGEMENT, redisClient, reminderEnv, subscribeBody } from "./harness";

vi.mock("server-only", () => ({}));

let redis: RunningRedis;
let push: PushService;
let server: RunningServer;
let env: Record<string, string>;
let connection: Redis;

const CLOCK_START = "2023-06-20T12:00:00+08:00";
const RATE_LIMIT = 5;

beforeAll(async () => {
  [redis, push] = await Promise.all([startRedis(), startPushService()]);
  // The test stands as one reverse proxy in front of the server: each request says which client it forwards.
  env = reminderEnv(redis, push, {
    APP_CLOCK_START: CLOCK_START,
    RATE_LIMIT_POINTS: String(RATE_LIMIT),
    RATE_LIMIT_WINDOW_SECONDS: "60",
    TRUST_PROXY_HOPS: "1",
  });
  await anchorClock(redis.url, Date.parse(CLOCK_START));
  server = await startWebServer(env);
  connection = redisClient(redis.url);
});

afterAll(async () => {
  await connection?.quit();
  await server?.stop();
  await push?.close();
  await redis?.destroy();
});

let ipCounter = 0;
/** Each request comes from its own address unless told, so the rate limit only bites where it is tested. */
function api(method: string, path: string, body?: unknown, options: { ip?: string; raw?: BodyInit; type?: string; base?: string } = {}) {
  const headers: Record<string, string> = {
    "x-forwarded-for": options.ip ?? `198.51.100.${(ipCounter++ % 250) + 1}, 203.0.113.${ipCounter % 250}`,
  };
  if (body !== undefined || options.raw !== undefined) headers["content-type"] = options.type ?? "application/json";
  return fetch(`${options.base ?? server.url}${path}`, {
    method,
    headers,
    body: options.raw ?? (body === undefined ? undefined : JSON.stringify(body)),
  });
}

async function expectError(res: Response, status: number, code: string) {
  expect(res.status).toBe(status);
  expect(res.headers.get("content-type")).toContain("application/json");
  const body = (await res.json()) as { error: { code: string; message: string } };
  expect(body.error.code).toBe(code);
  expect(body.error.message.length).toBeGreaterThan(0);
}

describe("GET /api/v1/push/public-key", () => {
  it("answers the VAPID public key (and only the public key)", async () => {
    const res = await api("GET", "/api/v1/push/public-key");
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, string>;
    expect(Object.keys(body)).toEqual(["publicKey"]);
    expect(body.publicKey).toMatch(/^[A-Za-z0-9_-]{87}$/);
    const file = JSON.parse(readFileSync(join(env.DATA_DIR ?? "", "vapid.json"), "utf8")) as { publicKey: string };
    expect(body.publicKey).toBe(file.publicKey);
  });
});

describe("GET /api/v1/push/clock", () => {
  it("answers the shared app clock, so the page judges 'still ahead' as the server does", async () => {
    const res = await api("GET", "/api/v1/push/clock");
    expect(res.status).toBe(200);
    const body = (await res.json()) as { now: string; shifted: boolean };
    expect(body.shifted).toBe(true);
    expect(Date.parse(body.now)).toBeGreaterThanOrEqual(Date.parse(CLOCK_START));
    expect(Date.parse(body.now)).toBeLessThan(Date.parse(CLOCK_START) + 10 * 60_000);
  });

  it("is the real time on a server without APP_CLOCK_START", async () => {
    const res = await api("GET", "/api/v1/push/clock", undefined, { base: inject("webUrl") });
    const body = (await res.json()) as { now: string; shifted: boolean };
    expect(body.shifted).toBe(false);
    expect(Math.abs(Date.parse(body.now) - Date.now())).toBeLessThan(60_000);
  });
});

describe("POST /api/v1/subscriptions", () => {
  it("201: stores the subscription and lists only the reminders still to come, each with its fan-out scheduled", async () => {
    const sub = push.subscribe();
    const res = await api(
      "POST",
      "/api/v1/subscriptions",
      subscribeBody(sub, { milestones: [LODGEMENT.id, "h-last-cum-date"], leads: ["P7D", "P1D", "PT2H"] }),
    );
    expect(res.status).toBe(201);
    const body = (await res.json()) as { id: string; reminders: { milestone: string; lead: string; at: string }[] };
    expect(body.id).toMatch(/^[A-Za-z0-9_-]{22}$/);
    // At noon on 20 June the 7-day reminder of the last cum date (16 June) is past; everything else is ahead.
    // The last cum date has no time of day, so it gets no 2-hour reminder.
    expect(body.reminders).toEqual([
      { milestone: LODGEMENT.id, lead: "P7D", at: "2023-06-20T16:30:00+08:00" },
      { milestone: "h-last-cum-date", lead: "P1D", at: "2023-06-22T09:00:00+08:00" },
      { milestone: LODGEMENT.id, lead: "P1D", at: "2023-06-26T16:30:00+08:00" },
      { milestone: LODGEMENT.id, lead: "PT2H", at: "2023-06-27T14:30:00+08:00" },
    ]);
    // Each fan-out wakes 5% of its lead before the reminder (docs/reminders.md, "On time"): the 7-day one of 20 June
    // 16:30 wakes 8 h 24 min earlier, at 08:06, already past at noon, so it is waiting to run now; the others
    // (22 June 07:48, 26 June 15:18, 27 June 14:24) are still delayed.
    const fanOuts = new Queue(FANOUT_QUEUE, { connection });
    const states = [];
    for (const r of body.reminders) {
      states.push(await fanOuts.getJobState(fanOutJobId({ event: "jlmag-2022-final", milestone: r.milestone, lead: r.lead as "P7D" })));
    }
    expect(states).toEqual(["waiting", "delayed", "delayed", "delayed"]);
    await fanOuts.close();
    expect(await subscriptionStore(connection).get(body.id)).toMatchObject({
      endpoint: sub.endpoint,
      locale: "en",
      selections: { "jlmag-2022-final": { class: "H" } },
    });
  });

  it("200: the same endpoint again updates the subscription instead of adding a second one", async () => {
    const sub = push.subscribe();
    const first = await api("POST", "/api/v1/subscriptions", subscribeBody(sub, { leads: ["P7D"] }));
    expect(first.status).toBe(201);
    const { id } = (await first.json()) as { id: string };
    const again = await api("POST", "/api/v1/subscriptions", subscribeBody(sub, { leads: ["PT2H", "P1D"], locale: "zh-Hant" }));
    expect(again.status).toBe(200);
    const body = (await again.json()) as { id: string; reminders: { lead: string }[] };
    expect(body.id).toBe(id);
    expect(body.reminders.map((r) => r.lead)).toEqual(["P1D", "PT2H"]);
    expect(await subscriptionStore(connection).get(id)).toMatchObject({
      locale: "zh-Hant",
      selections: { "jlmag-2022-final": { leads: ["P1D", "PT2H"] } },
    });
    const members = await connection.smembers("entitle:event-subs:jlmag-2022-final");
    expect(members.filter((m) => m === id)).toHaveLength(1);
  });

  it("lists no reminder for a milestone whose reminders are all past, and still answers 201", async () => {
    const sub = push.subscribe();
    const res = await api("POST", "/api/v1/subscriptions", subscribeBody(sub, { milestones: ["h-last-cum-date"], leads: ["P7D"] }));
    expect(res.status).toBe(201);
    expect(((await res.json()) as { reminders: unknown[] }).reminders).toEqual([]);
  });

  const valid = () => subscribeBody(push.subscribe());
  const cases: [string, (b: Record<string, unknown>) => unknown, string][] = [
    ["no subscription", ({ subscription: _, ...rest }) => rest, "invalid_body"],
    ["an unknown top-level field", (b) => ({ ...b, admin: true }), "invalid_body"],
    ["a __proto__ field", (b) => JSON.parse(JSON.stringify(b).replace("{", '{"__proto__":{"x":1},')), "invalid_body"],
    ["an http:// endpoint", (b) => withEndpoint(b, (e) => e.replace("https:", "http:")), "endpoint_not_allowed"],
    ["an endpoint on an unlisted host", (b) => withEndpoint(b, () => "https://push.example.com/x"), "endpoint_not_allowed"],
    ["a look-alike host", (b) => withEndpoint(b, () => "https://fcm.googleapis.com.evil.example/x"), "endpoint_not_allowed"],
    ["an endpoint with userinfo", (b) => withEndpoint(b, (e) => e.replace("https://", "https://user:pw@")), "endpoint_not_allowed"],
    ["an endpoint on another port", (b) => withEndpoint(b, (e) => e.replace(/:\d+\//, ":1/")), "endpoint_not_allowed"],
    ["an endpoint that is not a URL", (b) => withEndpoint(b, () => "not a url"), "endpoint_not_allowed"],
    [
      "p256dh off the curve",
      (b) => withKeys(b, { p256dh: Buffer.concat([Buffer.from([4]), Buffer.alloc(64, 7)]).toString("base64url") }),
      "invalid_keys",
    ],
    ["p256dh too short", (b) => withKeys(b, { p256dh: Buffer.alloc(33, 2).toString("base64url") }), "invalid_keys"],
    ["auth of 8 bytes", (b) => withKeys(b, { auth: Buffer.alloc(8, 1).toString("base64url") }), "invalid_keys"],
    ["auth not base64url", (b) => withKeys(b, { auth: "!!!!" }), "invalid_body"],
    ["an unknown event", (b) => ({ ...b, event: "no-such-event" }), "unknown_event"],
    ["a milestone that is not remindable", (b) => ({ ...b, milestones: ["h-ex-date"] }), "unknown_milestone"],
    ["an unknown milestone", (b) => ({ ...b, milestones: ["__proto__"] }), "unknown_milestone"],
    ["no milestones", (b) => ({ ...b, milestones: [] }), "invalid_body"],
    ["21 milestones", (b) => ({ ...b, milestones: Array.from({ length: 21 }, () => LODGEMENT.id) }), "invalid_body"],
    ["an unknown lead", (b) => ({ ...b, leads: ["P2D"] }), "invalid_body"],
    ["no leads", (b) => ({ ...b, leads: [] }), "invalid_body"],
    ["an unknown class", (b) => ({ ...b, class: "B" }), "invalid_body"],
    ["an unknown locale", (b) => ({ ...b, locale: "fr" }), "invalid_body"],
    ["expirationTime as text", (b) => ({ ...b, subscription: { ...(b.subscription as object), expirationTime: "soon" } }), "invalid_body"],
    ["an array", () => [], "invalid_body"],
    ["null", () => null, "invalid_body"],
    ["a number", () => 42, "invalid_body"],
    ["a string", () => "subscribe me", "invalid_body"],
  ];
  for (const [what, make, code] of cases) {
    it(`400 ${code}: ${what}`, async () => {
      await expectError(await api("POST", "/api/v1/subscriptions", make(valid())), 400, code);
    });
  }

  it("400 invalid_json: not JSON, or not UTF-8", async () => {
    await expectError(await api("POST", "/api/v1/subscriptions", undefined, { raw: "{ nope" }), 400, "invalid_json");
    await expectError(
      await api("POST", "/api/v1/subscriptions", undefined, { raw: new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]) }),
      400,
      "invalid_json",
    );
    await expectError(await api("POST", "/api/v1/subscriptions", undefined, { raw: "" }), 400, "invalid_json");
  });

  it("415: a body that is not declared as JSON", async () => {
    await expectError(
      await api("POST", "/api/v1/subscriptions", undefined, { raw: JSON.stringify(valid()), type: "text/plain" }),
      415,
      "unsupported_media_type",
    );
  });

  it("413: a body over the limit, declared or streamed without a length", async () => {
    const big = JSON.stringify({ ...valid(), padding: "x".repeat(20_000) });
    const declared = await api("POST", "/api/v1/subscriptions", undefined, { raw: big });
    // The unread rest of the body makes the connection unusable: the server closes it.
    expect(declared.headers.get("connection")).toBe("close");
    await expectError(declared, 413, "body_too_large");
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < 20; i++) controller.enqueue(new TextEncoder().encode("x".repeat(1000)));
        controller.close();
      },
    });
    const res = await fetch(`${server.url}/api/v1/subscriptions`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-forwarded-for": "192.0.2.77" },
      body: stream,
      duplex: "half",
    } as RequestInit & { duplex: "half" });
    await expectError(res, 413, "body_too_large");
  });

  it("never answers 5xx, whatever the body", async () => {
    const hostile: unknown[] = [
      {},
      { subscription: null },
      { subscription: { endpoint: 1, keys: [] } },
      { ...valid(), milestones: "h-lodgement-deadline" },
      { ...valid(), milestones: [null] },
      { ...valid(), leads: "PT2H" },
      { ...valid(), subscription: { endpoint: `https://${"a".repeat(5000)}.com`, keys: {} } },
      { ...valid(), event: { $gt: "" } },
      { ...valid(), event: "constructor" },
      { ...valid(), event: "toString" },
      { ...valid(), class: "__proto__" },
      { ...valid(), locale: "__proto__" },
      { ...valid(), subscription: { ...(valid().subscription as object), expirationTime: -1 } },
      { ...valid(), subscription: { ...(valid().subscription as object), expirationTime: 1e308 } },
      withEndpoint(valid(), () => "https://127.0.0.1:1/\u0000"),
      withEndpoint(valid(), () => "javascript:alert(1)"),
      withKeys(valid(), { p256dh: "", auth: "" }),
      withKeys(valid(), { p256dh: "A".repeat(100), auth: "A".repeat(40) }),
    ];
    for (const body of hostile) {
      const res = await api("POST", "/api/v1/subscriptions", body);
      expect(res.status, JSON.stringify(body).slice(0, 120)).toBe(400);
      await res.body?.cancel();
    }
    for (const raw of ["[", "\u0000", "9".repeat(7000), '{"a":'.repeat(1500)]) {
      const res = await api("POST", "/api/v1/subscriptions", undefined, { raw });
      expect(res.status).toBeLessThan(500);
      await res.body?.cancel();
    }
  });
});

describe("DELETE /api/v1/subscriptions", () => {
  it("needs the subscription's auth secret: a wrong one cannot unsubscribe; the right one can, once", async () => {
    const sub = push.subscribe();
    const created = await api("POST", "/api/v1/subscriptions", subscribeBody(sub));
    const { id } = (await created.json()) as { id: string };
    const wrongAuth = Buffer.alloc(16, 9).toString("base64url");

    await expectError(
      await api("DELETE", "/api/v1/subscriptions", { endpoint: sub.endpoint, auth: wrongAuth }),
      404,
      "subscription_not_found",
    );
    expect(await subscriptionStore(connection).get(id)).toBeDefined();
    await expectError(
      await api("DELETE", "/api/v1/subscriptions", { endpoint: `${sub.endpoint}x`, auth: sub.keys.auth }),
      404,
      "subscription_not_found",
    );

    const deleted = await api("DELETE", "/api/v1/subscriptions", { endpoint: sub.endpoint, auth: sub.keys.auth });
    expect(deleted.status).toBe(204);
    expect(await subscriptionStore(connection).get(id)).toBeUndefined();
    expect(await connection.sismember("entitle:event-subs:jlmag-2022-final", id)).toBe(0);
    await expectError(
      await api("DELETE", "/api/v1/subscriptions", { endpoint: sub.endpoint, auth: sub.keys.auth }),
      404,
      "subscription_not_found",
    );

    // Subscribing the same endpoint again is a new subscription.
    expect((await api("POST", "/api/v1/subscriptions", subscribeBody(sub))).status).toBe(201);
  });

  it("400 on a body that is not { endpoint, auth }", async () => {
    await expectError(await api("DELETE", "/api/v1/subscriptions", { endpoint: "x" }), 400, "invalid_body");
    await expectError(await api("DELETE", "/api/v1/subscriptions", { endpoint: "x", auth: "y", extra: 1 }), 400, "invalid_body");
    await expectError(await api("DELETE", "/api/v1/subscriptions", undefined, { raw: "nope" }), 400, "invalid_json");
  });
});

describe("rate limit", () => {
  it(`429 with Retry-After after ${RATE_LIMIT} requests from one address`, async () => {
    const ip = "192.0.2.200";
    for (let i = 0; i < RATE_LIMIT; i++) {
      const res = await api("POST", "/api/v1/subscriptions", subscribeBody(push.subscribe()), { ip });
      expect(res.status).toBe(201);
    }
    const limited = await api("POST", "/api/v1/subscriptions", subscribeBody(push.subscribe()), { ip });
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    await expectError(limited, 429, "rate_limited");
    await expectError(await api("DELETE", "/api/v1/subscriptions", { endpoint: "https://x/", auth: "AAAA" }, { ip }), 429, "rate_limited");
    // Another address is not affected.
    expect((await api("POST", "/api/v1/subscriptions", subscribeBody(push.subscribe()))).status).toBe(201);
  });
});

describe("without Redis", () => {
  it("a server with no REDIS_URL answers 503 with the error JSON; the public key still works", async () => {
    const base = inject("webUrl");
    await expectError(await api("POST", "/api/v1/subscriptions", subscribeBody(push.subscribe()), { base }), 503, "reminders_unavailable");
    await expectError(
      await api("DELETE", "/api/v1/subscriptions", { endpoint: "https://x/", auth: "AAAA" }, { base }),
      503,
      "reminders_unavailable",
    );
    expect((await api("GET", "/api/v1/entitlement?class=H&shares=1234", undefined, { base })).status).toBe(200);
    const key = await api("GET", "/api/v1/push/public-key", undefined, { base });
    expect(key.status).toBe(200);
    expect(((await key.json()) as { publicKey: string }).publicKey).toMatch(/^[A-Za-z0-9_-]{87}$/);
  });

  it("answers 503 while Redis is down, and works again when it is back", async () => {
    await redis.stop();
    const started = Date.now();
    await expectError(await api("POST", "/api/v1/subscriptions", subscribeBody(push.subscribe())), 503, "reminders_unavailable");
    expect(Date.now() - started).toBeLessThan(15_000); // it answers rather than hangs
    expect((await api("GET", "/api/v1/entitlement?class=H&shares=1234")).status).toBe(200);
    await redis.start();
    let status = 0;
    for (let i = 0; i < 40 && status !== 201; i++) {
      status = (await api("POST", "/api/v1/subscriptions", subscribeBody(push.subscribe()))).status;
      if (status !== 201) await new Promise((r) => setTimeout(r, 250));
    }
    expect(status).toBe(201);
  });
});

function withEndpoint(body: Record<string, unknown>, change: (endpoint: string) => string): Record<string, unknown> {
  const subscription = body.subscription as { endpoint: string };
  return { ...body, subscription: { ...subscription, endpoint: change(subscription.endpoint) } };
}

function withKeys(body: Record<string, unknown>, keys: Partial<{ p256dh: string; auth: string }>): Record<string, unknown> {
  const subscription = body.subscription as { keys: object };
  return { ...body, subscription: { ...subscription, keys: { ...subscription.keys, ...keys } } };
}
