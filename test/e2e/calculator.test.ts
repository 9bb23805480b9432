import { mkdirSync } from "node:fs";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { axeViolations } from "../support/axe";
import { hydrated, launchChromium, launchProfile } from "../support/browser";
import { runEntitlementCli } from "../support/cli";

const base = () => inject("webUrl");
const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };
const SHOTS = ".test-results/screenshots";

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
  mkdirSync(SHOTS, { recursive: true });
});
afterAll(async () => {
  await browser?.close();
});

async function phonePage(locale = "en", extra: Parameters<Browser["newContext"]>[0] = {}): Promise<{ ctx: BrowserContext; page: Page }> {
  const ctx = await browser.newContext({ ...PHONE, ...extra });
  const page = await ctx.newPage();
  await page.goto(`${base()}/${locale}`);
  await hydrated(page);
  return { ctx, page };
}

/** Digits and the decimal point only: "HK$1,234.50" → "1234.50". */
const digits = (text: string | null) => (text ?? "").replace(/[^\d.]/g, "").replace(/^\./, "");

async function fillHolding(page: Page, cls: "H" | "A", shares: string, holder?: string, price?: string) {
  await page.locator(`input[name=class][value=${cls}]`).check();
  if (holder) await page.locator("select[name=holder]").selectOption(holder);
  await page.locator("input[name=shares]").fill(shares);
  if (price !== undefined) await page.locator("input[name=price]").fill(price);
}

describe("the calculator computes in the browser what the CLI computes", () => {
  const cases = [
    { cls: "H", shares: "1234", holder: "hk-individual", price: "10.00" },
    { cls: "H", shares: "125,466,000", holder: "southbound-individual" },
    { cls: "H", shares: "150", holder: "southbound-enterprise" },
    { cls: "A", shares: "1234", holder: "northbound", price: "35.50" },
    { cls: "A", shares: "100", holder: "prc-individual" },
  ] as const;
  for (const c of cases) {
    it(`${c.cls} ${c.shares} ${c.holder}`, async () => {
      const args = ["--class", c.cls, "--shares", c.shares, "--holder", c.holder, ...("price" in c ? ["--price", c.price] : [])];
      const cli = JSON.parse((await runEntitlementCli(args)).stdout);
      const { ctx, page } = await phonePage();
      await fillHolding(page, c.cls, c.shares, c.holder, "price" in c ? c.price : undefined);
      await expect.poll(() => page.getByTestId("net").textContent()).toContain(".");
      expect(digits(await page.getByTestId("gross").textContent())).toBe(cli.cash.gross);
      expect(digits(await page.getByTestId("withheld").textContent())).toBe(cli.cash.withheld);
      expect(digits(await page.getByTestId("net").textContent())).toBe(cli.cash.net);
      const newShares = await page.getByTestId("new-shares").textContent();
      expect(newShares).toContain(cli.capitalisation.shares.toLocaleString("en-US"));
      if (cli.capitalisation.maxShares !== cli.capitalisation.shares)
        expect(newShares).toContain(cli.capitalisation.maxShares.toLocaleString("en-US"));
      expect(await page.getByTestId("after-shares").textContent()).toContain(cli.after.shares.toLocaleString("en-US"));
      expect(await page.getByTestId("lots").first().textContent()).toContain(cli.after.boardLots.toLocaleString("en-US"));
      if (cli.exPrice) expect(digits(await page.getByTestId("ex-price").locator("p").textContent())).toContain(cli.exPrice.shown);
      if (cli.cash.laterTax.length) {
        const taxes = await page.getByTestId("later-tax").locator("li span.tabular-nums").allTextContents();
        expect(taxes.map(digits)).toEqual(cli.cash.laterTax.map((b: { tax: string }) => b.tax));
      }
      await ctx.close();
    });
  }
});

