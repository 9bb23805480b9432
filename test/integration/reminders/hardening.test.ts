/**
 * Issue 13: each finding of the security review of release 1, reproduced against the production server
 * (scripts/serve.js with the default settings: no proxy trusted), and now refused.
 */
import { request } from "node:http";
import { Queue } from "bullmq";
import type { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, inject, it, vi } from "vitest";
import { parseConfig } from "@/lib/config";
import { parseSubscribeBody } from "@/lib/reminders/api/subscription-request";
import { FANOUT_QUEUE } from "@/lib/reminders/pipeline/queues";
import { subscriptionStore } from "@/lib/reminders/pipeline/store";
import { type PushService, startPushService } from "../../support/push-service";
import { type RunningRedis, startRedis } from "../../support/redis";
import { type RunningServer, startWebServer } from "../../support/web-server";
import { anchorClock, redisClient, reminderEnv, subscribeBody } from "./harness";

vi.mock("server-only", () => ({}));

const CLOCK_START = "2023-06-20T12:00:00+08:00";
const RATE_LIMIT = 5;
const CAP = 6;
const PUBLIC_ORIGIN = "https://entitle.example";

let redis: RunningRedis;
let push: PushService;
let web: RunningServer;
let connection: Redis;

beforeAll(async () => {
  [redis, push] = await Promise.all([startRedis(), startPushService()]);
  await anchorClock(redis.url, Date.parse(CLOCK_START));
  // The defaults of a newcomer's `npm start`: no proxy trusted. PUBLIC_ORIGIN set, to see links pinned to it.
  web = await startWebServer(
    reminderEnv(redis, push, {
      APP_CLOCK_START: CLOCK_START,
      RATE_LIMIT_POINTS: String(RATE_LIMIT),
      MAX_SUBSCRIPTIONS: String(CAP),
      PUBLIC_ORIGIN,
    }),
  );
  connection = redisClient(redis.url);
});

afterAll(async () => {
  await connection?.quit();
  await web?.stop();
  await push?.close();
  await redis?.destroy();
});

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

let nextLocal = 10;
/** Each test speaks from its own loopback address (127.0.0.N), so that the socket's peer tells them apart. */
const newClient = () => `127.0.0.${nextLocal++}`;

/** A raw HTTP request from `from`, with any headers (Host and X-Forwarded-* included). */
function send(
  base: string,
  method: string,
  path: string,
  options: { from?: string; headers?: Record<string, string>; json?: unknown } = {},
): Promise<Answer> {
  const url = new URL(path, base);
  const body = options.json === undefined ? undefined : JSON.stringify(options.json);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        path: `${url.pathname}${url.search}`,
        method,
        localAddress: options.from,
        // Content-Length always: Node sends a DELETE body unframed otherwise.
        headers: {
          ...(body ? { "content-type": "application/json", "content-length": String(Buffer.byteLength(body)) } : {}),
          ...options.headers,
        },
      },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (d: string) => (text += d));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

const api = (method: string, json: unknown, from: string, headers: Record<string, string> = {}) =>
  send(web.url, method, "/api/v1/subscriptions", { from, json, headers });

const errorCode = (answer: Answer) => (JSON.parse(answer.body) as { error: { code: string } }).error.code;

