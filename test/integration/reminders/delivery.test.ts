/**
 * The deliver step against a real HTTPS push service: what each answer of the push service leads to.
 * Real Redis, real BullMQ workers (in this process), real encryption; the clock stands at 14:00 HKT on
 * Tue 27 June 2023, two and a half hours before the lodgement deadline.
 */
import { type Job, Queue } from "bullmq";
import type { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { appClock, type Clock } from "@/lib/clock";
import { parseConfig } from "@/lib/config";
import type { Locale } from "@/lib/events/schema";
import { sentLedger } from "@/lib/reminders/pipeline/ledger";
import { DELIVER_QUEUE, type DeliverData, deliverJobId, deliverPageJobId } from "@/lib/reminders/pipeline/queues";
import { subscriptionStore } from "@/lib/reminders/pipeline/store";
import type { ReminderPayload } from "@/lib/reminders/push/payload";
import { topicFor } from "@/lib/reminders/push/push-options";
import { resolveVapidKeys } from "@/lib/reminders/push/vapid";
import type { Lead } from "@/lib/schedule/leads";
import { type RunningWorker, startWorker } from "@/worker/run";
import { type FakeSubscription, type PushService, startPushService } from "../../support/push-service";
import { type RunningRedis, startRedis } from "../../support/redis";
import { LODGEMENT, lodgementInput, redisClient, reminderEnv } from "./harness";

vi.mock("server-only", () => ({}));

let redis: RunningRedis;
let push: PushService;
let worker: RunningWorker;
let connection: Redis;
let deliverQueue: Queue<DeliverData>;
let clock: Clock;
let env: Record<string, string>;
const logs: Record<string, unknown>[] = [];

beforeAll(async () => {
  [redis, push] = await Promise.all([startRedis(), startPushService()]);
  env = reminderEnv(redis, push, { APP_CLOCK_START: "2023-06-27T14:00:00+08:00", DELIVER_ATTEMPTS: "4" });
  worker = await startWorker(parseConfig(env), (level, msg, fields) => logs.push({ level, msg, ...fields }));
  connection = redisClient(redis.url);
  deliverQueue = new Queue<DeliverData>(DELIVER_QUEUE, { connection });
  clock = await appClock(parseConfig(env).clockStartMs, connection);
});

afterAll(async () => {
  await worker?.close();
  await deliverQueue?.close();
  await connection?.quit();
  await push?.close();
  await redis?.destroy();
});

const store = () => subscriptionStore(connection);

async function subscribe(
  locale: Locale = "en",
  milestone = LODGEMENT.id,
  leads: Lead[] = ["PT2H"],
): Promise<{ fake: FakeSubscription; id: string }> {
  const fake = push.subscribe();
  const { id } = await store().upsert(lodgementInput(fake, { milestones: [milestone], leads, locale }), clock.now());
  return { fake, id };
}

/** Adds one deliver job (as a fan-out would) and waits until BullMQ has finished with it. */
async function deliver(subscription: string, lead: Lead = "PT2H", milestone = LODGEMENT.id, jobId?: string): Promise<Job<DeliverData>> {
  const ref = { event: "jlmag-2022-final", milestone, lead };
  const id = jobId ?? deliverJobId(subscription, ref);
  await deliverQueue.add("deliver", { subscription, ...ref }, { jobId: id, attempts: 4, backoff: { type: "exponential", delay: 300 } });
  const deadline = Date.now() + 30_000;
  for (;;) {
    const state = await deliverQueue.getJobState(id);
    if (state === "completed" || state === "failed") {
      // Read the job after it finished, so its return value and counters are final.
      const job = await deliverQueue.getJob(id);
      if (job) return job;
    }
    if (Date.now() > deadline) throw new Error(`deliver job ${id} did not finish (state ${state})`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Adds one page job (as a fan-out does) and waits until BullMQ has finished with it. */
async function deliverPage(subscriptions: string[]): Promise<Job<DeliverData>> {
  const ref = { event: "jlmag-2022-final", milestone: LODGEMENT.id, lead: "PT2H" as Lead };
  const id = deliverPageJobId(subscriptions, ref);
  await deliverQueue.add("deliver", { subscriptions, ...ref }, { jobId: id, attempts: 4, backoff: { type: "exponential", delay: 300 } });
  const deadline = Date.now() + 30_000;
  for (;;) {
    const state = await deliverQueue.getJobState(id);
    if (state === "completed" || state === "failed") {
      const job = await deliverQueue.getJob(id);
      if (job) return job;
    }
    if (Date.now() > deadline) throw new Error(`deliver job ${id} did not finish (state ${state})`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

const payloadOf = (p: { payload: string | undefined }) => JSON.parse(p.payload ?? "null") as ReminderPayload;

describe("201: delivered", () => {
  it("arrives encrypted for the subscription, decrypts to the localised reminder, with TTL, urgency, topic and VAPID", async () => {
    const { fake, id } = await subscribe("en");
    const job = await deliver(id);
    expect(job.returnvalue).toBe("sent");
    const [message] = push.delivered(fake.id);
    expect(message).toBeDefined();
    if (!message) return;
    expect(message.headers["content-encoding"]).toBe("aes128gcm");
    const payload = payloadOf(message);
    expect(payload).toMatchObject({
      v: 1,
      title: "Last time to lodge H share transfers",
      url: "/en/events/jlmag-2022-final#date-h-lodgement-deadline",
      tag: `jlmag-2022-final:${LODGEMENT.id}`,
      milestone: LODGEMENT.id,
      lead: "PT2H",
      event: "jlmag-2022-final",
      at: "2023-06-27T16:30:00+08:00",
    });
    expect(payload.body).toMatch(/^In 2 hours — Tue 27 Jun 2023, 16:30 HKT\. JL MAG Rare-Earth/);
    // TTL: the seconds left until the milestone (about 2.5 h on this clock), never web-push's four weeks.
    const left = Math.floor((LODGEMENT.at - clock.now()) / 1000);
    expect(message.ttl).toBeGreaterThan(left - 30);
    expect(message.ttl).toBeLessThanOrEqual(left + 1);
    expect(message.headers.urgency).toBe("high");
    expect(message.headers.topic).toBe(topicFor("jlmag-2022-final", LODGEMENT.id));
    // VAPID: signed by our key for this push service's origin, not expired, at most 24 h ahead.
    const keys = resolveVapidKeys(parseConfig(env));
    expect(message.vapid).toMatchObject({
      aud: push.origin,
      publicKey: keys.publicKey,
      signatureValid: true,
      sub: "mailto:reminders@entitle.example",
    });
    const nowS = Date.now() / 1000;
    expect(message.vapid?.exp).toBeGreaterThan(nowS);
    expect(message.vapid?.exp).toBeLessThanOrEqual(nowS + 24 * 3600);
  });

  it("speaks Traditional and Simplified Chinese", async () => {
    const hant = await subscribe("zh-Hant");
    const hans = await subscribe("zh-Hans");
    await deliver(hant.id);
    await deliver(hans.id);
    const a = payloadOf(push.delivered(hant.fake.id)[0] ?? { payload: undefined });
    const b = payloadOf(push.delivered(hans.fake.id)[0] ?? { payload: undefined });
    expect(a.title).toBe("遞交H股過戶文件的最後時限");
    expect(a.body).toMatch(/^2小時後——2023年6月27日（星期二）16:30（香港時間）。江西金力永磁/);
    expect(a.url).toBe("/zh-Hant/events/jlmag-2022-final#date-h-lodgement-deadline");
    expect(b.title).toBe("递交H股过户文件的最后时限");
    expect(b.body).toMatch(/^2小时后——2023年6月27日（星期二）16:30（香港时间）。/);
    expect(Buffer.byteLength(push.delivered(hant.fake.id)[0]?.payload ?? "x".repeat(4000))).toBeLessThan(3072);
  });

  it("signs the VAPID token once per push service and reuses it", async () => {
    const one = await subscribe();
    const two = await subscribe();
    await deliver(one.id);
    await deliver(two.id);
    const first = push.delivered(one.fake.id)[0]?.headers.authorization;
    expect(first).toMatch(/^vapid t=/);
    expect(push.delivered(two.fake.id)[0]?.headers.authorization).toBe(first);
  });

  it("never sends the same reminder twice to a subscription (the sent-ledger), even from another job", async () => {
    const { fake, id } = await subscribe();
    expect((await deliver(id)).returnvalue).toBe("sent");
    const again = await deliver(id, "PT2H", LODGEMENT.id, `deliver-again-${id}`);
    expect(again.returnvalue).toBe("skipped: already sent");
    expect(push.requests(fake.id)).toHaveLength(1);
    expect(await sentLedger(connection).has(id, { event: "jlmag-2022-final", milestone: LODGEMENT.id, lead: "PT2H" })).toBe(true);
  });

  it("sends once when the same delivery runs twice at the same time (a job taken over while still running)", async () => {
    const { fake, id } = await subscribe();
    push.behave({ status: 201 }, { subscription: fake.id, delayMs: 800 });
    const [a, b] = await Promise.all([
      deliver(id, "PT2H", LODGEMENT.id, `twin-a-${id}`),
      deliver(id, "PT2H", LODGEMENT.id, `twin-b-${id}`),
    ]);
    expect([a.returnvalue, b.returnvalue].sort()).toEqual(["sent", "skipped: already sent"]);
    expect(push.requests(fake.id)).toHaveLength(1);
  });

  it("never sends after the milestone: a reminder for a milestone already passed is skipped", async () => {
    const { fake, id } = await subscribe("en", "h-last-cum-date", ["P1D"]);
    const job = await deliver(id, "P1D", "h-last-cum-date");
    expect(job.returnvalue).toBe("skipped: milestone passed");
    expect(push.requests(fake.id)).toHaveLength(0);
  });

  it("does not send a reminder that was already due when the subscription was made", async () => {
    // The 1-day reminder of the lodgement deadline was due at 16:30 the day before this clock's 14:00.
    const { fake, id } = await subscribe("en", LODGEMENT.id, ["P1D"]);
    expect((await deliver(id, "P1D")).returnvalue).toBe("skipped: due before the subscription");
    expect(push.requests(fake.id)).toHaveLength(0);
  });

  it("skips a subscription that no longer asks for this reminder", async () => {
    const { fake, id } = await subscribe("en", LODGEMENT.id, ["P1D"]);
    expect((await deliver(id, "PT2H")).returnvalue).toBe("skipped: no longer wanted");
    expect(push.requests(fake.id)).toHaveLength(0);
  });
});

describe("404 and 410: the subscription is gone", () => {
  for (const status of [404, 410] as const) {
    it(`${status} deletes the subscription (by endpoint) and does not retry`, async () => {
      const { fake, id } = await subscribe();
      push.behave({ status }, { subscription: fake.id });
      const job = await deliver(id);
      expect(job.returnvalue).toBe(`subscription removed: push service answered ${status}`);
      expect(await store().get(id)).toBeUndefined();
      expect(await connection.sismember("entitle:event-subs:jlmag-2022-final", id)).toBe(0);
      expect(push.requests(fake.id)).toHaveLength(1);
      // The endpoint is free again: subscribing it anew creates a new subscription.
      const again = await store().upsert(lodgementInput(fake), clock.now());
      expect(again.created).toBe(true);
    });
  }
});

describe("other 4xx: fail without retry", () => {
  for (const status of [413, 400, 403] as const) {
    it(`${status} fails the job after one attempt and keeps the subscription`, async () => {
      const { fake, id } = await subscribe();
      push.behave({ status }, { subscription: fake.id });
      const job = await deliver(id);
      expect(await job.getState()).toBe("failed");
      expect(job.attemptsMade).toBe(1);
      expect(job.failedReason).toContain(`push service answered ${status}`);
      expect(push.requests(fake.id)).toHaveLength(1);
      expect(await store().get(id)).toBeDefined();
    });
  }
});

describe("429: wait for Retry-After, then send", () => {
  it("pauses the deliver queue for Retry-After seconds without spending an attempt", async () => {
    const { fake, id } = await subscribe();
    push.behave({ status: 429, retryAfter: "2" }, { subscription: fake.id });
    const job = await deliver(id);
    expect(job.returnvalue).toBe("sent");
    const [limited, accepted] = push.requests(fake.id);
    expect(limited?.status).toBe(429);
    expect(accepted?.status).toBe(201);
    // Not before the push service said: a lower bound, not a speed claim.
    expect((accepted?.receivedAt ?? 0) - (limited?.receivedAt ?? 0)).toBeGreaterThanOrEqual(1900);
    // BullMQ counts the attempt that succeeded; the rate-limited one is not counted.
    expect(job.attemptsMade).toBe(1);
  });
});

describe("5xx and timeouts: retry with backoff", () => {
  it("500 is retried, then delivered", async () => {
    const { fake, id } = await subscribe();
    push.behave({ status: 500 }, { subscription: fake.id, times: 2 });
    const job = await deliver(id);
    expect(job.returnvalue).toBe("sent");
    expect(push.requests(fake.id).map((r) => r.status)).toEqual([500, 500, 201]);
    expect(job.attemptsMade).toBe(3);
    // Exponential backoff from 300 ms: at least 300 ms, then at least 600 ms between attempts (lower bounds only).
    const [a, b, c] = push.requests(fake.id).map((r) => r.receivedAt);
    expect((b ?? 0) - (a ?? 0)).toBeGreaterThanOrEqual(300);
    expect((c ?? 0) - (b ?? 0)).toBeGreaterThanOrEqual(600);
  });

  it("a push service that never answers times out and is retried", async () => {
    const { fake, id } = await subscribe();
    push.behave({ hang: true }, { subscription: fake.id });
    const job = await deliver(id);
    expect(job.returnvalue).toBe("sent");
    expect(push.requests(fake.id).map((r) => r.status)).toEqual([undefined, 201]);
    expect(job.attemptsMade).toBe(2);
  });

  it("gives up after the configured attempts, and the ledger stays empty", async () => {
    const { fake, id } = await subscribe();
    push.behave({ status: 503 }, { subscription: fake.id, times: 10 });
    const job = await deliver(id);
    expect(await job.getState()).toBe("failed");
    expect(push.requests(fake.id)).toHaveLength(4);
    expect(await sentLedger(connection).has(id, { event: "jlmag-2022-final", milestone: LODGEMENT.id, lead: "PT2H" })).toBe(false);
  });
});

describe("a page of subscribers in one job", () => {
  it("settles each subscriber by its own answer; a retry sends only to those not yet sent", async () => {
    const [ok1, ok2, gone, flaky, refused, before] = await Promise.all(Array.from({ length: 6 }, () => subscribe()));
    if (!ok1 || !ok2 || !gone || !flaky || !refused || !before) throw new Error("set-up");
    // Sent earlier by another job: the page must not send it again.
    expect((await deliver(before.id)).returnvalue).toBe("sent");
    push.behave({ status: 410 }, { subscription: gone.fake.id });
    push.behave({ status: 500 }, { subscription: flaky.fake.id, times: 1 });
    push.behave({ status: 400 }, { subscription: refused.fake.id });
    const job = await deliverPage([ok1, ok2, gone, flaky, refused, before].map((s) => s.id));
    expect(await job.getState()).toBe("completed");
    // The 500 made the first attempt throw; the second sent only to the one still pending.
    expect(job.attemptsMade).toBe(2);
    expect(JSON.parse(job.returnvalue as unknown as string)).toEqual({
      subscribers: 6,
      sent: 3,
      skipped: { "already sent": 1 },
      removed: [gone.id],
      rejected: { [refused.id]: "push service answered 400" },
    });
    expect(push.requests(ok1.fake.id).map((r) => r.status)).toEqual([201]);
    expect(push.requests(ok2.fake.id).map((r) => r.status)).toEqual([201]);
    expect(push.requests(flaky.fake.id).map((r) => r.status)).toEqual([500, 201]);
    expect(push.requests(gone.fake.id).map((r) => r.status)).toEqual([410]);
    expect(push.requests(refused.fake.id).map((r) => r.status)).toEqual([400]);
    expect(push.requests(before.fake.id)).toHaveLength(1);
    expect(await store().get(gone.id)).toBeUndefined();
    expect(await store().get(refused.id)).toBeDefined();
    const ledger = sentLedger(connection);
    const ref = { event: "jlmag-2022-final", milestone: LODGEMENT.id, lead: "PT2H" as const };
    for (const s of [ok1, ok2, flaky, before]) expect(await ledger.has(s.id, ref)).toBe(true);
    for (const s of [gone, refused]) expect(await ledger.has(s.id, ref)).toBe(false);
    // No claim is left behind.
    expect(await connection.keys("entitle:inflight:*")).toEqual([]);
  });

  it("a 429 for one subscriber waits for Retry-After without spending an attempt, and sends the others once", async () => {
    const [a, b, limited] = await Promise.all(Array.from({ length: 3 }, () => subscribe()));
    if (!a || !b || !limited) throw new Error("set-up");
    push.behave({ status: 429, retryAfter: "1" }, { subscription: limited.fake.id, times: 1 });
    const job = await deliverPage([a, b, limited].map((s) => s.id));
    expect(await job.getState()).toBe("completed");
    expect(job.attemptsMade).toBe(1);
    expect(JSON.parse(job.returnvalue as unknown as string)).toMatchObject({ subscribers: 3, sent: 3, removed: [], rejected: {} });
    expect(push.requests(limited.fake.id).map((r) => r.status)).toEqual([429, 201]);
    expect(push.requests(a.fake.id)).toHaveLength(1);
    expect(push.requests(b.fake.id)).toHaveLength(1);
    const [first, second] = push.requests(limited.fake.id);
    expect((second?.receivedAt ?? 0) - (first?.receivedAt ?? 0)).toBeGreaterThanOrEqual(900);
  });
});

describe("logs", () => {
  it("never contain subscription keys or endpoints", () => {
    const text = JSON.stringify(logs);
    expect(text).not.toContain(push.origin);
    expect(text).not.toMatch(/p256dh|"auth"/);
  });
});
