/**
 * Scheduling: the reconciler keeps one fan-out per reminder; a reminder that fell due while no worker ran is
 * sent when one comes back, but never once its milestone has passed; after an outage only the latest due
 * reminder of a milestone is sent. Real Redis and BullMQ; a fresh Redis per scenario (each has its own clock).
 */
import type { Redis } from "ioredis";
import { afterEach, describe, expect, it, vi } from "vitest";
import { appClock, type Clock } from "@/lib/clock";
import { parseConfig } from "@/lib/config";
import { listEvents } from "@/lib/events/catalog";
import { customEventStore, eventSource } from "@/lib/reminders/pipeline/events";
import { shardOf } from "@/lib/reminders/pipeline/keys";
import { reconcile } from "@/lib/reminders/pipeline/processors";
import { ensureFanOut, fanOutJobId, JOB, reminderQueues } from "@/lib/reminders/pipeline/queues";
import { checkShardLayout, subscriptionStore } from "@/lib/reminders/pipeline/store";
import type { Lead } from "@/lib/schedule/leads";
import { deliverableReminders } from "@/lib/schedule/reminders";
import { type RunningWorker, startWorker } from "@/worker/run";
import { type PushService, startPushService } from "../../support/push-service";
import { type RunningRedis, startRedis } from "../../support/redis";
import { anchorClock, hkt, LODGEMENT, redisClient, reminderEnv, waitUntil } from "./harness";

vi.mock("server-only", () => ({}));

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

interface Scenario {
  redis: RunningRedis;
  push: PushService;
  env: Record<string, string>;
  connection: Redis;
  clock: Clock;
  queues: ReturnType<typeof reminderQueues>;
  subscribe(leads: Lead[]): Promise<{ pushId: string; id: string }>;
  startWorker(): Promise<RunningWorker>;
}

/** A Redis, a push service and the app clock started now at `clockStart` (HKT); no worker yet. */
async function scenario(clockStart: string, extraEnv: Record<string, string> = {}): Promise<Scenario> {
  const [redis, push] = await Promise.all([startRedis(), startPushService()]);
  cleanups.push(
    () => redis.destroy(),
    () => push.close(),
  );
  const env = reminderEnv(redis, push, { APP_CLOCK_START: `${clockStart}+08:00`, ...extraEnv });
  const config = parseConfig(env);
  await anchorClock(redis.url, config.clockStartMs ?? 0);
  const connection = redisClient(redis.url);
  const queues = reminderQueues(connection, { attempts: 3, retryBaseMs: 300 });
  cleanups.push(async () => {
    await queues.close();
    await connection.quit();
  });
  const clock = await appClock(config.clockStartMs, connection);
  const event = listEvents()[0];
  if (!event) throw new Error("no event");
  return {
    redis,
    push,
    env,
    connection,
    clock,
    queues,
    /** What POST /api/v1/subscriptions does: store, then make sure the future reminders have their fan-out. */
    async subscribe(leads) {
      const fake = push.subscribe();
      const input = {
        endpoint: fake.endpoint,
        expirationTime: null,
        keys: fake.keys,
        event: event.id,
        class: "H" as const,
        milestones: [LODGEMENT.id],
        leads,
        locale: "en" as const,
      };
      const { id } = await subscriptionStore(connection, config.redis?.shards).upsert(input, clock.now());
      for (const r of deliverableReminders(event, input, clock.now()))
        if (r.atMs > clock.now()) await ensureFanOut(queues.fanOut, r, clock);
      return { pushId: fake.id, id };
    },
    async startWorker() {
      const worker = await startWorker(config, () => undefined);
      cleanups.push(() => worker.close());
      return worker;
    },
  };
}

const leadsOf = (push: PushService, pushId: string) =>
  push.delivered(pushId).map((r) => (JSON.parse(r.payload ?? "{}") as { lead: string }).lead);

describe("a reminder that fell due while no worker was running", () => {
  it("is sent when the worker comes back, once; earlier reminders of the same milestone, also due, are not", async () => {
    // 1 s before the 2-hour reminder of the lodgement deadline; the 7-day and 1-day reminders are long due.
    const s = await scenario("2023-06-27T14:29:59");
    const onlyTwoHours = await s.subscribe(["PT2H"]);
    const allThree = await s.subscribe(["P7D", "P1D", "PT2H"]);
    await waitUntil(() => s.clock.now() > LODGEMENT.pt2h + 1000, 5000, "the reminder to fall due");
    expect(s.push.requests()).toHaveLength(0);

    await s.startWorker();
    await s.push.waitFor(() => s.push.delivered().length >= 2, 20_000, "two reminders");
    // Give any stray extra message (a superseded one, a duplicate) the time to show up.
    await new Promise((r) => setTimeout(r, 1500));
    expect(leadsOf(s.push, onlyTwoHours.pushId)).toEqual(["PT2H"]);
    expect(leadsOf(s.push, allThree.pushId)).toEqual(["PT2H"]);
  });
});