describe("1. takeover by endpoint", () => {
  it("a POST of someone's endpoint with other keys is refused, changes nothing, and the holder can still leave", async () => {
    const holder = push.subscribe();
    const from = newClient();
    const created = await api("POST", subscribeBody(holder, { locale: "zh-Hant", leads: ["P1D"] }), from);
    expect(created.status).toBe(201);
    const { id } = JSON.parse(created.body) as { id: string };

    const attacker = push.subscribe(); // real keys of the attacker's own, on the holder's endpoint
    const takeover = subscribeBody({ ...attacker, endpoint: holder.endpoint }, { locale: "en", leads: ["PT2H"] });
    const refused = await api("POST", takeover, newClient());
    expect(refused.status).toBe(403);
    expect(errorCode(refused)).toBe("forbidden");
    // Nothing about the holder's subscription changed.
    expect(await subscriptionStore(connection).get(id)).toMatchObject({
      keys: holder.keys,
      locale: "zh-Hant",
      selections: { "jlmag-2022-final": { leads: ["P1D"] } },
    });

    // The attacker's DELETE is one 404 with the no-such-endpoint answer; the holder's works.
    const attackerDelete = await api("DELETE", { endpoint: holder.endpoint, auth: attacker.keys.auth }, newClient());
    const unknownDelete = await api("DELETE", { endpoint: `${holder.endpoint}-unknown`, auth: attacker.keys.auth }, newClient());
    expect([attackerDelete.status, unknownDelete.status]).toEqual([404, 404]);
    expect(attackerDelete.body).toBe(unknownDelete.body);
    expect((await api("DELETE", { endpoint: holder.endpoint, auth: holder.keys.auth }, from)).status).toBe(204);
  });

  it("the holder's own POST with its own keys still updates (200)", async () => {
    const holder = push.subscribe();
    const from = newClient();
    expect((await api("POST", subscribeBody(holder), from)).status).toBe(201);
    expect((await api("POST", subscribeBody(holder, { leads: ["P1D"] }), from)).status).toBe(200);
    expect((await api("DELETE", { endpoint: holder.endpoint, auth: holder.keys.auth }, from)).status).toBe(204);
  });
});

describe("2. the rate limit cannot be dodged", () => {
  it("inventing X-Forwarded-For or X-Real-IP per request does not make a client someone else", async () => {
    const from = newClient();
    const statuses: number[] = [];
    for (let i = 0; i < RATE_LIMIT + 3; i++) {
      const forged = { "x-forwarded-for": `198.51.100.${i + 1}`, "x-real-ip": `203.0.113.${i + 1}`, "x-entitle-peer": `192.0.2.${i}` };
      // An invalid body: counted by the limiter before it is read, so nothing is stored.
      statuses.push((await api("POST", { nope: i }, from, forged)).status);
    }
    expect(statuses).toEqual([...Array(RATE_LIMIT).fill(400), 429, 429, 429]);
    // Another address is not affected.
    expect((await api("POST", { nope: 1 }, newClient())).status).toBe(400);
  });

  it(`refuses a new subscription past MAX_SUBSCRIPTIONS (${CAP}) with 503, still updates and deletes`, async () => {
    const count = await connection.scard("entitle:subs");
    const subs = Array.from({ length: CAP - count }, () => push.subscribe());
    for (const sub of subs) expect((await api("POST", subscribeBody(sub), newClient())).status).toBe(201);
    const over = await api("POST", subscribeBody(push.subscribe()), newClient());
    expect(over.status).toBe(503);
    expect(errorCode(over)).toBe("reminders_full");
    expect(await connection.scard("entitle:subs")).toBe(CAP);
    const [first] = subs;
    if (!first) throw new Error("no room left to test the cap");
    const from = newClient();
    expect((await api("POST", subscribeBody(first, { leads: ["P1D"] }), from)).status).toBe(200);
    expect((await api("DELETE", { endpoint: first.endpoint, auth: first.keys.auth }, from)).status).toBe(204);
    const last = push.subscribe();
    expect((await api("POST", subscribeBody(last), newClient())).status).toBe(201);
    // Make room again for the tests that follow.
    for (const sub of [...subs.slice(1), last]) {
      expect((await api("DELETE", { endpoint: sub.endpoint, auth: sub.keys.auth }, newClient())).status).toBe(204);
    }
  });
});

