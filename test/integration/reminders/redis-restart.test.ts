/**
 * redis-server dies (SIGKILL, as in a crash) between scheduling and firing and comes back from its append-only
 * file: the subscription, the delayed fan-out and the shared clock survive, the worker process reconnects by
 * itself, and the reminder arrives at its time.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { appClock } from "@/lib/clock";
import { parseConfig } from "@/lib/config";
import { findEvent } from "@/lib/events/catalog";
import { ensureFanOut, fanOutJobId, reminderQueues } from "@/lib/reminders/pipeline/queues";
import { subscriptionStore } from "@/lib/reminders/pipeline/store";
import { futureReminders } from "@/lib/schedule/reminders";
import { type PushService, startPushService } from "../../support/push-service";
import { type RunningRedis, startRedis } from "../../support/redis";
import { anchorClock, LODGEMENT, redisClient, reminderEnv, spawnWorker, type WorkerProcess } from "./harness";

vi.mock("server-only", () => ({}));

let redis: RunningRedis;
let push: PushService;
let worker: WorkerProcess | undefined;

beforeAll(async () => {
  [redis, push] = await Promise.all([startRedis(), startPushService()]);
});

afterAll(async () => {
  await worker?.kill("SIGTERM");
  await push?.close();
  await redis?.destroy();
});

describe("Redis restarted between scheduling and firing", () => {
  it("the reminder still arrives, at its time", async () => {
    const lead = 12_000;
    const clockStart = LODGEMENT.pt2h - lead;
    const anchor = await anchorClock(redis.url, clockStart);
    const env = reminderEnv(redis, push, { APP_CLOCK_START: new Date(clockStart).toISOString() });
    worker = spawnWorker(env);
    await worker.waitForLog((l) => l.msg === "worker started", 30_000, "the worker to start");

    // Subscribe and schedule exactly as the API does.
    const connection = redisClient(redis.url);
    const clock = await appClock(parseConfig(env).clockStartMs, connection);
    const queues = reminderQueues(connection, { attempts: 3, retryBaseMs: 300 });
    const fake = push.subscribe();
    const input = {
      endpoint: fake.endpoint,
      expirationTime: null,
      keys: fake.keys,
      event: "jlmag-2022-final",
      class: "H" as const,
      milestones: [LODGEMENT.id],
      leads: ["PT2H" as const],
      locale: "zh-Hans" as const,
    };
    const { id } = await subscriptionStore(connection).upsert(input, clock.now());
    const event = findEvent("jlmag-2022-final");
    if (!event) throw new Error("no event");
    const [reminder] = futureReminders(event, input, clock.now());
    if (!reminder) throw new Error("the 2-hour reminder should be in the future");
    await ensureFanOut(queues.fanOut, reminder, clock);
    await queues.close();
    await connection.quit();

    // appendfsync everysec: let the last writes reach the file, then crash and restart.
    await new Promise((r) => setTimeout(r, 1200));
    await redis.stop({ hard: true });
    await new Promise((r) => setTimeout(r, 500));
    await redis.start();

    const after = redisClient(redis.url);
    const afterQueues = reminderQueues(after, { attempts: 3, retryBaseMs: 300 });
    expect(await subscriptionStore(after).get(id)).toMatchObject({ id, locale: "zh-Hans" });
    expect(await afterQueues.fanOut.getJobState(fanOutJobId({ event: "jlmag-2022-final", milestone: LODGEMENT.id, lead: "PT2H" }))).toBe(
      "delayed",
    );
    await afterQueues.close();
    await after.quit();
    expect(push.requests(fake.id)).toHaveLength(0);

    await push.waitFor(() => push.delivered(fake.id).length === 1, 30_000, "the reminder after the restart");
    const [message] = push.delivered(fake.id);
    // Not before its time on the shared clock (a lower bound; the clock started `lead` ms after the anchor).
    expect(message?.receivedAt ?? 0).toBeGreaterThanOrEqual(anchor + lead - 50);
    expect(JSON.parse(message?.payload ?? "{}")).toMatchObject({
      title: "递交H股过户文件的最后时限",
      lead: "PT2H",
      url: "/zh-Hans/events/jlmag-2022-final#date-h-lodgement-deadline",
    });
    await new Promise((r) => setTimeout(r, 1000));
    expect(push.requests(fake.id)).toHaveLength(1);
  });
});