describe("three languages", () => {
  const expected = {
    en: ["JL MAG Rare-Earth", "You receive"],
    "zh-Hant": ["江西金力永磁", "實收"],
    "zh-Hans": ["江西金力永磁", "实收"],
  } as const;
  for (const [locale, [issuer, net]] of Object.entries(expected)) {
    it(`${locale}: translated page, formatted figures, a phone-size screenshot`, async () => {
      const { ctx, page } = await phonePage(locale);
      expect(await page.locator("html").getAttribute("lang")).toBe(locale);
      await expect.poll(() => page.locator("h1").textContent()).toContain(issuer);
      await fillHolding(page, "H", "1234");
      await expect.poll(() => page.getByTestId("cash").textContent()).toContain(net);
      expect(digits(await page.getByTestId("net").textContent())).toBe("316.27");
      await page.screenshot({ path: `${SHOTS}/calculator-${locale}.png`, fullPage: false });
      await page.locator("#timeline").scrollIntoViewIfNeeded();
      await page.screenshot({ path: `${SHOTS}/timeline-${locale}.png` });
      await ctx.close();
    });
  }

  for (const [accept, locale] of [
    ["zh-HK,zh;q=0.9", "zh-Hant"],
    ["zh-TW", "zh-Hant"],
    ["zh-CN,zh;q=0.9,en;q=0.5", "zh-Hans"],
    ["en-GB,en;q=0.8", "en"],
    ["fr-FR", "en"],
  ] as const) {
    it(`the first visit with Accept-Language ${accept} opens /${locale}`, async () => {
      const res = await fetch(`${base()}/`, { headers: { "accept-language": accept }, redirect: "manual" });
      expect([307, 308]).toContain(res.status);
      expect(new URL(res.headers.get("location") ?? "", base()).pathname).toBe(`/${locale}`);
    });
  }

  it("the switcher changes the language and keeps the holding", async () => {
    const { ctx, page } = await phonePage("en");
    await fillHolding(page, "A", "1234");
    await page.getByRole("link", { name: "简体中文" }).click();
    await page.waitForURL(/\/zh-Hans$/);
    await expect.poll(() => page.locator("input[name=shares]").inputValue()).toBe("1234");
    await expect.poll(() => page.getByTestId("new-shares").textContent()).toContain("740或741");
    await ctx.close();
  });
});

describe("bad input", () => {
  const bad = [
    ["12.5", "whole numbers"],
    ["1e3", "full digits"],
    ["-5", "at least 1"],
    ["abc", "in digits"],
    ["125466001", "125,466,000"],
  ] as const;
  for (const [text, message] of bad) {
    it(`${JSON.stringify(text)} shows a message beside the field and no figures`, async () => {
      const { ctx, page } = await phonePage("en");
      await fillHolding(page, "H", text);
      const input = page.locator("input[name=shares]");
      await expect.poll(() => input.getAttribute("aria-invalid"), { timeout: 10_000 }).toBe("true");
      const describedBy = await input.getAttribute("aria-describedby");
      await expect.poll(() => page.locator(`[id="${describedBy}"]`).textContent()).toContain(message);
      expect(await page.getByTestId("net").count()).toBe(0);
      await ctx.close();
    });
  }
  it("in Chinese too, and a bad price is explained beside the price", async () => {
    const { ctx, page } = await phonePage("zh-Hant");
    await fillHolding(page, "H", "12.5");
    await expect.poll(() => page.locator("[role=alert]").first().textContent()).toContain("整數");
    await fillHolding(page, "H", "100", undefined, "0.1");
    const price = page.locator("input[name=price]");
    await expect.poll(() => price.getAttribute("aria-invalid")).toBe("true");
    expect(await page.locator(`[id="${await price.getAttribute("aria-describedby")}"]`).textContent()).toContain("股價必須高於");
    await ctx.close();
  });
  it("the holding never leaves the device: typing sends no request", async () => {
    const { ctx, page } = await phonePage("en");
    await expect.poll(() => page.locator('[data-phase="passed"]').count()).toBeGreaterThan(0);
    const sent: string[] = [];
    page.on("request", (r) => sent.push(`${r.method()} ${r.url()} ${r.postData() ?? ""}`));
    await fillHolding(page, "A", "987654", "qfii", "12.34");
    await expect.poll(() => page.getByTestId("net").count()).toBe(1);
    expect(sent.filter((r) => r.includes("987654") || r.includes("/api/v1/entitlement"))).toEqual([]);
    await ctx.close();
  });
  it("what was typed is kept on the device across a reload", async () => {
    const { ctx, page } = await phonePage("en");
    await fillHolding(page, "A", "98,765", "qfii", "12.3");
    await page.reload();
    await expect.poll(() => page.locator("input[name=shares]").inputValue()).toBe("98,765");
    expect(await page.locator("select[name=holder]").inputValue()).toBe("qfii");
    expect(await page.locator("input[name=price]").inputValue()).toBe("12.3");
    await ctx.close();
  });
});

