/**
 * Push reminders in a real browser: Firefox ESR subscribes through the app's own Remind me panel, the app (as
 * `npm start` runs it) sends the reminder when it falls due, the local autopush service relays it, Firefox
 * decrypts it and the service worker shows it. Nothing here is stubbed in the browser or the app.
 *
 * One reminder time drives every case: the app clock starts at CLOCK_START, 60 s before the 2-hour reminders
 * of the H share lodgement deadline of the catalog event and of a typed-in (custom) event with the same
 * deadline (27 June 2023 16:30 HKT − 2 h = 14:30). Each device (a browser context: its own storage, service
 * worker and subscription) is set up before they fall due, then each is checked after. The tests run in order:
 * the set-up tests come first.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { parseTermsQuery, printTerms, termsHash } from "@/lib/events/terms";
import { clickTarget } from "@/lib/protocol/notification-click";
import { buildIsStale } from "../../scripts/build-state";
import { type RunningApp, startApp } from "./support/app";
import { type AutopushService, type Channel, startAutopush } from "./support/autopush";
import { Device, type Locale } from "./support/device";
import { launchFirefox, type RunningFirefox } from "./support/firefox";
import { type ServerState, serverState } from "./support/server-state";

vi.mock("server-only", () => ({}));

/** 60 s of app time for the set-up below (about 15 s on a busy 2-core machine); the rest is waiting. */
const CLOCK_START = "2023-06-27T14:29:00+08:00";
const LODGEMENT = { milestone: "h-lodgement-deadline", lead: "PT2H", reminderAt: Date.parse("2023-06-27T14:30:00+08:00") };
const EVENT = "jlmag-2022-final";

/**
 * A typed-in event (DESIGN §3.4 terms, written in no particular order) whose H lodgement deadline is the
 * catalog event's, so that both reminders fall due at 14:30. Its id is `custom-` and the SHA-256 of its
 * canonical terms; a tap opens its page with those terms.
 */
const CUSTOM_NAME = "Two Events Test Co";
const CUSTOM_TERMS = `hPay=2023-07-20&hRecord=2023-06-30&hLodge=2023-06-27T16:30%2B08:00&cash=1.50&cashCurrency=HKD&classes=H&name=${encodeURIComponent(CUSTOM_NAME)}`;
const customTerms = (() => {
  const parsed = parseTermsQuery(CUSTOM_TERMS);
  if (!parsed.ok) throw new Error(`CUSTOM_TERMS are invalid: ${JSON.stringify(parsed.issues)}`);
  return parsed.terms;
})();
const CUSTOM_EVENT = `custom-${termsHash(customTerms)}`;

/** The anchor of the lodgement deadline's row in the key-dates list (key-dates-list.tsx). */
const ANCHOR = `#date-${LODGEMENT.milestone}`;

/**
 * The notification each language must show, worked from the event data and the payload rules
 * (docs/reminders.md): the milestone's title; "in 2 hours" (sent at 14:30, 2 h before 16:30), the date and
 * time in HKT, then the issuer and the event's title.
 */
const EXPECTED: Record<Locale, { title: string; body: string }> = {
  en: {
    title: "Last time to lodge H share transfers",
    body: "In 2 hours — Tue 27 Jun 2023, 16:30 HKT. JL MAG Rare-Earth Co., Ltd.: 2022 final dividend and 6-for-10 capitalisation issue",
  },
  "zh-Hant": {
    title: "遞交H股過戶文件的最後時限",
    body: "2小時後——2023年6月27日（星期二）16:30（香港時間）。江西金力永磁科技股份有限公司：2022年末期股息及每10股轉增6股",
  },
  "zh-Hans": {
    title: "递交H股过户文件的最后时限",
    body: "2小时后——2023年6月27日（星期二）16:30（香港时间）。江西金力永磁科技股份有限公司：2022年度分红及每10股转增6股",
  },
};

