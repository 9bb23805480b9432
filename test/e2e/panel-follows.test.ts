import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { reminderEnv } from "../integration/reminders/harness";
import { hydrated, launchChromium } from "../support/browser";
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

it("keeps a box the holder ticked while a typed-in event's worked-out dates arrive; untouched dates follow the route", async () => {
  const ctx = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  await ctx.clock.install({ time: new Date(CLOCK_START) });
  const page = await ctx.newPage();
  // Hold the worked-out dates (GET /api/v1/events/custom) until the holder has ticked a box.
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route("**/api/v1/events/custom?*", async (route) => {
    await held;
    await route.continue();
  });
  // An H share event typed in with its lodgement deadline, record date and payment date only.
  const terms = "hPay=2023-07-20&hRecord=2023-06-30&hLodge=2023-06-27T16:30%2B08:00&cash=1.50&cashCurrency=HKD&classes=H&name=Keep+Co";
  await page.goto(`${web.url}/en/custom?${terms}`);
  await expect.poll(() => page.getByTestId("remind-me").getAttribute("data-state"), { timeout: 30_000 }).toBe("off");
  const lodgement = 'input[name="remind-milestone"][value="h-lodgement-deadline"]';
  await hydrated(page, lodgement);
  // The typed dates alone: a broker holder's defaults have no last cum date yet, so the record date stands in.
  expect(await ticked(page)).toEqual(["h-record-date", "h-payment"]);
  await page.locator(lodgement).check();
  expect(await ticked(page)).toEqual(["h-lodgement-deadline", "h-record-date", "h-payment"]);
  release();
  // The list grows (the last cum date and the Southbound last day to buy come before the deadline): the deadline
  // stays ticked; the dates the holder did not touch follow the broker defaults of the new list (last cum date
  // and payment), so the record date is no longer ticked.
  await expect.poll(() => ticked(page), { timeout: 15_000 }).toEqual(["h-last-cum-date", "h-lodgement-deadline", "h-payment"]);
  await ctx.close();
});
