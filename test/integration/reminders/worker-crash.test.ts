/**
 * A worker process killed with SIGKILL in the middle of a 2,000-subscriber fan-out. After a new worker starts,
 * every subscriber has the reminder, and nobody has it twice except the few deliveries in flight at the kill
 * (sent, but not yet written to the ledger).
 */
import { Queue } from "bullmq";
import type { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { DELIVER_QUEUE, type DeliverData, FANOUT_QUEUE, type FanOutData, fanOutJobId } from "@/lib/reminders/pipeline/queues";
import { subscriptionStore } from "@/lib/reminders/pipeline/store";
import { type PushService, startPushService } from "../../support/push-service";
import { type RunningRedis, startRedis } from "../../support/redis";
import { anchorClock, LODGEMENT, lodgementInput, redisClient, reminderEnv, spawnWorker, type WorkerProcess, waitUntil } from "./harness";

vi.mock("server-only", () => ({}));

const SUBSCRIBERS = 2000;
const CONCURRENCY = 16;
const PAGE = 5;

let redis: RunningRedis;
let push: PushService;
let connection: Redis;
const workers: WorkerProcess[] = [];

beforeAll(async () => {
  [redis, push] = await Promise.all([startRedis(), startPushService()]);
  connection = redisClient(redis.url);
});

afterAll(async () => {
  for (const w of workers) await w.kill("SIGKILL");
  await connection?.quit();
  await push?.close();
  await redis?.destroy();
});

describe("a worker killed mid-fan-out", () => {
  it("leaves no subscriber without the reminder, and duplicates only what was in flight", { timeout: 180_000 }, async () => {
    const store = subscriptionStore(connection);
    const ids = new Map<string, string>();
    for (let i = 0; i < SUBSCRIBERS; i += 100) {
      await Promise.all(
        Array.from({ length: Math.min(100, SUBSCRIBERS - i) }, async () => {
          const fake = push.subscribe();
          const { id } = await store.upsert(lodgementInput(fake), 0);
          ids.set(fake.id, id);
        }),
      );
    }
    expect(await store.countSubscribers("jlmag-2022-final")).toBe(SUBSCRIBERS);

    // The 2-hour reminder falls due 3 s from now; small pages make the fan-out long enough to cut in two.
    const clockStart = LODGEMENT.pt2h - 3000;
    await anchorClock(redis.url, clockStart);
    const env = reminderEnv(redis, push, {
      APP_CLOCK_START: new Date(clockStart).toISOString(),
      FANOUT_PAGE_SIZE: String(PAGE),
      WORKER_CONCURRENCY: String(CONCURRENCY),
      // Generous: a push request that times out after the push service accepted it is sent again (at least
      // once), and this test is about the kill, not about a slow push service.
      PUSH_TIMEOUT_MS: "10000",
    });

    const fanOuts = new Queue<FanOutData>(FANOUT_QUEUE, { connection });
    const delivers = new Queue(DELIVER_QUEUE, { connection });
    const fanOutId = fanOutJobId({ event: "jlmag-2022-final", milestone: LODGEMENT.id, lead: "PT2H" });

    const first = spawnWorker(env);
    workers.push(first);
    await first.waitForLog((l) => l.msg === "worker started", 30_000, "the first worker to start");
    let cursorAtKill: string | undefined;
    await waitUntil(
      async () => {
        const job = await fanOuts.getJob(fanOutId);
        if (job?.finishedOn) throw new Error("the fan-out finished before the kill: the test could not cut it in two");
        // Part-way: some pages enqueued and some reminders already sent, more pages still to scan.
        if (job?.data.cursor && job.data.cursor !== "0" && push.delivered().length >= 20) {
          await first.kill("SIGKILL");
          cursorAtKill = job.data.cursor;
          return true;
        }
        return false;
      },
      60_000,
      "the fan-out to be part-way",
    );
    // The deliveries in flight at the kill are among the subscribers still pending in the pages that were
    // "active", held by a dead worker (at most CONCURRENCY of them were being sent at that moment).
    const inFlight = new Set(
      (await delivers.getJobs(["active"])).flatMap((job) => {
        const data = job.data as DeliverData;
        return data.pending ?? data.subscriptions ?? (data.subscription ? [data.subscription] : []);
      }),
    );
    const deliveredBeforeKill = push.delivered().length;
    const enqueuedBeforeKill = await delivers.getJobCountByTypes("waiting", "active", "completed", "failed", "delayed", "prioritized");
    expect(cursorAtKill).toBeDefined();
    expect(deliveredBeforeKill).toBeGreaterThanOrEqual(20);
    expect(enqueuedBeforeKill).toBeLessThan(SUBSCRIBERS);
    expect(["active", "waiting"]).toContain(await fanOuts.getJobState(fanOutId)); // not finished: its worker is gone

    const second = spawnWorker(env);
    workers.push(second);
    const unique = () => new Set(push.delivered().map((r) => r.subscription)).size;
    await waitUntil(() => unique() === SUBSCRIBERS, 120_000, `all ${SUBSCRIBERS} subscribers to have the reminder`);
    await waitUntil(
      async () =>
        (await fanOuts.getJobState(fanOutId)) === "completed" &&
        (await delivers.getJobCountByTypes("waiting", "active", "delayed", "prioritized")) === 0,
      30_000,
      "the queues to drain",
    );

    // The second worker resumed the fan-out from its saved cursor rather than starting over.
    const done = second.logs.find((l) => l.msg === "fan-out done" && l.milestone === LODGEMENT.id && l.lead === "PT2H");
    expect(done?.enqueued).toBeLessThan(SUBSCRIBERS);

    const perSubscriber = new Map<string, number>();
    for (const r of push.delivered()) perSubscriber.set(r.subscription, (perSubscriber.get(r.subscription) ?? 0) + 1);
    expect(perSubscriber.size).toBe(SUBSCRIBERS);
    expect([...perSubscriber.keys()].every((pushId) => ids.has(pushId))).toBe(true);
    const twice = [...perSubscriber].filter(([, n]) => n > 1).map(([pushId]) => pushId);
    expect(Math.max(...perSubscriber.values())).toBeLessThanOrEqual(2);
    // A worker sends at most WORKER_CONCURRENCY messages at once (pages × sends per page).
    expect(twice.length).toBeLessThanOrEqual(CONCURRENCY);
    // Each one that came twice was in flight at the kill.
    for (const pushId of twice) {
      const id = ids.get(pushId) ?? "";
      const story = [...first.logs, ...second.logs].filter((l) => String(l.job ?? "").includes(id));
      expect(inFlight, `${pushId} came twice: ${JSON.stringify(story)}`).toContain(id);
    }
    // Every delivery decrypted to the reminder (no corrupt or foreign messages).
    expect(push.delivered().every((r) => r.payload?.includes('"lead":"PT2H"'))).toBe(true);

    await fanOuts.close();
    await delivers.close();
  });
});