/** The same reminder for the typed-in event: our template, its date, then the name the holder typed. */
const EXPECTED_CUSTOM: Record<Locale, { title: string; body: string }> = {
  en: { title: EXPECTED.en.title, body: `In 2 hours — Tue 27 Jun 2023, 16:30 HKT. ${CUSTOM_NAME}` },
  "zh-Hant": { title: EXPECTED["zh-Hant"].title, body: `2小時後——2023年6月27日（星期二）16:30（香港時間）。${CUSTOM_NAME}` },
  "zh-Hans": { title: EXPECTED["zh-Hans"].title, body: `2小时后——2023年6月27日（星期二）16:30（香港时间）。${CUSTOM_NAME}` },
};

let push: AutopushService;
let app: RunningApp;
let firefox: RunningFirefox;
/** A second Firefox for the rotation case: a push service reset drops every subscription of a browser. */
let otherFirefox: RunningFirefox;
let server: ServerState;

interface Subscribed {
  device: Device;
  endpoint: string;
  channel: Channel;
  id: string;
  /** The channel before the push service rotated it. */
  previous?: Channel;
}
const devices: Partial<Record<"en" | "zhHant" | "stopped" | "dropped" | "rotated" | "twoEvents", Subscribed>> = {};

function need(name: keyof typeof devices): Subscribed {
  const d = devices[name];
  if (!d) throw new Error(`the set-up of the "${name}" device failed (see its test above)`);
  return d;
}

beforeAll(async () => {
  // `npm start` would build first, for minutes: say so instead (npm test builds before running this).
  if (buildIsStale()) throw new Error("The production build is missing or older than the sources: run `npm run build` first.");
  push = await startAutopush();
  const started = await Promise.allSettled([
    startApp({
      APP_CLOCK_START: CLOCK_START,
      PUSH_ENDPOINT_HOSTS: push.hostPort,
      PUSH_ALLOW_LOOPBACK: "1",
      PUSH_CA_FILE: push.caFile,
    }).then((a) => (app = a)),
    launchFirefox(push.serverUrl).then((f) => (firefox = f)),
    launchFirefox(push.serverUrl).then((f) => (otherFirefox = f)),
  ]);
  for (const s of started) if (s.status === "rejected") throw s.reason; // afterAll stops what did start
  server = serverState(app.redisUrl, Date.parse(CLOCK_START));
});

afterAll(async () => {
  await Promise.all([firefox?.close(), otherFirefox?.close()]);
  await server?.close();
  await app?.stop();
  await push?.close();
});

/** Subscribes from the panel and checks what the push service and the server now hold. */
async function subscribeDevice(browser: RunningFirefox, locale: Locale): Promise<Subscribed> {
  const device = await Device.open(await browser.browser.createBrowserContext(), app.url, locale);
  const endpoint = await device.subscribe(EXPECTED[locale].title);
  const channel = push.channel(endpoint);
  expect(channel, "Firefox got its endpoint from the local push service").toBeDefined();
  const stored = await server.byEndpoint(endpoint);
  expect(stored).toMatchObject({ endpoint, locale });
  expect(stored?.selections[EVENT]?.milestones).toContain(LODGEMENT.milestone);
  expect(stored?.selections[EVENT]?.leads).toContain(LODGEMENT.lead);
  // Subscribed after the reminder's time, it would rightly never be sent: the machine was too slow for CLOCK_START.
  expect(stored?.createdAt, "subscribed before the reminder fell due").toBeLessThan(LODGEMENT.reminderAt);
  return { device, endpoint, channel: channel as Channel, id: stored?.id ?? "" };
}

/**
 * On the same device, opens the typed-in event's page (`/{locale}/custom?…terms…`) and subscribes to its
 * lodgement deadline from its own Remind me panel; the device's other event stays as it was.
 */
