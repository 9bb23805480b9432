import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { reminderEnv } from "../integration/reminders/harness";
import { axeViolations } from "../support/axe";
import { launchChromium } from "../support/browser";
import { type PushService, startPushService } from "../support/push-service";
import { type RunningRedis, startRedis } from "../support/redis";
import { type RunningServer, startWebServer } from "../support/web-server";

// Headless Chromium cannot complete pushManager.subscribe here (DESIGN.md §2): the browser's PushManager and
// Notification permission are stubbed; the subscription itself is a real one from the local push service,
// so the server validates real keys and schedules real reminders.
const CLOCK_START = "2023-06-20T09:00:00+08:00";

let browser: Browser;
let redis: RunningRedis;
let push: PushService;
let web: RunningServer;

beforeAll(async () => {
  [browser, redis, push] = await Promise.all([launchChromium(), startRedis(), startPushService()]);
  web = await startWebServer(reminderEnv(redis, push, { APP_CLOCK_START: CLOCK_START }));
});
afterAll(async () => {
  await browser?.close();
  await web?.stop();
  await push?.close();
  await redis?.destroy();
});

type Permission = "default" | "granted" | "denied";

async function pageWithStubbedPush(
  locale: string,
  opts: { permission?: Permission; noPush?: boolean; endpoint?: string; colorScheme?: "light" | "dark" } = {},
): Promise<{ ctx: BrowserContext; page: Page }> {
  const subscription = push.subscribe();
  const ctx = await browser.newContext({ viewport: { width: 390, height: 844 }, colorScheme: opts.colorScheme ?? "light" });
  await ctx.clock.install({ time: new Date(CLOCK_START) });
  await ctx.addInitScript(
    ({ sub, permission, noPush }) => {
      const w = window as unknown as Record<string, unknown>;
      if (noPush) {
        delete w.PushManager;
        return;
      }
      let state: string = permission;
      let current: object | null = null;
      // A browser keeps its push subscription across reloads: so does the stub (in this origin's storage).
      const KEPT = "__stub-push-subscription";
      w.__permissionAsked = 0;
      w.__subscribeCalls = 0;
      Object.defineProperty(Notification, "permission", { configurable: true, get: () => state });
      Notification.requestPermission = async () => {
        w.__permissionAsked = (w.__permissionAsked as number) + 1;
        state = "granted";
        return "granted";
      };
      const make = () => ({
        ...sub,
        options: {},
        toJSON: () => sub,
        getKey: () => null,
        unsubscribe: async () => {
          current = null;
          localStorage.removeItem(KEPT);
          return true;
        },
      });
      if (localStorage.getItem(KEPT)) current = make();
      PushManager.prototype.subscribe = async (options?: PushSubscriptionOptionsInit) => {
        w.__subscribeCalls = (w.__subscribeCalls as number) + 1;
        w.__applicationServerKey = options?.applicationServerKey ? (options.applicationServerKey as Uint8Array).length : 0;
        current = make();
        localStorage.setItem(KEPT, "1");
        return current as PushSubscription;
      };
      PushManager.prototype.getSubscription = async () => current as PushSubscription | null;
    },
    {
      sub: { endpoint: opts.endpoint ?? subscription.endpoint, expirationTime: null, keys: subscription.keys },
      permission: opts.permission ?? "default",
      noPush: opts.noPush ?? false,
    },
  );
  const page = await ctx.newPage();
  await page.goto(`${web.url}/${locale}`);
  return { ctx, page };
}

const panel = (page: Page) => page.getByTestId("remind-me");
const state = (page: Page) => panel(page).getAttribute("data-state");
const milestoneBox = (page: Page, id: string) => panel(page).locator(`input[name="remind-milestone"][value="${id}"]`);
const leadBox = (page: Page, lead: string) => panel(page).locator(`input[name="remind-lead"][value="${lead}"]`);
const ticked = (page: Page) =>
  panel(page)
    .locator('input[name="remind-milestone"]:checked')
    .evaluateAll((boxes) => boxes.map((b) => (b as HTMLInputElement).value));
/** Intl puts narrow no-break spaces before "AM" in recent ICU versions: compare with plain spaces. */
const plain = (text: string | null) => (text ?? "").replace(/\s+/g, " ").trim();
const preview = async (page: Page) => plain(await panel(page).getByTestId("remind-preview").textContent());
const posted = (page: Page) => page.waitForResponse((r) => r.url().endsWith("/api/v1/subscriptions") && r.request().method() === "POST");

