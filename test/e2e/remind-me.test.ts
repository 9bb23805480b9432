import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { reminderEnv } from "../integration/reminders/harness";
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
  opts: { permission?: Permission; noPush?: boolean } = {},
): Promise<{ ctx: BrowserContext; page: Page }> {
  const subscription = push.subscribe();
  const ctx = await browser.newContext({ viewport: { width: 390, height: 844 } });
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
          return true;
        },
      });
      PushManager.prototype.subscribe = async (options?: PushSubscriptionOptionsInit) => {
        w.__subscribeCalls = (w.__subscribeCalls as number) + 1;
        w.__applicationServerKey = options?.applicationServerKey ? (options.applicationServerKey as Uint8Array).length : 0;
        current = make();
        return current as PushSubscription;
      };
      PushManager.prototype.getSubscription = async () => current as PushSubscription | null;
    },
    {
      sub: { endpoint: subscription.endpoint, expirationTime: null, keys: subscription.keys },
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

describe("Remind me", () => {
  it("asks for permission only after explaining, posts a valid subscription, shows, changes and stops the reminders", async () => {
    const { ctx, page } = await pageWithStubbedPush("en");
    await expect.poll(() => state(page)).toBe("off");
    // Dates still ahead on 20 June 2023 are offered; none has passed yet.
    expect(await panel(page).locator('input[name="remind-milestone"][value="h-lodgement-deadline"]').isEnabled()).toBe(true);
    expect(await page.evaluate(() => (window as unknown as { __permissionAsked: number }).__permissionAsked)).toBe(0);

    await panel(page).getByRole("button", { name: "Remind me" }).click();
    await expect.poll(() => state(page)).toBe("explaining");
    expect(await panel(page).textContent()).toContain("Your browser will now ask");
    expect(await page.evaluate(() => (window as unknown as { __permissionAsked: number }).__permissionAsked)).toBe(0);

    const posted = page.waitForResponse((r) => r.url().endsWith("/api/v1/subscriptions") && r.request().method() === "POST");
    await panel(page).getByRole("button", { name: "Allow notifications" }).click();
    const res = await posted;
    expect(res.status()).toBe(201);
    const body = res.request().postDataJSON();
    expect(body).toMatchObject({ event: "jlmag-2022-final", class: "H", locale: "en", leads: ["P1D"] });
    expect(body.subscription.keys.p256dh).toMatch(/^[A-Za-z0-9_-]{87}$/);
    expect(body.milestones).toContain("h-lodgement-deadline");
    expect(await page.evaluate(() => (window as unknown as { __applicationServerKey: number }).__applicationServerKey)).toBe(65);
    await expect.poll(() => state(page)).toBe("on");
    expect(await panel(page).getByTestId("scheduled").textContent()).toContain("Last time to lodge H share transfers");

    // Change: add the 2-hour lead, save: the same endpoint updates (200) and lists more reminders.
    const before = await panel(page).getByTestId("scheduled").locator("li").count();
    await panel(page).locator('input[name="remind-lead"][value="PT2H"]').check();
    const updated = page.waitForResponse((r) => r.url().endsWith("/api/v1/subscriptions") && r.request().method() === "POST");
    await panel(page).getByRole("button", { name: "Save changes" }).click();
    expect((await updated).status()).toBe(200);
    await expect.poll(() => panel(page).getByTestId("scheduled").locator("li").count()).toBeGreaterThan(before);

    const deleted = page.waitForResponse((r) => r.url().endsWith("/api/v1/subscriptions") && r.request().method() === "DELETE");
    await panel(page).getByRole("button", { name: "Stop reminders" }).click();
    expect((await deleted).status()).toBe(204);
    await expect.poll(() => state(page)).toBe("off");
    expect(await panel(page).textContent()).toContain("Reminders stopped.");
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