async function subscribeCustom(d: Subscribed): Promise<void> {
  await d.device.visit(`${app.url}/${d.device.locale}/custom?${CUSTOM_TERMS}`);
  const endpoint = await d.device.subscribe(EXPECTED_CUSTOM[d.device.locale].title);
  expect(endpoint, "the same subscription serves both events").toBe(d.endpoint);
  const stored = await server.byEndpoint(endpoint);
  expect(stored?.id).toBe(d.id);
  expect(Object.keys(stored?.selections ?? {}).sort()).toEqual([CUSTOM_EVENT, EVENT].sort());
  expect(stored?.selections[CUSTOM_EVENT]?.milestones).toContain(LODGEMENT.milestone);
  expect(stored?.selections[CUSTOM_EVENT]?.leads).toContain(LODGEMENT.lead);
  expect(stored?.selections[CUSTOM_EVENT]?.createdAt, "subscribed before the reminder fell due").toBeLessThan(LODGEMENT.reminderAt);
}

/** What the worker's deliver pages for one event's reminder said: how many subscribers they handled, whom they removed. */
interface Round {
  handled: number;
  removed: Set<string>;
}

/**
 * Waits until the reminder's fan-out for `event` has run and every page of deliveries it enqueued has finished
 * (one log line per page, with counts; never one per message). Whether each device was sent the reminder is read
 * from the worker's sent-ledger (`sent`).
 */
async function reminderRound(event: string): Promise<Round> {
  const due = await server.realTimeOf(LODGEMENT.reminderAt);
  const ours = (l: Record<string, unknown>) => l.event === event && l.milestone === LODGEMENT.milestone && l.lead === LODGEMENT.lead;
  const fanOut = await app.waitForLog(
    (l) => l.msg === "fan-out done" && ours(l),
    `the reminder's fan-out for ${event}`,
    Math.max(0, due - Date.now()) + 30_000,
  );
  const pages = () => app.logs().filter((l) => l.msg === "deliver" && ours(l) && typeof l.subscribers === "number");
  const handled = () => pages().reduce((n, l) => n + Number(l.subscribers), 0);
  await push.waitFor(() => handled() >= Number(fanOut.enqueued), `the worker's ${fanOut.enqueued} deliveries for ${event}`);
  return { handled: handled(), removed: new Set(pages().flatMap((l) => (Array.isArray(l.removed) ? l.removed.map(String) : []))) };
}

/** Whether the worker's sent-ledger records this device's reminder for `event`. */
const sent = (d: Subscribed, event: string) => server.wasSent(d.id, { event, milestone: LODGEMENT.milestone, lead: LODGEMENT.lead });

/** After Firefox acknowledged `count` messages, what the service worker shows (polled: showing follows the ack). */
async function shownAfterAck(d: Subscribed, count = 1): Promise<Awaited<ReturnType<Device["shown"]>>> {
  const due = await server.realTimeOf(LODGEMENT.reminderAt);
  await push.waitFor(
    () => push.messages(d.channel.channelID).filter((m) => m.ack !== undefined).length >= count,
    `Firefox's ${count} ack(s) on ${d.device.locale}`,
    Math.max(0, due - Date.now()) + 30_000,
  );
  await expect
    .poll(() => d.device.shown().then((n) => n.length), {
      timeout: 10_000,
      interval: 50,
      message: "Firefox acknowledged the push, but the service worker did not show every notification",
    })
    .toBeGreaterThanOrEqual(count);
  return d.device.shown();
}

/** The notifications in a stable order: by tag. */
const byTag = <N extends { tag: string }>(shown: N[]): N[] => [...shown].sort((a, b) => a.tag.localeCompare(b.tag));

