/**
 * Reminders for any event (issue 8, item 6): one device subscribes to a catalog event AND a typed-in (custom)
 * event; both reminders arrive. Every part real and separate: the production server, `npm run worker`, Redis and
 * the HTTPS push service; the shared clock starts 20 s before the catalog event's 2-hour reminder.
 */

import { Queue } from "bullmq";
import type { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { parseTermsQuery, printTerms } from "@/lib/events/terms";
import { resolveCustomEvent } from "@/lib/reminders/api/custom-event";
import { FANOUT_QUEUE, fanOutJobId } from "@/lib/reminders/pipeline/queues";
import { type PushService, startPushService } from "../../support/push-service";
import { type RunningRedis, startRedis } from "../../support/redis";
import { type RunningServer, startWebServer } from "../../support/web-server";
import { anchorClock, LODGEMENT, redisClient, reminderEnv, spawnWorker, subscribeBody, type WorkerProcess } from "./harness";

vi.mock("server-only", () => ({}));

const LEAD_MS = 20_000;
/** A typed-in H-share event whose lodgement deadline is 15 s after the catalog event's. */
const CUSTOM_TERMS = new URLSearchParams({
  name: "Example Holdings 2023 interim",
  classes: "H",
  cash: "1.50",
  cashCurrency: "HKD",
  hLot: "500",
  hLodge: "2023-06-27T16:30:15+08:00",
  hRecord: "2023-07-05",
  hPay: "2023-08-01",
}).toString();
function canonical(query: string): string {
  const read = parseTermsQuery(query);
  if (!read.ok) throw new Error(JSON.stringify(read.issues));
  return printTerms(read.terms);
}
/** The same event, written differently (order, trailing zeros, the lodgement time in UTC). */
const SAME_TERMS_AGAIN =
  "hPay=2023-08-01&hRecord=2023-07-05&hLodge=2023-06-27T08:30:15Z&hLot=500&cashCurrency=HKD&cash=1.5&classes=H&name=Example+Holdings+2023+interim";

let redis: RunningRedis;
let push: PushService;
let web: RunningServer;
let worker: WorkerProcess;
let connection: Redis;

beforeAll(async () => {
  [redis, push] = await Promise.all([startRedis(), startPushService()]);
  const clockStart = LODGEMENT.pt2h - LEAD_MS;
  await anchorClock(redis.url, clockStart);
  const env = reminderEnv(redis, push, { APP_CLOCK_START: new Date(clockStart).toISOString(), TRUST_PROXY_HOPS: "1" });
  worker = spawnWorker(env);
  [web] = await Promise.all([startWebServer(env), worker.waitForLog((l) => l.msg === "worker started", 30_000, "the worker to start")]);
  connection = redisClient(redis.url);
});

afterAll(async () => {
  await worker?.kill("SIGTERM");
  await web?.stop();
  await connection?.quit();
  await push?.close();
  await redis?.destroy();
});

let client = 1;
const call = (method: string, body: unknown) =>
  fetch(`${web.url}/api/v1/subscriptions`, {
    method,
    headers: { "content-type": "application/json", "x-forwarded-for": `198.51.100.${client++}` },
    body: JSON.stringify(body),
  });

const customBody = (sub: Parameters<typeof subscribeBody>[0], terms = CUSTOM_TERMS) =>
  subscribeBody(sub, { event: "custom", terms, class: "H", milestones: [LODGEMENT.id], leads: ["PT2H"] });

describe("one device, two events", () => {
  it("a catalog event and a custom event: both selections kept, both reminders arrive, each in its own words", async () => {
    const device = push.subscribe();
    const catalog = await call("POST", subscribeBody(device));
    expect(catalog.status).toBe(201);
    const custom = await call("POST", customBody(device));
    expect(custom.status).toBe(201);
    const customAnswer = (await custom.json()) as { id: string; event: string; reminders: unknown[] };
    const { id } = (await catalog.json()) as { id: string };
    expect(customAnswer.id).toBe(id); // one device
    const resolved = resolveCustomEvent(CUSTOM_TERMS);
    if (!resolved.ok) throw new Error(resolved.error.message);
    expect(customAnswer.event).toBe(resolved.value.event.id);
    expect(customAnswer.event).toMatch(/^custom-[0-9a-f]{64}$/);
    expect(customAnswer.reminders).toEqual([{ milestone: LODGEMENT.id, lead: "PT2H", at: "2023-06-27T14:30:15+08:00" }]);

    // A second device with the same event, written differently, shares the stored event and its schedule.
    const other = push.subscribe();
    const again = await call("POST", customBody(other, SAME_TERMS_AGAIN));
    expect(again.status).toBe(201);
    expect(((await again.json()) as { event: string }).event).toBe(customAnswer.event);
    expect(await connection.smembers("entitle:custom-events")).toEqual([customAnswer.event]);
    const fanOut = new Queue(FANOUT_QUEUE, { connection });
    expect(await fanOut.getJobState(fanOutJobId({ event: customAnswer.event, milestone: LODGEMENT.id, lead: "PT2H" }))).toBe("delayed");
    await fanOut.close();

    // A third device asks for both, then drops the custom event only.
    const quitter = push.subscribe();
    expect((await call("POST", subscribeBody(quitter))).status).toBe(201);
    expect((await call("POST", customBody(quitter))).status).toBe(201);
    const dropped = await call("DELETE", { endpoint: quitter.endpoint, auth: quitter.keys.auth, event: "custom", terms: SAME_TERMS_AGAIN });
    expect(dropped.status).toBe(204);

    await push.waitFor(
      () => push.delivered(device.id).length >= 2 && push.delivered(other.id).length >= 1 && push.delivered(quitter.id).length >= 1,
      LEAD_MS + 40_000,
      "the catalog and the custom reminders",
    );
    const payloads = push.delivered(device.id).map((m) => JSON.parse(m.payload ?? "{}") as Record<string, string>);
    const byEvent = Object.fromEntries(payloads.map((p) => [p.event, p]));
    expect(Object.keys(byEvent).sort()).toEqual([customAnswer.event, "jlmag-2022-final"].sort());
    expect(byEvent["jlmag-2022-final"]).toMatchObject({
      title: "Last time to lodge H share transfers",
      body: expect.stringMatching(/^In 2 hours — Tue 27 Jun 2023, 16:30 HKT\. JL MAG Rare-Earth/),
      url: "/en/events/jlmag-2022-final#date-h-lodgement-deadline",
    });
    expect(byEvent[customAnswer.event]).toMatchObject({
      title: "Last time to lodge H share transfers",
      body: "In 2 hours — Tue 27 Jun 2023, 16:30 HKT. Example Holdings 2023 interim",
      milestone: LODGEMENT.id,
      lead: "PT2H",
      // The typed-in event's page as its Share link gives it: the canonical terms, without the API's event=custom.
      url: `/en/custom?${canonical(CUSTOM_TERMS)}#date-h-lodgement-deadline`,
    });
    // Two tags and two topics: neither reminder replaces the other on the device or at the push service.
    expect(new Set(payloads.map((p) => p.tag)).size).toBe(2);
    expect(new Set(push.delivered(device.id).map((m) => m.headers.topic)).size).toBe(2);

    // The device that dropped the custom event got the catalog reminder only: once the custom reminder's fan-out is
    // done and its deliver pages have handled every subscriber it enqueued, nothing more can arrive for it.
    const ours = (l: Record<string, unknown>) => l.event === customAnswer.event && l.milestone === LODGEMENT.id && l.lead === "PT2H";
    await worker.waitForLog((l) => l.msg === "fan-out done" && ours(l), 30_000, "the custom reminder's fan-out");
    const enqueued = Number(worker.logs.find((l) => l.msg === "fan-out done" && ours(l))?.enqueued);
    const handled = () =>
      worker.logs
        .filter((l) => l.msg === "deliver" && ours(l) && typeof l.subscribers === "number")
        .reduce((n, l) => n + Number(l.subscribers), 0);
    await push.waitFor(() => handled() >= enqueued, 30_000, `the worker's ${enqueued} deliveries of the custom reminder`);
    expect(push.delivered(quitter.id).map((m) => (JSON.parse(m.payload ?? "{}") as { event: string }).event)).toEqual(["jlmag-2022-final"]);
    expect(push.delivered(device.id)).toHaveLength(2);
  });
});

describe("custom events the server refuses", () => {
  const cases: [string, string, string][] = [
    ["no terms", "", "terms_missing"],
    ["a lot that is not a whole number", "classes=H&cashCurrency=HKD&cash=1&hLodge=2023-06-30&hLot=1.5", "term_invalid"],
    ["no cash, bonus or cap", "classes=H&hLodge=2023-06-30", "terms_empty"],
    ["RMB cash for H without hCash or hRate", "cash=2.6&hLodge=2023-06-30", "h_rate_missing"],
    ["dates out of order", "classes=H&cashCurrency=HKD&cash=1&hRecord=2023-07-05&hPay=2023-07-01&hLodge=2023-06-30", "dates_out_of_order"],
    ["a date more than 2 years ahead", "classes=H&cashCurrency=HKD&cash=1&hLodge=2023-06-30&hPay=2025-07-01", "event_dates_out_of_range"],
    ["every date already past", "classes=H&cashCurrency=HKD&cash=1&hLodge=2023-06-01", "event_dates_out_of_range"],
    ["a name of 81 characters", `classes=H&cashCurrency=HKD&cash=1&hLodge=2023-06-30&name=${"x".repeat(81)}`, "term_invalid"],
    ["a name with markup", "classes=H&cashCurrency=HKD&cash=1&hLodge=2023-06-30&name=%3Cb%3Ehi%3C%2Fb%3E", "term_invalid"],
    ["a name with a control character", "classes=H&cashCurrency=HKD&cash=1&hLodge=2023-06-30&name=a%07b", "term_invalid"],
    ["a date that does not exist", "classes=H&cashCurrency=HKD&cash=1&hLodge=2023-02-30", "term_invalid"],
  ];
  for (const [what, terms, code] of cases) {
    it(`400 ${code}: ${what}`, async () => {
      const body = terms === "" ? { ...customBody(push.subscribe()), terms: undefined } : customBody(push.subscribe(), terms);
      const res = await call("POST", body);
      expect(res.status).toBe(400);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe(code);
    });
  }

  it("400 unknown_milestone: a date the custom event does not have, or not of that class", async () => {
    const terms = "classes=H&cashCurrency=HKD&cash=1&hLodge=2023-06-30";
    for (const milestones of [["h-payment"], ["a-payment"], ["h-ex-date"]]) {
      const res = await call("POST", { ...customBody(push.subscribe(), terms), milestones });
      expect(res.status).toBe(400);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe("unknown_milestone");
    }
  });

  it("a catalog event takes no terms; a stored custom id is not a catalog id", async () => {
    const withTerms = await call("POST", subscribeBody(push.subscribe(), { terms: "cash=1" }));
    expect(withTerms.status).toBe(400);
    const byId = await call("POST", subscribeBody(push.subscribe(), { event: "custom-0123456789abcdef0123456789abcdef" }));
    expect(((await byId.json()) as { error: { code: string } }).error.code).toBe("unknown_event");
  });
});
