/**
 * The whole path with every part real and separate: `next start` (the subscription API), `npm run worker`
 * (a tsx process), Redis and an HTTPS push service. The shared clock is started 20 s before the 2-hour
 * reminder of the lodgement deadline; a browser subscribes through the API and the reminder arrives at its time.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { topicFor } from "@/lib/reminders/push/push-options";
import { type PushService, startPushService } from "../../support/push-service";
import { type RunningRedis, startRedis } from "../../support/redis";
import { type RunningServer, startWebServer } from "../../support/web-server";
import { anchorClock, LODGEMENT, reminderEnv, spawnWorker, subscribeBody, type WorkerProcess } from "./harness";

vi.mock("server-only", () => ({}));

const LEAD_MS = 20_000;

let redis: RunningRedis;
let push: PushService;
let web: RunningServer;
let worker: WorkerProcess;
let anchor: number;

beforeAll(async () => {
  [redis, push] = await Promise.all([startRedis(), startPushService()]);
  const clockStart = LODGEMENT.pt2h - LEAD_MS;
  anchor = await anchorClock(redis.url, clockStart);
  const env = reminderEnv(redis, push, { APP_CLOCK_START: new Date(clockStart).toISOString() });
  worker = spawnWorker(env);
  [web] = await Promise.all([startWebServer(env), worker.waitForLog((l) => l.msg === "worker started", 30_000, "the worker to start")]);
});

afterAll(async () => {
  const code = await worker?.kill("SIGTERM");
  expect(code).toBe(0); // graceful shutdown
  await web?.stop();
  await push?.close();
  await redis?.destroy();
});

const post = (body: unknown) =>
  fetch(`${web.url}/api/v1/subscriptions`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });

describe("subscribe, then the reminder arrives", () => {
  it("at its time, decrypted, in the subscriber's language; not to one who unsubscribed", async () => {
    // Test-only setting, and the worker says so at start.
    expect(worker.logs.some((l) => l.level === "warn" && String(l.msg).startsWith("PUSH_ALLOW_LOOPBACK is on"))).toBe(true);
    const keyRes = await fetch(`${web.url}/api/v1/push/public-key`);
    const { publicKey } = (await keyRes.json()) as { publicKey: string };

    const hant = push.subscribe();
    const res = await post(subscribeBody(hant, { locale: "zh-Hant", leads: ["P1D", "PT2H"] }));
    expect(res.status).toBe(201);
    expect(((await res.json()) as { reminders: unknown[] }).reminders).toEqual([
      { milestone: LODGEMENT.id, lead: "PT2H", at: "2023-06-27T14:30:00+08:00" },
    ]);

    const quitter = push.subscribe();
    expect((await post(subscribeBody(quitter))).status).toBe(201);
    const del = await fetch(`${web.url}/api/v1/subscriptions`, {
      method: "DELETE",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ endpoint: quitter.endpoint, auth: quitter.keys.auth }),
    });
    expect(del.status).toBe(204);
    expect(push.requests()).toHaveLength(0);

    await push.waitFor(() => push.delivered(hant.id).length > 0, LEAD_MS + 20_000, "the 2-hour reminder");
    const [message] = push.delivered(hant.id);
    if (!message) throw new Error("no message");
    // Not before its time on the shared clock (a lower bound, not a speed claim).
    expect(message.receivedAt).toBeGreaterThanOrEqual(anchor + LEAD_MS - 50);
    expect(JSON.parse(message.payload ?? "{}")).toMatchObject({
      title: "遞交H股過戶文件的最後時限",
      body: expect.stringMatching(/^2小時後——2023年6月27日（星期二）16:30（香港時間）。/),
      url: "/zh-Hant/events/jlmag-2022-final#date-h-lodgement-deadline",
      tag: `jlmag-2022-final:${LODGEMENT.id}`,
      lead: "PT2H",
    });
    expect(message.ttl).toBeGreaterThan(7200 - 60);
    expect(message.ttl).toBeLessThanOrEqual(7200);
    expect(message.headers.urgency).toBe("high");
    expect(message.headers.topic).toBe(topicFor("jlmag-2022-final", LODGEMENT.id));
    expect(message.vapid).toMatchObject({ aud: push.origin, publicKey, signatureValid: true });

    // The 1-day reminder was already past at subscription time: not sent. Nothing to the one who left.
    await new Promise((r) => setTimeout(r, 1000));
    expect(push.requests(hant.id)).toHaveLength(1);
    expect(push.requests(quitter.id)).toHaveLength(0);
  });
});