describe("before the reminder falls due: devices subscribe through the Remind me panel", () => {
  it("in English: Firefox registers with the push service and the server stores the choices", async () => {
    devices.en = await subscribeDevice(firefox, "en");
  });

  it("in 繁體中文, on another device", async () => {
    devices.zhHant = await subscribeDevice(firefox, "zh-Hant");
  });

  it("Stop reminders: the server forgets the device and Firefox unsubscribes at the push service", async () => {
    const d = await subscribeDevice(firefox, "en");
    await d.device.stop();
    await push.waitFor(() => push.channel(d.endpoint)?.unregisteredAt !== undefined, "the unregister from Firefox");
    expect(await server.byEndpoint(d.endpoint)).toBeUndefined();
    expect(await server.subscription(d.id)).toBeUndefined();
    expect(await d.device.endpoint()).toBeNull();
    devices.stopped = d;
  });

  it("a device whose browser drops the subscription without telling the server: the push service sees it go", async () => {
    const d = await subscribeDevice(firefox, "en");
    expect(await d.device.dropSubscriptionInBrowser()).toBe(true);
    await push.waitFor(() => push.channel(d.endpoint)?.unregisteredAt !== undefined, "the unregister from Firefox");
    // The server was not told: it still holds the subscription (and will learn from the push service).
    expect((await server.subscription(d.id))?.endpoint).toBe(d.endpoint);
    devices.dropped = d;
  });

  it("two events on one device: the catalog event's panel, then a typed-in event's page, on one subscription", async () => {
    const d = await subscribeDevice(firefox, "en");
    await subscribeCustom(d);
    devices.twoEvents = d;
  });

  it("pushsubscriptionchange: the push service rotates the subscription, the service worker subscribes again and re-posts every event", async () => {
    const d = await subscribeDevice(otherFirefox, "zh-Hans");
    await subscribeCustom(d);
    push.resetBrowser(d.channel.uaid);
    // Firefox reconnects, is given a new UAID and drops its subscriptions; the worker subscribes again on its own.
    const newUaid = () => push.hellos().find((h) => h.uaid === d.channel.uaid && h.assigned !== d.channel.uaid)?.assigned;
    const freshChannel = () => push.channels().find((c) => c.uaid === newUaid());
    await push.waitFor(() => freshChannel() !== undefined, "a new registration from the service worker");
    const fresh = freshChannel() as Channel;
    await expect.poll(() => server.byEndpoint(fresh.endpoint), { timeout: 15_000, interval: 50 }).toBeDefined();
    // The same choices as the person made in both panels, now on the new endpoint: both events re-posted.
    await expect
      .poll(async () => Object.keys((await server.byEndpoint(fresh.endpoint))?.selections ?? {}).sort(), { timeout: 15_000, interval: 50 })
      .toEqual([CUSTOM_EVENT, EVENT].sort());
    const stored = await server.byEndpoint(fresh.endpoint);
    expect(stored).toMatchObject({ locale: "zh-Hans" });
    for (const event of [EVENT, CUSTOM_EVENT]) {
      expect(stored?.selections[event]?.milestones).toContain(LODGEMENT.milestone);
      expect(stored?.selections[event]?.leads).toContain(LODGEMENT.lead);
    }
    expect(await d.device.endpoint()).toBe(fresh.endpoint);
    // The old endpoint is removed by the worker (DELETE with the old subscription's auth secret).
    await expect.poll(() => server.byEndpoint(d.endpoint), { timeout: 15_000, interval: 50 }).toBeUndefined();
    devices.rotated = { device: d.device, endpoint: fresh.endpoint, channel: fresh, id: stored?.id ?? "", previous: d.channel };
  });
});

