import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, inject, it } from "vitest";
import { launchChromium } from "../support/browser";

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

it("the production page renders in Chromium", async () => {
  const page = await browser.newPage();
  const res = await page.goto(inject("webUrl"));
  expect(res?.status()).toBe(200);
  await expect(page.locator("h1").textContent()).resolves.toContain("Entitle");
});