describe("Remind me", () => {
  it("ticks what a broker holder needs, previews, asks for permission only after explaining, saves, changes and stops", async () => {
    const { ctx, page } = await pageWithStubbedPush("en");
    await expect.poll(() => state(page)).toBe("off");
    // Through a broker (the default route): hold on the last cum date, then get paid; the lodgement deadline
    // (for holders in their own name) is offered but not ticked.
    expect(await ticked(page)).toEqual(["h-last-cum-date", "h-payment"]);
    expect(await milestoneBox(page, "h-lodgement-deadline").isEnabled()).toBe(true);
    // One day before each: Thu 22 June 09:00 (last cum date Fri 23 June) and Sun 20 August (payment Mon 21 August).
    expect(await preview(page)).toBe("2 notifications, the first on Thu, Jun 22, 9:00 AM");
    expect(await page.evaluate(() => (window as unknown as { __permissionAsked: number }).__permissionAsked)).toBe(0);

    await panel(page).getByRole("button", { name: "Remind me" }).click();
    await expect.poll(() => state(page)).toBe("explaining");
    expect(await panel(page).textContent()).toContain("Your browser will now ask");
    expect(await page.evaluate(() => (window as unknown as { __permissionAsked: number }).__permissionAsked)).toBe(0);

    const first = posted(page);
    await panel(page).getByRole("button", { name: "Allow notifications" }).click();
    const res = await first;
    expect(res.status()).toBe(201);
    const body = res.request().postDataJSON();
    expect(body).toMatchObject({ event: "jlmag-2022-final", class: "H", locale: "en", leads: ["P1D"] });
    expect(body.milestones).toEqual(["h-last-cum-date", "h-payment"]);
    expect(body.subscription.keys.p256dh).toMatch(/^[A-Za-z0-9_-]{87}$/);
    expect(await page.evaluate(() => (window as unknown as { __applicationServerKey: number }).__applicationServerKey)).toBe(65);
    await expect.poll(() => state(page)).toBe("on");
    expect(await panel(page).getByTestId("scheduled").locator("li").count()).toBe(2);

    // Change: add the lodgement deadline and its 2-hour reminder, save: the same endpoint updates (200).
    await milestoneBox(page, "h-lodgement-deadline").check();
    await leadBox(page, "PT2H").check();
    // + lodgement 1 day before (Mon 26 June 16:30) and 2 hours before (Tue 27 June 14:30); none at 07:00 for day-only dates.
    expect(await preview(page)).toBe("4 notifications, the first on Thu, Jun 22, 9:00 AM");
    const updated = posted(page);
    await panel(page).getByRole("button", { name: "Save changes" }).click();
    const again = await updated;
    expect(again.status()).toBe(200);
    expect(((await again.json()) as { reminders: { milestone: string; lead: string }[] }).reminders).toEqual(
      expect.arrayContaining([{ milestone: "h-lodgement-deadline", lead: "PT2H", at: "2023-06-27T14:30:00+08:00" }]),
    );
    await expect.poll(() => panel(page).getByTestId("scheduled").locator("li").count()).toBe(4);

    const deleted = page.waitForResponse((r) => r.url().endsWith("/api/v1/subscriptions") && r.request().method() === "DELETE");
    await panel(page).getByRole("button", { name: "Stop reminders" }).click();
    const gone = await deleted;
    expect(gone.status()).toBe(204);
    expect(gone.request().postDataJSON()).toMatchObject({ event: "jlmag-2022-final" });
    await expect.poll(() => state(page)).toBe("off");
    // Stopping is a state, not an error: a status line, not an alert, and not in red.
    const notice = panel(page).getByTestId("remind-notice");
    expect(await notice.textContent()).toBe("Reminders stopped.");
    expect(await notice.getAttribute("role")).toBe("status");
    expect(await notice.getAttribute("class")).not.toMatch(/red/);
    expect(await panel(page).getByRole("alert").count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
    await ctx.close();
  });

  it("offers day leads only for dates without a time, and never shows them with a time", async () => {
    const { ctx, page } = await pageWithStubbedPush("en");
    await expect.poll(() => state(page)).toBe("off");
    const label = (id: string) => milestoneBox(page, id).locator("xpath=..").textContent();
    // The last cum date is a day; the lodgement deadline is 4:30 p.m.
    expect(plain(await label("h-last-cum-date"))).not.toMatch(/\d:\d\d/);
    expect(plain(await label("h-lodgement-deadline"))).toMatch(/4:30/);
    // Only day-only dates ticked: "2 hours before" cannot be chosen.
    expect(await leadBox(page, "PT2H").isDisabled()).toBe(true);
    expect(await panel(page).textContent()).toContain("Dates without a time of day get day reminders only.");
    await milestoneBox(page, "h-lodgement-deadline").check();
    expect(await leadBox(page, "PT2H").isEnabled()).toBe(true);
    await leadBox(page, "PT2H").check();
    await leadBox(page, "P1D").uncheck();
    // 2 hours before the deadline only: the day-only dates get nothing from this lead.
    expect(await preview(page)).toBe("1 notification, the first on Tue, Jun 27, 2:30 PM");
    await ctx.close();
  });

  it("keeps H and A reminders on one device: each save carries the one event, both succeed, neither clobbers the other", async () => {
    const { ctx, page } = await pageWithStubbedPush("en", { permission: "granted" });
    await expect.poll(() => state(page)).toBe("off");
    const h = posted(page);
    await panel(page).getByRole("button", { name: "Remind me" }).click();
    await panel(page).getByRole("button", { name: "Allow notifications" }).click();
    const hRes = await h;
    expect(hRes.status()).toBe(201);
    expect(hRes.request().postDataJSON()).toMatchObject({
      event: "jlmag-2022-final",
      class: "H",
      milestones: ["h-last-cum-date", "h-payment"],
    });
    await expect.poll(() => state(page)).toBe("on");

    // The A class: a broker holder's defaults (A shares have no separate last cum date: the record date).
    await panel(page).getByRole("radio", { name: "A shares" }).check();
    await expect.poll(() => panel(page).getAttribute("data-class")).toBe("A");
    expect(await ticked(page)).toEqual(["a-record-date", "a-payment"]);
    const a = posted(page);
    await panel(page).getByRole("button", { name: "Save changes" }).click();
    const aRes = await a;
    expect(aRes.status()).toBe(200);
    const aBody = aRes.request().postDataJSON();
    expect(aBody.event).toBe("jlmag-2022-final");
    expect(aBody.class).toBe("A");
    expect([...aBody.milestones].sort()).toEqual(["a-payment", "a-record-date", "h-last-cum-date", "h-payment"]);
    const scheduled = ((await aRes.json()) as { reminders: { milestone: string }[] }).reminders.map((r) => r.milestone);
    expect(new Set(scheduled)).toEqual(new Set(["h-last-cum-date", "a-record-date", "a-payment", "h-payment"]));
    await expect.poll(() => panel(page).getByTestId("scheduled").locator("li").count()).toBe(4);

    // The service worker keeps the device's selections (one per event) to subscribe again if the browser rotates the subscription.
    const kept = () =>
      page.evaluate(
        () =>
          new Promise<unknown>((resolve, reject) => {
            const open = indexedDB.open("entitle-push", 1);
            open.onupgradeneeded = () => open.result.createObjectStore("kv");
            open.onerror = () => reject(open.error);
            open.onsuccess = () => {
              const get = open.result.transaction("kv").objectStore("kv").get("preferences");
              get.onsuccess = () => resolve(get.result ?? null);
              get.onerror = () => reject(get.error);
            };
          }),
      );
    await expect
      .poll(kept)
      .toEqual([{ event: "jlmag-2022-final", class: "A", milestones: aBody.milestones, leads: ["P1D"], locale: "en" }]);

    // Back to H: its choices are still there; after a reload both classes are still saved on this device.
    await panel(page).getByRole("radio", { name: "H shares" }).check();
    expect(await ticked(page)).toEqual(["h-last-cum-date", "h-payment"]);
    await page.reload();
    await expect.poll(() => state(page)).toBe("on");
    expect(await panel(page).getByTestId("scheduled").locator("li").count()).toBe(4);
    await ctx.close();
  });

  it("says the server refused (with its error code) when the save is invalid, in the page's language", async () => {
    // An endpoint outside PUSH_ENDPOINT_HOSTS: the real server answers 400 endpoint_not_allowed.
    const { ctx, page } = await pageWithStubbedPush("zh-Hans", {
      permission: "granted",
      endpoint: "https://push.invalid.example/x",
      colorScheme: "dark",
    });
    await expect.poll(() => state(page)).toBe("off");
    const refused = posted(page);
    await panel(page).getByRole("button", { name: "提醒我" }).click();
    await panel(page).getByRole("button", { name: "允许通知" }).click();
    expect((await refused).status()).toBe(400);
    await expect.poll(() => state(page)).toBe("off");
    const alert = panel(page).getByRole("alert");
    expect(await alert.getAttribute("data-kind")).toBe("failed-refused");
    expect(await alert.textContent()).toBe("服务器拒绝了这些提醒（endpoint_not_allowed），因此没有保存任何提醒。请重新加载页面后再选择。");
    expect(await axeViolations(page)).toEqual([]);
    await ctx.close();
  });

  it("says the server could not be reached when the save never got an answer", async () => {
    const { ctx, page } = await pageWithStubbedPush("en", { permission: "granted" });
    await expect.poll(() => state(page)).toBe("off");
    await page.route("**/api/v1/subscriptions", (route) => route.abort("internetdisconnected"));
    await panel(page).getByRole("button", { name: "Remind me" }).click();
    await panel(page).getByRole("button", { name: "Allow notifications" }).click();
    const alert = panel(page).getByRole("alert");
    await expect.poll(() => alert.getAttribute("data-kind")).toBe("failed-network");
    expect(await alert.textContent()).toContain("the server could not be reached");
    expect(await state(page)).toBe("off");
    await ctx.close();
  });

  it("in Chinese, with notifications blocked, says so and points to the calendar", async () => {
    const { ctx, page } = await pageWithStubbedPush("zh-Hant", { permission: "denied" });
    await expect.poll(() => state(page)).toBe("blocked");
    expect(await panel(page).getByTestId("remind-state").textContent()).toContain("加入日曆");
    await ctx.close();
  });

  it("without Push support, offers the calendar instead", async () => {
    const { ctx, page } = await pageWithStubbedPush("zh-Hans", { noPush: true });
    await expect.poll(() => state(page)).toBe("unsupported");
    expect(await panel(page).getByTestId("remind-state").textContent()).toContain("添加到日历");
    await ctx.close();
  });
});