describe("2b. a full Redis (maxmemory, noeviction)", () => {
  it("refuses new subscriptions with a clear 503 and keeps every job", async () => {
    const small = await startRedis(["--maxmemory", "6mb"]);
    const pushEnv = reminderEnv(small, push, { APP_CLOCK_START: CLOCK_START });
    await anchorClock(small.url, Date.parse(CLOCK_START));
    const server = await startWebServer(pushEnv);
    const client = redisClient(small.url);
    try {
      const first = push.subscribe();
      const created = await send(server.url, "POST", "/api/v1/subscriptions", { json: subscribeBody(first), from: newClient() });
      expect(created.status).toBe(201);
      const fanOut = new Queue(FANOUT_QUEUE, { connection: client });
      const jobsBefore = (await fanOut.getDelayed()).map((j) => j.id).sort();
      expect(jobsBefore.length).toBeGreaterThan(0);
      // Data of its own (which noeviction must keep), then a cap below what Redis already holds: full, for good
      // (filling up to the cap instead leaves Redis hovering at its edge as buffers are flushed).
      for (let i = 0; i < 16; i++) await client.set(`filler:${i}`, "x".repeat(64 * 1024));
      const used = Number(/used_memory:(\d+)/.exec(await client.info("memory"))?.[1]);
      await client.config("SET", "maxmemory", String(Math.floor(used / 2)));
      await expect(client.set("probe", "x")).rejects.toThrow(/OOM/);
      const refused = await send(server.url, "POST", "/api/v1/subscriptions", { json: subscribeBody(push.subscribe()), from: newClient() });
      expect(refused.status).toBe(503);
      expect(errorCode(refused)).toBe("reminders_full");
      // noeviction: nothing was dropped to make room.
      expect((await fanOut.getDelayed()).map((j) => j.id).sort()).toEqual(jobsBefore);
      expect(await client.exists("filler:0")).toBe(1);
      await fanOut.close();
    } finally {
      client.disconnect();
      await server.stop();
      await small.destroy();
    }
  });
});

describe("3. one push address, one spelling", () => {
  it("refuses spellings that parse to an endpoint but are not its canonical form; one subscription is stored", async () => {
    const sub = push.subscribe();
    const from = newClient();
    const port = push.hostPort.split(":")[1];
    const path = new URL(sub.endpoint).pathname;
    const variants = [
      ` ${sub.endpoint}`,
      `${sub.endpoint} `,
      `\t${sub.endpoint}`,
      sub.endpoint.replace("/push/", "/push/\t"),
      sub.endpoint.replace("https:", "HTTPS:"),
      `https://0x7f.0.0.1:${port}${path}`,
      `https://127.1:${port}${path}`,
      `https://１２７.０.０.１:${port}${path}`,
      `https://127.0.0.1:${port}/./push/../push/${path.split("/").pop()}`,
    ];
    // Fewer than the rate limit's requests per client: use a fresh address every few.
    let client = from;
    for (const [i, endpoint] of variants.entries()) {
      if (i % 4 === 3) client = newClient();
      const res = await api("POST", subscribeBody({ ...sub, endpoint }), client);
      expect(res.status, JSON.stringify(endpoint)).toBe(400);
      expect(errorCode(res)).toBe("endpoint_not_allowed");
    }
    expect((await api("POST", subscribeBody(sub), newClient())).status).toBe(201);
    const stored = (await connection.keys("entitle:endpoint:*")).length;
    expect((await api("POST", subscribeBody({ ...sub, endpoint: sub.endpoint.replace("https:", "HTTPS:") }), newClient())).status).toBe(
      400,
    );
    expect((await connection.keys("entitle:endpoint:*")).length).toBe(stored);
    expect((await api("DELETE", { endpoint: sub.endpoint, auth: sub.keys.auth }, newClient())).status).toBe(204);
  });

  it("the same for the real push services' addresses (FCM spelled in capitals, with spaces, full-width)", () => {
    const config = parseConfig({});
    const keys = push.subscribe().keys;
    const body = (endpoint: string) => subscribeBody({ endpoint, expirationTime: null, keys });
    expect(parseSubscribeBody(body("https://fcm.googleapis.com/fcm/send/abc"), config.push, Date.parse(CLOCK_START))).toMatchObject({
      ok: true,
    });
    for (const endpoint of [
      "https://FCM.GOOGLEAPIS.COM/fcm/send/abc",
      " https://fcm.googleapis.com/fcm/send/abc",
      "https://fcm.googleapis.com/fcm/send/abc\t",
      "https://ｆｃｍ.googleapis.com/fcm/send/abc",
      "https://fcm.googleapis.com:443/fcm/send/abc",
      "https://fcm.googleapis.com./fcm/send/abc",
    ]) {
      const parsed = parseSubscribeBody(body(endpoint), config.push, Date.parse(CLOCK_START));
      expect(parsed.ok, JSON.stringify(endpoint)).toBe(false);
      if (!parsed.ok) expect(parsed.error.code).toBe("endpoint_not_allowed");
    }
  });
});