describe("a fan-out cut short between two subscriber sets", () => {
  it("resumes at the start of the set it had reached, the last one included, and finishes it", async () => {
    // Four sets per event on one Redis (what a Cluster does with 16). A fan-out saved as "set 3 (the last), from
    // its start" — what it records on finishing set 2 — is taken up by a worker: set 3's devices get the
    // reminder; sets 0–2, recorded as done, are not scanned again.
    const s = await scenario("2023-06-27T14:29:59", { EVENT_SHARDS: "4" });
    await checkShardLayout(s.connection, 4); // as the web server does before it stores the first device
    const devices = await Promise.all(Array.from({ length: 24 }, () => s.subscribe(["PT2H"])));
    const inLast = devices.filter((d) => shardOf(d.id, 4) === 3);
    expect(inLast.length).toBeGreaterThan(0);
    expect(inLast.length).toBeLessThan(devices.length);
    const ref = { event: "jlmag-2022-final", milestone: LODGEMENT.id, lead: "PT2H" as const };
    await s.queues.fanOut.remove(fanOutJobId(ref));
    await s.queues.fanOut.add(JOB.fanOut, { ...ref, shard: 3, cursor: "0" }, { jobId: fanOutJobId(ref) });
    await waitUntil(() => s.clock.now() > LODGEMENT.pt2h, 5000, "the reminder to fall due");

    await s.startWorker();
    await waitUntil(async () => (await s.queues.fanOut.getJobState(fanOutJobId(ref))) === "completed", 15_000, "the fan-out");
    expect((await s.queues.fanOut.getJob(fanOutJobId(ref)))?.returnvalue).toBe(`enqueued ${inLast.length}`);
    await s.push.waitFor(() => inLast.every((d) => s.push.delivered(d.pushId).length === 1), 20_000, "set 3's reminders");
    expect(s.push.delivered().length).toBe(inLast.length);
  });
});

describe("a reminder whose milestone passed while no worker was running", () => {
  it("is never sent", async () => {
    // 2 s before the deadline itself: the 2-hour reminder is due, its fan-out is waiting, nobody runs it.
    const s = await scenario("2023-06-27T16:29:58");
    const sub = await s.subscribe(["PT2H"]);
    const event = listEvents()[0];
    const reminder = event && deliverableReminders(event, { milestones: [LODGEMENT.id], leads: ["PT2H"] }, s.clock.now())[0];
    if (!reminder) throw new Error("the 2-hour reminder should still be deliverable");
    expect(await ensureFanOut(s.queues.fanOut, reminder, s.clock)).toBe("added");
    await waitUntil(() => s.clock.now() > LODGEMENT.at + 500, 5000, "the deadline to pass");

    await s.startWorker();
    const id = fanOutJobId({ event: "jlmag-2022-final", milestone: LODGEMENT.id, lead: "PT2H" });
    await waitUntil(async () => (await s.queues.fanOut.getJobState(id)) === "completed", 15_000, "the fan-out to run");
    expect((await s.queues.fanOut.getJob(id))?.returnvalue).toBe("skipped: milestone passed");
    expect(s.push.requests(sub.pushId)).toHaveLength(0);
  });
});

describe("the reconciler", () => {
  it("keeps exactly one fan-out job per (event, milestone, lead) whose milestone is ahead, however often it runs", async () => {
    const s = await scenario("2023-06-01T09:00:00");
    const deps = { events: eventSource(customEventStore(s.connection)), clock: s.clock, queues: s.queues };
    const first = await reconcile(deps);
    const expected = listEvents().reduce((n, e) => n + deliverableReminders(e, {}, s.clock.now()).length, 0);
    expect(first).toEqual({ added: expected, exists: 0, advanced: 0, retried: 0 });
    expect(await reconcile(deps)).toEqual({ added: 0, exists: expected, advanced: 0, retried: 0 });
    expect(await s.queues.fanOut.getDelayedCount()).toBe(expected);
    // Due at the earliest its fan-out may start on the app clock: 5% of the lead (6 minutes) before the 2-hour
    // lodgement reminder, 26 days 5.5 hours away (the fan-out then waits until its measured rate says to start).
    const job = await s.queues.fanOut.getJob(fanOutJobId({ event: "jlmag-2022-final", milestone: LODGEMENT.id, lead: "PT2H" }));
    const dueIn = (job?.timestamp ?? 0) + (job?.delay ?? 0) - Date.now();
    const expectedIn = LODGEMENT.pt2h - 6 * 60_000 - s.clock.now();
    expect(Math.abs(dueIn - expectedIn)).toBeLessThan(5000);
  });

  it("brings forward a fan-out that is due later than the app clock says (the clock was moved)", async () => {
    const s = await scenario("2023-06-27T14:00:00");
    const event = listEvents()[0];
    const reminder = event && deliverableReminders(event, { milestones: [LODGEMENT.id], leads: ["PT2H"] }, s.clock.now())[0];
    if (!reminder) throw new Error("no reminder");
    const ref = { event: reminder.event, milestone: reminder.milestone, lead: reminder.lead };
    await s.queues.fanOut.add("fan-out", ref, { jobId: fanOutJobId(ref), delay: 10 * 24 * 3600 * 1000 });
    expect(await ensureFanOut(s.queues.fanOut, reminder, s.clock)).toBe("advanced");
    const job = await s.queues.fanOut.getJob(fanOutJobId(ref));
    expect(job?.delay).toBeLessThanOrEqual(hkt("2023-06-27T14:30:00") - s.clock.now() + 1000);
  });
});
