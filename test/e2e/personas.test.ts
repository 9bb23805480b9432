import { mkdirSync } from "node:fs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchChromium } from "../support/browser";

/**
 * The three holders of issue 14 on a phone, each in their language and time zone. Each run writes their screens
 * to .test-results/screenshots/persona-*.png; docs/screenshots/ holds a copy for the README.
 */
const base = () => inject("webUrl");
const SHOTS = ".test-results/screenshots";
let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
  mkdirSync(SHOTS, { recursive: true });
});
afterAll(async () => {
  await browser?.close();
});

interface Persona {
  name: string;
  locale: string;
  timezoneId: string;
  cls: "H" | "A";
  route: "broker" | "stock-connect" | "own-name";
  shares: string;
  todo: string;
  check(page: Page): Promise<void>;
}

const personas: Persona[] = [
  {
    name: "hk-retiree",
    locale: "zh-Hant",
    timezoneId: "Asia/Hong_Kong",
    cls: "H",
    route: "broker",
    shares: "3000",
    todo: "毋須辦理任何手續",
    async check(page) {
      // 3,000 × HK$0.2847798 less 10% = 768.905…, cut to the cent; 3,000 × 6 ÷ 10 = 1,800 new; 4,800 = 24 lots of 200.
      expect(await page.getByTestId("glance-net").textContent()).toContain("768.90");
      expect(await page.getByTestId("new-shares").textContent()).toContain("1,800股新股");
      expect(await page.getByTestId("lots").first().textContent()).toContain("24手");
    },
  },
  {
    name: "shanghai-southbound",
    locale: "zh-Hans",
    timezoneId: "Asia/Shanghai",
    cls: "H",
    route: "stock-connect",
    shares: "2000",
    todo: "港股通",
    async check(page) {
      // Paid in RMB through CSDC (G4): 2,000 × the declared RMB 0.26 = 520.00, less 20% = 416.00, later than Hong Kong.
      expect(await page.locator("select[name=holder]").inputValue()).toBe("southbound-individual");
      expect(await page.getByTestId("glance-net").textContent()).toContain("¥416.00");
      // Mainland markets closed 22–23 June 2023: the last Southbound day to buy was 21 June.
      expect(await page.getByTestId("todo").textContent()).toContain("6月21日");
      expect(await page.getByTestId("cash-when").first().textContent()).toContain("中国结算");
      expect(await page.getByTestId("new-shares").textContent()).toContain("1,200股新股");
    },
  },
  {
    name: "english-northbound",
    locale: "en",
    timezoneId: "Europe/London",
    cls: "A",
    route: "stock-connect",
    shares: "1000",
    todo: "Northbound",
    async check(page) {
      // 1,000 × RMB 0.26 = 260.00, less 10% withheld for Northbound = 234.00; 600 new shares; 1,600 afterwards.
      expect(await page.getByTestId("glance-net").textContent()).toContain("234.00");
      expect(await page.getByTestId("after-shares").textContent()).toContain("1,600");
      expect(await page.getByTestId("cash-when").first().textContent()).toContain("Jul 12, 2023");
    },
  },
];

describe("three holders on a phone (issue 14)", () => {
  for (const p of personas) {
    it(`${p.name} (${p.locale}): what to do, the answer in view, then the cards`, async () => {
      const ctx = await browser.newContext({
        viewport: { width: 390, height: 844 },
        deviceScaleFactor: 1,
        isMobile: true,
        hasTouch: true,
        timezoneId: p.timezoneId,
      });
      const page = await ctx.newPage();
      await page.goto(`${base()}/${p.locale}`);
      await page.locator(`input[name=class][value=${p.cls}]`).check();
      await page.locator(`input[name=route][value=${p.route}]`).check();
      await page.locator("input[name=shares]").fill(p.shares);
      await expect.poll(() => page.getByTestId("todo").textContent()).toContain(p.todo);
      await expect.poll(() => page.getByTestId("glance-net").count()).toBe(1);
      await p.check(page);
      await page.screenshot({ path: `${SHOTS}/persona-${p.name}-1-answer.png` });
      await page.locator("input[name=shares]").press("Enter");
      await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe("results");
      await page.screenshot({ path: `${SHOTS}/persona-${p.name}-2-results.png` });
      await ctx.close();
    });
  }
});