describe("4. security headers", () => {
  it("pages carry a CSP whose hashes cover every inline script, and the other headers", async () => {
    for (const locale of ["en", "zh-Hant", "zh-Hans"]) {
      const page = await send(web.url, "GET", `/${locale}`);
      expect(page.status).toBe(200);
      const policy = String(page.headers["content-security-policy"]);
      for (const directive of ["frame-ancestors 'none'", "object-src 'none'", "base-uri 'self'", "default-src 'self'"])
        expect(policy).toContain(directive);
      expect(policy).not.toMatch(/unsafe-inline|unsafe-eval/);
      const { createHash } = await import("node:crypto");
      const inline = [...page.body.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1] ?? "");
      expect(inline.length).toBeGreaterThan(0);
      for (const script of inline) expect(policy).toContain(`'sha256-${createHash("sha256").update(script).digest("base64")}'`);
      expect(page.headers["x-content-type-options"]).toBe("nosniff");
      expect(page.headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
      expect(page.headers["permissions-policy"]).toContain("camera=()");
      expect(page.headers["x-frame-options"]).toBe("DENY");
    }
    // A nonce per request (for pages rendered on demand).
    const nonce = async () => /'nonce-([^']+)'/.exec(String((await send(web.url, "GET", "/en")).headers["content-security-policy"]))?.[1];
    const [a, b] = [await nonce(), await nonce()];
    expect(a).toBeDefined();
    expect(a).not.toBe(b);
  });

  it("the API and static files carry nosniff and a CSP with no inline script", async () => {
    for (const path of ["/api/v1/push/public-key", "/sw.js", "/offline.html"]) {
      const res = await send(web.url, "GET", path);
      expect(res.headers["x-content-type-options"], path).toBe("nosniff");
      expect(String(res.headers["content-security-policy"]), path).toMatch(/script-src 'self';.*frame-ancestors 'none'/);
    }
  });
});

describe("5. no host from the request in a cached page", () => {
  const spoofs: Record<string, string>[] = [
    { "x-forwarded-host": "evil.example" },
    { host: "evil.example" },
    { "x-forwarded-host": "evil.example", "x-forwarded-proto": "https" },
  ];
  for (const headers of spoofs) {
    it(`${JSON.stringify(headers)}: links point to PUBLIC_ORIGIN only`, async () => {
      const page = await send(web.url, "GET", "/en", { headers });
      expect(page.status).toBe(200);
      const link = String(page.headers.link ?? "");
      expect(link).toContain(`<${PUBLIC_ORIGIN}/en>`);
      expect(link).not.toContain("evil");
      expect(page.body).not.toContain("evil.example");
      const root = await send(web.url, "GET", "/", { headers });
      expect(root.status).toBe(307);
      expect(String(root.headers.location)).not.toContain("evil");
    });
  }

  it("without PUBLIC_ORIGIN no absolute link at all", async () => {
    const page = await send(inject("webUrl"), "GET", "/en", { headers: { "x-forwarded-host": "evil.example" } });
    expect(page.status).toBe(200);
    expect(page.headers.link).toBeUndefined();
    expect(page.body).not.toContain("evil.example");
  });
});