describe("when the reminders fall due (14:30 on the app clock)", () => {
  let round: Round;
  let customRound: Round;

  beforeAll(async () => {
    [round, customRound] = await Promise.all([reminderRound(EVENT), reminderRound(CUSTOM_EVENT)]);
  });

  for (const [name, locale] of [
    ["en", "en"],
    ["zhHant", "zh-Hant"],
  ] as const) {
    it(`the ${locale} device: Firefox acknowledges one message and the service worker shows it once, in ${locale}`, async () => {
      const d = need(name);
      const shown = await shownAfterAck(d);
      expect(await sent(d, EVENT)).toBe(true);
      expect(push.messages(d.channel.channelID).map((m) => m.ack)).toEqual([100]);
      expect(shown).toHaveLength(1);
      expect(shown[0]).toMatchObject({ ...EXPECTED[locale], lang: locale, tag: `${EVENT}:${LODGEMENT.milestone}` });
      // A tap opens the event's page at the date, in the same language: the worker's notificationclick runs
      // clickTarget on this data (unit-tested on its own). Neither a headless click nor, in Firefox ESR 153,
      // running code in a service worker over BiDi (script.callFunction accepts window realms only) is possible here.
      const target = clickTarget(shown[0]?.data, app.url);
      expect(target).toBe(`${app.url}/${locale}/events/${EVENT}${ANCHOR}`);
      // That page has the row the anchor names, and it is the lodgement deadline's.
      await d.device.visit(target, "on");
      expect(await d.device.page.$eval(ANCHOR, (row) => row.getAttribute("data-milestone"))).toBe(LODGEMENT.milestone);
    });
  }

  it("the device with two events: one message for each, each shown once with its event's name", async () => {
    const d = need("twoEvents");
    const shown = byTag(await shownAfterAck(d, 2));
    expect(await sent(d, EVENT)).toBe(true);
    expect(await sent(d, CUSTOM_EVENT)).toBe(true);
    expect(push.messages(d.channel.channelID).map((m) => m.ack)).toEqual([100, 100]);
    expect(shown).toHaveLength(2);
    const [custom, catalog] = shown; // "custom-…" sorts before "jlmag-…"
    expect(catalog).toMatchObject({ ...EXPECTED.en, lang: "en", tag: `${EVENT}:${LODGEMENT.milestone}` });
    expect(custom).toMatchObject({ ...EXPECTED_CUSTOM.en, lang: "en", tag: `${CUSTOM_EVENT}:${LODGEMENT.milestone}` });
    // A tap on each opens its own event at the date: the catalog page, or the typed-in terms in canonical form.
    expect(clickTarget(catalog?.data, app.url)).toBe(`${app.url}/en/events/${EVENT}${ANCHOR}`);
    const customTarget = clickTarget(custom?.data, app.url);
    expect(customTarget).toBe(`${app.url}/en/custom?${printTerms(customTerms)}${ANCHOR}`);
    await d.device.visit(customTarget, "on");
    expect(await d.device.page.$eval(ANCHOR, (row) => row.getAttribute("data-milestone"))).toBe(LODGEMENT.milestone);
  });

  it("the device that pressed Stop reminders: nothing is sent to it and nothing is shown", async () => {
    const d = need("stopped");
    expect(await sent(d, EVENT)).toBe(false);
    expect(await sent(d, CUSTOM_EVENT)).toBe(false);
    expect(round.removed.has(d.id) || customRound.removed.has(d.id)).toBe(false);
    expect(push.answers(d.channel.channelID)).toEqual([]);
    expect(await d.device.shown()).toEqual([]);
  });

  it("the rotated device: both events' reminders arrive on the new subscription, each shown once, in 简体中文", async () => {
    const d = need("rotated");
    const shown = byTag(await shownAfterAck(d, 2));
    expect(await sent(d, EVENT)).toBe(true);
    expect(await sent(d, CUSTOM_EVENT)).toBe(true);
    expect(push.messages(d.channel.channelID).map((m) => m.ack)).toEqual([100, 100]);
    expect(shown).toHaveLength(2);
    expect(shown[0]).toMatchObject({ ...EXPECTED_CUSTOM["zh-Hans"], lang: "zh-Hans", tag: `${CUSTOM_EVENT}:${LODGEMENT.milestone}` });
    expect(shown[1]).toMatchObject({ ...EXPECTED["zh-Hans"], lang: "zh-Hans", tag: `${EVENT}:${LODGEMENT.milestone}` });
    // Nothing went to the old endpoint: the server no longer had it.
    expect(d.previous?.resetAt).toBeDefined();
    expect(push.answers(d.previous?.channelID)).toEqual([]);
  });

  it("the device whose browser dropped it: the push service answers 410 and the server deletes the subscription", async () => {
    const d = need("dropped");
    expect(push.answers(d.channel.channelID).map((a) => a.status)).toEqual([410]);
    expect(round.removed.has(d.id)).toBe(true);
    expect(await sent(d, EVENT)).toBe(false);
    expect(await server.subscription(d.id)).toBeUndefined();
    expect(await server.idFor(d.endpoint)).toBeUndefined();
    expect(await d.device.shown()).toEqual([]);
  });
});