describe("installable, offline", () => {
  it("has a manifest Chromium accepts: no installability errors", async () => {
    const profile = await launchProfile(PHONE);
    const page = await profile.ctx.newPage();
    await page.goto(`${base()}/en`);
    await page.evaluate(() => navigator.serviceWorker.ready);
    const cdp = await profile.ctx.newCDPSession(page);
    const { installabilityErrors } = (await cdp.send("Page.getInstallabilityErrors")) as { installabilityErrors: unknown[] };
    expect(installabilityErrors).toEqual([]);
    await profile.close();
    const manifest = await (await fetch(`${base()}/manifest.webmanifest`)).json();
    expect(manifest).toMatchObject({ short_name: "Entitle", display: "standalone", start_url: "/" });
    const sizes = manifest.icons.map((i: { sizes: string; purpose: string }) => `${i.sizes}/${i.purpose}`);
    expect(sizes).toEqual(expect.arrayContaining(["192x192/any", "512x512/any", "512x512/maskable"]));
  });

  it("the service worker controls the page and an offline reload still computes, in every language", async () => {
    const ctx = await browser.newContext(PHONE);
    const page = await ctx.newPage();
    await page.goto(`${base()}/en`);
    await page.evaluate(() => navigator.serviceWorker.ready);
    await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null), { timeout: 15_000 }).toBe(true);
    await ctx.setOffline(true);
    for (const locale of ["en", "zh-Hant", "zh-Hans"]) {
      await page.goto(`${base()}/${locale}`);
      await fillHolding(page, "H", "1000");
      await expect.poll(() => page.getByTestId("net").textContent()).toContain("256.30");
    }
    // The calendar file is made in the browser, so it downloads offline too.
    await expect.poll(() => page.locator('[data-phase="passed"]').count()).toBeGreaterThan(0);
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "将所有日期添加到日历" }).click(),
    ]);
    expect(download.suggestedFilename()).toBe("jlmag-2022-final.ics");
    // A page that was never cached falls back to the offline page with links to the calculator.
    await page.goto(`${base()}/${"never-visited"}/page`);
    expect(await page.locator("h1").textContent()).toContain("offline");
    await ctx.close();
  });
});

describe("accessibility", () => {
  for (const [locale, scheme] of [
    ["en", "light"],
    ["zh-Hant", "dark"],
    ["zh-Hans", "light"],
  ] as const) {
    it(`axe-core finds no violations (${locale}, ${scheme}, with results and an error shown)`, async () => {
      const { ctx, page } = await phonePage(locale, { colorScheme: scheme });
      await fillHolding(page, "A", "1234", "prc-individual", "10");
      await page.locator("input[name=bought]").fill("2023-03-15");
      await expect.poll(() => page.getByTestId("later-tax").count()).toBe(1);
      expect(await axeViolations(page)).toEqual([]);
      await fillHolding(page, "H", "12.5");
      expect(await axeViolations(page)).toEqual([]);
      await ctx.close();
    });
  }
});

