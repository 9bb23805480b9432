import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { reminderEnv } from "../integration/reminders/harness";
import { launchChromium } from "../support/browser";
import { type PushService, startPushService } from "../support/push-service";
import { type RunningRedis, startRedis } from "../support/redis";
import { type RunningServer, startWebServer } from "../support/web-server";

// The reminders panel reads the server's app clock: start it before the 2023 dates so that they are ahead.
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

const ticked = (page: Page) =>
  page
    .getByTestId("remind-me")
    .locator('input[name="remind-milestone"]:checked')
    .evaluateAll((boxes) => boxes.map((b) => (b as HTMLInputElement).value));

it("the reminders panel follows the calculator's class and route (issue 14)", async () => {
  const ctx = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  await ctx.clock.install({ time: new Date(CLOCK_START) });
  const page = await ctx.newPage();
  await page.goto(`${web.url}/en`);
  await expect.poll(() => page.getByTestId("remind-me").getAttribute("data-state")).toBe("off");
  await page.locator("input[name=shares]").fill("3000");
  await page.locator("input[name=route][value=own-name]").check();
  // In their own name: lodge transfers by the deadline; the cash comes as a posted warrant.
  await expect.poll(() => ticked(page)).toEqual(["h-lodgement-deadline", "h-warrants-posted"]);
  await page.locator("input[name=route][value=broker]").check();
  // Through a broker: hold on the last cum date, then the payment; no lodgement.
  await expect.poll(() => ticked(page)).toEqual(["h-last-cum-date", "h-payment"]);
  await page.locator("input[name=class][value=A]").check();
  // A shares: the record date (no separate last cum date) and the payment.
  await expect.poll(() => ticked(page)).toEqual(["a-record-date", "a-payment"]);
  await ctx.close();
});