describe("the answer at a glance (issue 14)", () => {
  const KEYBOARD = { ...PHONE, viewport: { width: 390, height: 450 } };
  const route = (page: Page, r: "broker" | "stock-connect" | "own-name") => page.locator(`input[name=route][value=${r}]`).check();
  const firstCard = (page: Page) => page.locator("#results > section").first();

  it("a broker holder is told there is nothing to do but hold on the last day to buy", async () => {
    const { ctx, page } = await phonePage("en");
    await fillHolding(page, "H", "3000");
    await route(page, "broker");
    const todo = page.getByTestId("todo");
    await expect.poll(() => todo.textContent()).toContain("Nothing to do");
    // The H last cum date of the announcement's timetable (domain.md §1.3): Friday 23 June 2023.
    expect(await todo.textContent()).toContain("Jun 23, 2023");
    expect(await todo.textContent()).not.toContain("lodge");
    expect(await firstCard(page).getAttribute("data-testid")).toBe("todo");
    await ctx.close();
  });

  it("an own-name holder sees the lodgement deadline first, before any figure", async () => {
    const { ctx, page } = await phonePage("en");
    await fillHolding(page, "H", "3000");
    await route(page, "own-name");
    await expect.poll(() => page.getByTestId("todo").textContent()).toContain("Lodge");
    const todo = (await page.getByTestId("todo").textContent()) ?? "";
    // "on or before 4:30 p.m. on Tuesday, June 27, 2023" (the announcement).
    expect(todo).toContain("Jun 27, 2023");
    expect(todo).toContain("4:30");
    expect(await firstCard(page).getAttribute("data-testid")).toBe("todo");
    const todoBox = await page.getByTestId("todo").boundingBox();
    const cashBox = await page.getByTestId("cash").boundingBox();
    expect(todoBox && cashBox && todoBox.y < cashBox.y).toBe(true);
    // The dividend warrant, posted on or around 23 August 2023, is when the own-name holder's cash arrives.
    expect(await page.getByTestId("cash").textContent()).toContain("Aug 23, 2023");
    await ctx.close();
  });

  it("with the keyboard up (390×450) the net amount is in view right after typing, and Done shows the results", async () => {
    const ctx = await browser.newContext(KEYBOARD);
    const page = await ctx.newPage();
    await page.goto(`${base()}/en`);
    await fillHolding(page, "H", "3000");
    const net = page.getByTestId("glance-net");
    // 3,000 × HK$0.2847798 × (1 − 10%) = 768.905…, cut to the cent.
    await expect.poll(() => net.textContent()).toContain("768.90");
    const box = await net.boundingBox();
    expect(box).not.toBeNull();
    expect(box && box.y >= 0 && box.y + box.height <= 450).toBe(true);
    await page.locator("input[name=shares]").press("Enter");
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe("results");
    const top = await page.evaluate(() => document.getElementById("results")?.getBoundingClientRect().top ?? -1);
    expect(top).toBeGreaterThanOrEqual(0);
    expect(top).toBeLessThan(50);
    await ctx.close();
  });

  it("each card says when it arrives: the cash card gives the payment date with its status", async () => {
    const { ctx, page } = await phonePage("en");
    await fillHolding(page, "H", "3000");
    await route(page, "broker");
    const cashWhen = page.getByTestId("cash-when").first();
    // "on or about Monday, August 21, 2023" (the announcement): approximate, confirmed.
    await expect.poll(() => cashWhen.textContent()).toContain("Paid on or about");
    expect(await cashWhen.textContent()).toContain("Aug 21, 2023");
    expect(await cashWhen.textContent()).toContain("Confirmed");
    expect(await page.getByTestId("capitalisation-when").textContent()).toContain("Aug 21, 2023");
    await route(page, "stock-connect");
    await expect.poll(() => cashWhen.textContent()).toContain("CSDC");
    expect(await page.locator("select[name=holder]").inputValue()).toBe("southbound-individual");
    await fillHolding(page, "A", "1000");
    // A cash and new shares were credited on 12 July 2023 (SZSE notice 2023-047), a derived date.
    await expect.poll(() => page.getByTestId("cash-when").first().textContent()).toContain("Jul 12, 2023");
    expect(await page.getByTestId("cash-when").first().textContent()).toContain("Derived");
    await ctx.close();
  });

  it("a Southbound holder sees RMB amounts as an estimate, CSDC's fraction range and their own last day to buy", async () => {
    const { ctx, page } = await phonePage("en");
    await fillHolding(page, "H", "1234");
    await route(page, "stock-connect");
    // G4: 1,234 × the declared RMB 0.26 = RMB 320.84; 20% withheld for a Mainland individual: 320.84 × 0.8 = 256.672,
    // cut to the fen = 256.67. Intl writes RMB as "CN¥" in English.
    await expect.poll(() => page.getByTestId("net").textContent()).toContain("256.67");
    expect(await page.getByTestId("net").textContent()).toContain("CN¥");
    expect(await page.getByTestId("gross").textContent()).toContain("CN¥320.84");
    expect(await page.getByTestId("glance-net").textContent()).toContain("CN¥256.67");
    // The issuer did not say Southbound holders are paid in RMB: the per-share amount is an estimate.
    expect(await page.getByTestId("per-share").textContent()).toContain("CN¥0.26");
    expect(await page.getByTestId("per-share").locator("[data-status]").getAttribute("data-status")).toBe("unconfirmed");
    // 1,234 × 6 ÷ 10 = 740.4: CSDC ranks the fraction, so 740 or 741.
    expect(await page.getByTestId("fraction").textContent()).toContain("CSDC");
    expect(await page.getByTestId("new-shares").textContent()).toContain("741");
    // Mainland markets closed 22–23 June 2023: the last Southbound day to buy was Wednesday 21 June (derived).
    const todo = page.getByTestId("todo");
    expect(await todo.textContent()).toContain("Jun 21, 2023");
    expect(await todo.locator("[data-status]").first().getAttribute("data-status")).toBe("derived");
    await ctx.close();
  });

  it("a Northbound holder sees the whole new shares only, and why", async () => {
    const { ctx, page } = await phonePage("en");
    await fillHolding(page, "A", "1237");
    await route(page, "stock-connect");
    // 1,237 × 6 ÷ 10 = 742.2: the floor, 742, with no "or 743" (G5).
    await expect.poll(() => page.getByTestId("fraction").textContent()).toContain("not counted");
    expect(await page.getByTestId("fraction").textContent()).toContain("HKSCC (the clearing house)");
    expect(await page.getByTestId("new-shares").textContent()).toContain("742");
    expect(await page.getByTestId("new-shares").textContent()).not.toContain("743");
    expect(await page.getByTestId("new-shares").locator("[data-status]").getAttribute("data-status")).toBe("unconfirmed");
    await ctx.close();
  });

  it("keeps one holding per class: switching class does not carry the H holding into the A form", async () => {
    const { ctx, page } = await phonePage("en");
    await fillHolding(page, "H", "3000");
    await expect.poll(() => page.getByTestId("glance-net").textContent()).toContain("768.90");
    await page.locator("input[name=class][value=A]").check();
    await expect.poll(() => page.locator("input[name=shares]").inputValue()).toBe("");
    expect(await page.getByTestId("glance").count()).toBe(0);
    await page.locator("input[name=shares]").fill("1000");
    // 1,000 × RMB 0.26 = 260.00; nothing withheld for a Mainland individual.
    await expect.poll(() => page.getByTestId("glance-net").textContent()).toContain("260.00");
    await page.locator("input[name=class][value=H]").check();
    await expect.poll(() => page.locator("input[name=shares]").inputValue()).toBe("3000");
    await page.reload();
    await expect.poll(() => page.locator("input[name=shares]").inputValue()).toBe("3000");
    await page.locator("input[name=class][value=A]").check();
    await expect.poll(() => page.locator("input[name=shares]").inputValue()).toBe("1000");
    await ctx.close();
  });

  it("a route pre-selects its usual tax type; the holder can change it and it is remembered", async () => {
    const { ctx, page } = await phonePage("en");
    await fillHolding(page, "H", "2000");
    await route(page, "stock-connect");
    const holder = page.locator("select[name=holder]");
    await expect.poll(() => holder.inputValue()).toBe("southbound-individual");
    await holder.selectOption("southbound-fund");
    await page.reload();
    await expect.poll(() => holder.inputValue()).toBe("southbound-fund");
    expect(await page.locator("input[name=route][value=stock-connect]").isChecked()).toBe(true);
    await ctx.close();
  });
});
