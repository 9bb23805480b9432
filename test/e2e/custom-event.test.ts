import { mkdirSync, readFileSync } from "node:fs";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { axeViolations } from "../support/axe";
import { launchChromium } from "../support/browser";

const base = () => inject("webUrl");
// Screenshots for the README (docs/screenshots/ keeps a copy).
const SHOTS = ".test-results/screenshots";
const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };

// JL MAG's 2022 final distribution typed in as a holder reads it from the H share announcement (DESIGN §3.4):
// RMB 2.60 and HKD 2.847798 per 10 shares, 6 capitalisation shares per 10, board lot 200, and its dates.
const JLMAG_TERMS =
  "name=JL+MAG+typed+in&cash=2.60&hCash=2.847798&cap=6&hLot=200&agm=2023-06-21&hLastCum=2023-06-23&hEx=2023-06-26" +
  "&hLodge=2023-06-27T16:30%2B08:00&hCloseFrom=2023-06-28&hCloseTo=2023-07-03&hRecord=2023-07-03&hPay=2023-08-21" +
  "&aRecord=2023-07-11&aEx=2023-07-12&aPay=2023-07-12";
// An H-only event paid at a rate, with bonus shares (dates ahead).
const H_ONLY = "name=H+only+bonus&classes=H&cash=3&hRate=0.9&bonus=2&hLot=500&hRecord=2027-06-30&hPay=2027-07-30";
// An A-only 10送3转4派1.5 event.
// termErrors.not_for_these_classes in 繁體, for H shares.
const NOT_FOR_H_ZH_HANT = "此項適用於H股，但所選類別不包括H股。";
const A_ONLY = "name=A+10+for+3+and+4&classes=A&cash=1.5&bonus=3&cap=4&aRecord=2027-05-20&aEx=2027-05-21&aPay=2027-05-21";

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
  mkdirSync(SHOTS, { recursive: true });
});
afterAll(async () => {
  await browser?.close();
});

async function open(path: string, locale = "en", ctx?: BrowserContext): Promise<{ ctx: BrowserContext; page: Page }> {
  const context = ctx ?? (await browser.newContext(PHONE));
  const page = await context.newPage();
  await page.goto(`${base()}/${locale}${path}`);
  return { ctx: context, page };
}

/** Digits and the decimal point only: "HK$1,234.50" → "1234.50". */
const digits = (text: string | null) => (text ?? "").replace(/[^\d.]/g, "").replace(/^\./, "");

async function fillHolding(page: Page, cls: "H" | "A" | null, shares: string, holder?: string, price?: string) {
  if (cls) await page.locator(`input[name=class][value=${cls}]`).check();
  if (holder) await page.locator("select[name=holder]").selectOption(holder);
  await page.locator("input[name=shares]").fill(shares);
  if (price !== undefined) await page.locator("input[name=price]").fill(price);
}

/** The numbers in a text, without the words around them (a typed-in figure's badge says "Unconfirmed"). */
const numbers = (text: string | null) => (text ?? "").match(/\d(?:[\d,.]*\d)?/g) ?? [];

async function figures(page: Page) {
  await expect.poll(() => page.getByTestId("net").textContent()).toMatch(/\d/);
  return {
    gross: digits(await page.getByTestId("gross").textContent()),
    withheld: (await page.getByTestId("withheld").count()) ? digits(await page.getByTestId("withheld").textContent()) : null,
    net: digits(await page.getByTestId("net").textContent()),
    newShares: numbers(await page.getByTestId("new-shares").textContent()),
    after: numbers(await page.getByTestId("after-shares").textContent()),
    lots: (await page.getByTestId("lots").allTextContents()).map(numbers),
    exPrice: (await page.getByTestId("ex-price").count()) ? await page.getByTestId("ex-price").locator("p").first().textContent() : null,
  };
}

describe("a typed-in event opened from its link", () => {
  for (const [cls, shares, holder, price] of [
    ["H", "1234", "hk-individual", "10.00"],
    ["H", "777", "southbound-individual", undefined],
    ["A", "1234", "northbound", "35.50"],
  ] as const) {
    it(`JL MAG typed in gives the catalog's figures (${cls} ${shares} ${holder})`, async () => {
      const { ctx, page } = await open(`/custom?${JLMAG_TERMS}`);
      await expect.poll(() => page.locator("h1").textContent()).toBe("JL MAG typed in");
      await expect.poll(() => page.getByTestId("estimate").textContent()).toContain("Estimate");
      await fillHolding(page, cls, shares, holder, price);
      const typed = await figures(page);
      const catalog = await open("/events/jlmag-2022-final", "en", ctx);
      await fillHolding(catalog.page, cls, shares, holder, price);
      expect(typed).toEqual(await figures(catalog.page));
      await ctx.close();
    });
  }

  it("the typed-in JL MAG: 1,000 H shares for a Hong Kong individual receive HKD 256.30 (10% withheld)", async () => {
    const { ctx, page } = await open(`/custom?${JLMAG_TERMS}`);
    // Opened from a link whose terms read: the terms are folded, the holding field comes first.
    await expect.poll(() => page.locator("input[name=shares]").count()).toBe(1);
    expect(await page.getByTestId("terms").getAttribute("open")).toBeNull();
    expect(await page.locator("input[name=cash]").isVisible()).toBe(false);
    await fillHolding(page, "H", "1000", "hk-individual");
    // 1,000 × 0.2847798 = 284.7798 → 284.77 gross; less 10%: 1,000 × 0.25630182 = 256.30.
    const f = await figures(page);
    expect([f.gross, f.net, f.withheld]).toEqual(["284.77", "256.30", "28.47"]);
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: `${SHOTS}/custom-0-link.png` });
    // 1,000 × 6 ÷ 10 = 600 new H shares; 1,600 shares are 8 lots of 200.
    expect(f.newShares).toEqual(["600"]);
    expect(f.after).toEqual(["1,600"]);
    // Its dates are the 11 typed ones, in Hong Kong time, and the one they imply that the terms lack: the Southbound
    // last day to buy, Wed 21 Jun 2023 (docs/timetable.md: 23 Jun a Mainland bridge day, 22 Jun closed in both markets).
    await expect.poll(() => page.locator("#timeline [data-milestone]").count()).toBe(12);
    expect(await page.locator("[data-milestone=h-southbound-last-buy] time").getAttribute("datetime")).toBe("2023-06-21T09:00:00+08:00");
    expect(await page.locator("[data-milestone=h-lodgement-deadline] time").textContent()).toContain("27");
    await ctx.close();
  });

  it("an H-only event paid at a rate, with bonus shares: figures from the rules", async () => {
    const { ctx, page } = await open(`/custom?${H_ONLY}`);
    await expect.poll(() => page.locator("h1").textContent()).toBe("H only bonus");
    // Only H shares: the class choice offers H alone.
    expect(await page.locator("input[name=class]").count()).toBe(1);
    await fillHolding(page, null, "1000", "hk-individual", "10");
    const f = await figures(page);
    // Cash per H share: RMB 0.30 ÷ 0.9 = HKD 0.3333…; gross 1,000 × 0.3333… = 333.33.
    // Tax 10% of (0.3333… + 0.2 bonus shares × par RMB 1 ÷ 0.9) = 0.05555… per share;
    // net 1,000 × (0.3333… − 0.05555…) = 277.777… → 277.77; withheld 333.33 − 277.77 = 55.56.
    expect([f.gross, f.net, f.withheld]).toEqual(["333.33", "277.77", "55.56"]);
    // 1,000 × 2 ÷ 10 = 200 bonus shares; 1,200 shares: 2 lots of 500 and 200 odd shares.
    expect(f.newShares).toEqual(["200"]);
    expect(f.after).toEqual(["1,200"]);
    expect(f.lots).toEqual([["2", "500", "200"]]);
    // Ex-price (10 − 0.3333…) ÷ (1 + 0.2) = 8.0555… → 8.056 (H shares: 0.001).
    expect(digits(f.exPrice)).toContain("8.056");
    // Key dates and reminders are the event's: its two typed dates and, once the server has worked them out, the
    // three they imply (docs/timetable.md), from 2027's Hong Kong holidays as a forecast: no book closure, so
    // lodgement at 4:30 p.m. on the record date Wed 30 Jun 2027, ex-date the business day before (Tue 29 Jun),
    // last cum date the one before that (Mon 28 Jun); no Southbound date (the Mainland's 2027 is not known).
    await expect
      .poll(() => page.locator("#timeline [data-milestone]").evaluateAll((els) => els.map((e) => e.getAttribute("data-milestone"))), {
        timeout: 10_000,
      })
      .toEqual(["h-last-cum-date", "h-ex-date", "h-record-date", "h-lodgement-deadline", "h-payment"]);
    // Worked out through a forecast year: unconfirmed, saying so.
    const lodgement = page.locator("#timeline [data-milestone=h-lodgement-deadline] [data-status]");
    expect(await lodgement.getAttribute("data-status")).toBe("unconfirmed");
    expect(await lodgement.getAttribute("title")).toContain("not yet checked against the Gazette");
    // A typed date is the holder's own, not worked out.
    expect(await page.locator("#timeline [data-milestone=h-record-date] [data-status]").getAttribute("title")).not.toContain("Gazette");
    const offered = page.getByTestId("remind-me").locator('input[name="remind-milestone"]:not([disabled])');
    await expect
      .poll(() => offered.evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value)))
      .toEqual(["h-last-cum-date", "h-record-date", "h-lodgement-deadline", "h-payment"]);
    // The calendar file is built in the browser from the typed-in event.
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "Add all dates to calendar" }).click(),
    ]);
    expect(download.suggestedFilename()).toBe("custom.ics");
    expect(readFileSync(await download.path(), "utf8")).toContain("DTSTART;VALUE=DATE:20270730");
    await ctx.close();
  });

  it("an A-only 10送3转4派1.5 event: figures from the rules", async () => {
    const { ctx, page } = await open(`/custom?${A_ONLY}`);
    await expect.poll(() => page.locator("h1").textContent()).toBe("A 10 for 3 and 4");
    expect(await page.locator("input[name=class]").count()).toBe(1);
    await fillHolding(page, null, "1234", "northbound", "20");
    const f = await figures(page);
    // Gross 1,234 × RMB 0.15 = 185.10. Northbound: 10% of (0.15 + 0.3 bonus shares × par 1) = 0.045 per share,
    // net 1,234 × 0.105 = 129.57, withheld 55.53.
    expect([f.gross, f.net, f.withheld]).toEqual(["185.10", "129.57", "55.53"]);
    // 1,234 × 7 ÷ 10 = 863.8 new shares; Northbound: the whole shares (G5).
    expect(f.newShares).toEqual(["863"]);
    // Ex-price (20 − 0.15) ÷ 1.7 = 11.676… → 11.68.
    expect(digits(f.exPrice)).toContain("11.68");
    // A Mainland individual: nothing withheld at payment.
    await fillHolding(page, null, "1234", "prc-individual");
    await expect.poll(async () => digits(await page.getByTestId("net").textContent())).toBe("185.10");
    // CSDC's ranking on the 0.8 fraction: 863 or 864.
    expect(numbers(await page.getByTestId("new-shares").textContent())).toEqual(["863", "864"]);
    await ctx.close();
  });
});

describe("terms errors beside the fields", () => {
  it("each refusal is worded beside its field, as the form is typed", async () => {
    const { ctx, page } = await open("/custom?cash=abc&hLot=2.5");
    await expect.poll(() => page.getByTestId("error-cash").textContent()).toBe("Write a number, e.g. 2.60.");
    expect(await page.getByTestId("terms").getAttribute("open")).toBe("");
    expect(await page.getByTestId("error-hLot").textContent()).toBe("Write a whole number.");
    expect(await page.locator("input[name=cash]").getAttribute("aria-invalid")).toBe("true");
    expect(await page.getByTestId("net").count()).toBe(0);
    await page.locator("input[name=cash]").fill("2.6");
    await page.locator("input[name=hLot]").fill("200");
    // RMB cash for H shares needs the HKD amount or the rate: said beside the rate.
    await expect.poll(() => page.getByTestId("error-hRate").textContent()).toContain("the rate (RMB per 1 HKD)");
    await page.locator("input[name=hCash]").fill("2.847798");
    await expect.poll(() => page.getByTestId("error-hRate").count()).toBe(0);
    await page.locator("input[name=aRecord]").fill("2023-07-12");
    await page.locator("input[name=aEx]").fill("2023-07-11");
    await expect
      .poll(() => page.getByTestId("error-aEx").textContent())
      .toBe("This date must come after A share equity registration (record) date (2023-07-12).");
    expect(await page.getByTestId("net").count()).toBe(0);
    // The link keeps what was typed, so a reload shows the same form and the same error.
    await page.reload();
    await expect.poll(() => page.getByTestId("error-aEx").count()).toBe(1);
    await page.locator("input[name=aEx]").fill("2023-07-13");
    await fillHolding(page, "A", "100");
    await expect.poll(() => page.getByTestId("net").count()).toBe(1);
    expect(await axeViolations(page)).toEqual([]);
    await ctx.close();
  });

  it("in Chinese, including a term for a class the event does not have", async () => {
    const { ctx, page } = await open("/custom?classes=A&cash=1&hLot=200", "zh-Hant");
    await expect.poll(() => page.getByTestId("error-hLot").textContent()).toBe(NOT_FOR_H_ZH_HANT);
    expect(await page.getByTestId("net").count()).toBe(0);
    await ctx.close();
  });
});

describe("share and save", () => {
  it("Share link copies the page's address, which opens the same event", async () => {
    const ctx = await browser.newContext({ ...PHONE, permissions: ["clipboard-read", "clipboard-write"] });
    const { page } = await open(`/custom?${H_ONLY}`, "en", ctx);
    await fillHolding(page, null, "1000");
    await page.getByRole("button", { name: "Share link" }).click();
    await expect.poll(() => page.getByTestId("custom-status").textContent()).toContain("Link copied");
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toBe(page.url());
    // The copied link is the canonical terms.
    expect(new URL(copied).search).toBe(
      "?name=H%20only%20bonus&classes=H&cash=3&hRate=0.9&bonus=2&hLot=500&hRecord=2027-06-30&hPay=2027-07-30",
    );
    const other = await browser.newContext(PHONE);
    const again = await other.newPage();
    await again.goto(copied);
    await expect.poll(() => again.locator("h1").textContent()).toBe("H only bonus");
    await fillHolding(again, null, "1000", "hk-individual");
    await expect.poll(async () => digits(await again.getByTestId("net").textContent())).toBe("277.77");
    await other.close();
    await ctx.close();
  });

  it("several events saved on the device are in the picker after a reload, and open from it", async () => {
    const ctx = await browser.newContext(PHONE);
    const { page } = await open(`/custom?${H_ONLY}`, "en", ctx);
    await page.getByRole("button", { name: "Save on this device" }).click();
    await expect.poll(() => page.getByTestId("custom-status").textContent()).toBe("Saved on this device.");
    await page.goto(`${base()}/en/custom?${A_ONLY}`);
    await page.getByRole("button", { name: "Save on this device" }).click();
    await expect.poll(() => page.getByRole("button", { name: "Remove from this device" }).count()).toBe(1);
    await page.goto(`${base()}/en`);
    await page.reload();
    await page.getByTestId("event-picker").locator("summary").click();
    const saved = page.getByTestId("saved-events").locator("a");
    await expect.poll(() => saved.allTextContents()).toEqual(["A 10 for 3 and 4", "H only bonus"]);
    await saved.filter({ hasText: "H only bonus" }).click();
    await page.waitForURL(/\/en\/custom\?/);
    await expect.poll(() => page.locator("h1").textContent()).toBe("H only bonus");
    // The language switcher keeps the event.
    await page.getByRole("link", { name: "简体中文" }).click();
    await page.waitForURL(/\/zh-Hans\/custom\?/);
    await expect.poll(() => page.locator("h1").textContent()).toBe("H only bonus");
    // Removing one leaves the other.
    await page.getByRole("button", { name: "从此设备移除" }).click();
    await page.getByTestId("event-picker").locator("summary").click();
    await expect.poll(() => page.getByTestId("saved-events").locator("a").allTextContents()).toEqual(["A 10 for 3 and 4"]);
    await ctx.close();
  });

  it("/{locale} opens the most relevant catalog event, with the picker listing the catalog", async () => {
    const { ctx, page } = await open("");
    await page.getByTestId("event-picker").locator("summary").click();
    const links = page.getByTestId("event-picker").locator("a[href*='/events/']");
    expect(await links.count()).toBeGreaterThan(0);
    // The catalog has one event, whose dates are all behind: the latest is the one shown.
    const current = await page.getByTestId("event-picker").locator("a[aria-current=page]").getAttribute("href");
    expect(current).toBe("/en/events/jlmag-2022-final");
    await page.goto(`${base()}${current}`);
    await fillHolding(page, "H", "1000");
    await expect.poll(() => page.getByTestId("net").count()).toBe(1);
    await ctx.close();
  });
});

// A book closure from Wed 30 Dec 2026 with no other H date typed: Hong Kong rules (docs/timetable.md) give lodgement
// by 4:30 p.m. on Tue 29 Dec (the business day before the register closes), ex-date Mon 28 Dec (the business day
// before that last registration day) and last cum date Thu 24 Dec (the business day before the ex-date: Fri 25 Dec
// is Christmas Day and 26–27 Dec a weekend); Southbound can buy on Thu 24 Dec too (both markets open).
const CLOSURE = "classes=H&cash=1&hRate=0.9&hLot=500&hCloseFrom=2026-12-30&hCloseTo=2027-01-04&hPay=2027-01-29";
const TYPED_CLOSURE = ["h-book-closure-start", "h-book-closure-end", "h-payment"];
const DERIVED_CLOSURE: Record<string, string> = {
  "h-last-cum-date": "2026-12-24T09:00:00+08:00",
  "h-southbound-last-buy": "2026-12-24T09:00:00+08:00",
  "h-ex-date": "2026-12-28T09:00:00+08:00",
  "h-lodgement-deadline": "2026-12-29T16:30:00+08:00",
};
const milestoneIds = (page: Page) =>
  page.locator("#timeline [data-milestone]").evaluateAll((rows) => rows.map((r) => r.getAttribute("data-milestone")).sort());

describe("dates worked out from the typed ones", () => {
  it("online: the server's derived dates join the typed ones, each with its Derived badge and source", async () => {
    const { ctx, page } = await open(`/custom?name=Closure+only&${CLOSURE}`);
    const all = [...TYPED_CLOSURE, ...Object.keys(DERIVED_CLOSURE)].sort();
    await expect.poll(() => milestoneIds(page)).toEqual(all);
    for (const [id, at] of Object.entries(DERIVED_CLOSURE)) {
      const row = page.locator(`[data-milestone=${id}]`);
      expect(await row.locator("time").getAttribute("datetime"), id).toBe(at);
      const badge = row.locator("[data-status]");
      expect(await badge.getAttribute("data-status"), id).toBe("derived");
      expect(await badge.textContent(), id).toBe("Derived");
      expect(await badge.getAttribute("title"), id).toMatch(/^Worked out from the H share book closure by /);
    }
    // The typed dates stay as typed.
    for (const id of TYPED_CLOSURE)
      expect(await page.locator(`[data-milestone=${id}] [data-status]`).textContent(), id).toBe("Unconfirmed");
    expect(await page.getByTestId("derived-offline").count()).toBe(0);
    // The reminders panel offers the derived dates too (the server resolves the same ids from the same terms).
    const offered = () =>
      page
        .getByTestId("remind-me")
        .locator('input[name="remind-milestone"]')
        .evaluateAll((boxes) => boxes.map((b) => (b as HTMLInputElement).value).sort());
    await expect.poll(offered).toEqual(expect.arrayContaining(["h-last-cum-date", "h-lodgement-deadline"]));
    expect(await axeViolations(page)).toEqual([]);
    await ctx.close();
  });
});

describe("offline", () => {
  it("a NEW custom link offline shows the typed dates and one line saying the worked-out ones need a connection", async () => {
    const ctx = await browser.newContext(PHONE);
    const page = await ctx.newPage();
    await page.goto(`${base()}/en/custom?name=Closure+seen&${CLOSURE}`);
    await page.evaluate(() => navigator.serviceWorker.ready);
    await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null), { timeout: 15_000 }).toBe(true);
    // Seen online while the service worker controls the page: its worked-out dates are kept on the device.
    await page.reload();
    await expect.poll(() => milestoneIds(page)).toEqual([...TYPED_CLOSURE, ...Object.keys(DERIVED_CLOSURE)].sort());
    await ctx.setOffline(true);
    await page.goto(`${base()}/en/custom?name=Closure+offline&${CLOSURE}`);
    await expect.poll(() => page.locator("h1").textContent()).toBe("Closure offline");
    await expect
      .poll(() => page.getByTestId("derived-offline").textContent())
      .toBe("Offline: the dates worked out from the ones you typed (ex-date, last day to buy, lodgement deadline) need a connection.");
    expect(await milestoneIds(page)).toEqual([...TYPED_CLOSURE].sort());
    // The calculator does not need the dates.
    await fillHolding(page, null, "1000", "hk-individual");
    // 1,000 × RMB 0.10 ÷ 0.9 RMB per HKD = HKD 111.111…, 111.11 gross.
    await expect.poll(async () => digits(await page.getByTestId("gross").textContent())).toBe("111.11");
    // The event seen online keeps its worked-out dates offline, without the line.
    await page.goto(`${base()}/en/custom?name=Closure+seen&${CLOSURE}`);
    await expect.poll(() => page.locator("h1").textContent()).toBe("Closure seen");
    await expect.poll(() => milestoneIds(page)).toEqual([...TYPED_CLOSURE, ...Object.keys(DERIVED_CLOSURE)].sort());
    expect(await page.getByTestId("derived-offline").count()).toBe(0);
    await ctx.close();
  });

  it("after the first visit, a NEW custom link opens and computes offline", async () => {
    const ctx = await browser.newContext(PHONE);
    const page = await ctx.newPage();
    await page.goto(`${base()}/en/custom?${JLMAG_TERMS}`);
    await page.evaluate(() => navigator.serviceWorker.ready);
    await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null), { timeout: 15_000 }).toBe(true);
    await ctx.setOffline(true);
    await page.goto(`${base()}/en/custom?${A_ONLY}&aLot=200`);
    await expect.poll(() => page.locator("h1").textContent()).toBe("A 10 for 3 and 4");
    await fillHolding(page, null, "1234", "northbound");
    await expect.poll(async () => digits(await page.getByTestId("net").textContent())).toBe("129.57");
    // Another language's shell is cached too.
    await page.goto(`${base()}/zh-Hant/custom?${H_ONLY}`);
    await expect.poll(() => page.locator("h1").textContent()).toBe("H only bonus");
    await fillHolding(page, null, "1000", "hk-individual");
    await expect.poll(async () => digits(await page.getByTestId("net").textContent())).toBe("277.77");
    await ctx.close();
  });
});

describe("paste an announcement", () => {
  // JL MAG's HKEX announcement of 21 June 2023 (the seed), as a holder would copy it.
  const SEED = readFileSync("test/fixtures/announcements/jlmag-2023-hkex-en.txt", "utf8");

  it("offline: the pasted text fills the form with a quote beside each value, and a holding computes", async () => {
    const ctx = await browser.newContext(PHONE);
    const page = await ctx.newPage();
    const sent: string[] = [];
    page.on("request", (r) => sent.push(`${r.method()} ${r.url()} ${r.postData() ?? ""}`));
    await page.goto(`${base()}/en/custom`);
    await page.evaluate(() => navigator.serviceWorker.ready);
    await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null), { timeout: 15_000 }).toBe(true);
    await ctx.setOffline(true);
    await page.reload();
    await page.getByTestId("paste").locator("summary").click();
    await page.locator("textarea[name=announcement]").fill(SEED);
    await page.getByRole("button", { name: "Read the terms" }).click();
    await expect.poll(() => page.getByTestId("paste-status").textContent()).toContain("terms filled");
    // The values the announcement states, each with the sentence it came from.
    expect(await page.locator("input[name=cash]").inputValue()).toBe("2.6");
    expect(await page.locator("input[name=hCash]").inputValue()).toBe("2.847798");
    expect(await page.locator("input[name=cap]").inputValue()).toBe("6");
    expect(await page.locator("input[name=hRecord]").inputValue()).toBe("2023-07-03");
    expect(await page.locator("input[name=hPay]").inputValue()).toBe("2023-08-21");
    expect(await page.getByTestId("quote-cash").textContent()).toContain("RMB2.60 (tax inclusive)");
    expect(await page.getByTestId("quote-hCash").textContent()).toContain("2.847798 (tax inclusive)");
    expect(await page.getByTestId("quote-cap").textContent()).toContain("6 Capitalization Shares for every existing 10 Shares");
    expect(await page.getByTestId("quote-hCloseFrom").textContent()).toContain("will be closed from Wednesday, June 28, 2023");
    await page.locator("[data-term=cash]").scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SHOTS}/custom-1-pasted.png` });
    // What the text does not state is marked, not guessed: the board lot.
    expect(await page.getByTestId("missing-hLot").count()).toBe(1);
    expect(await page.locator("input[name=hLot]").inputValue()).toBe("");
    // The text never left the device: no import request, and no request carries a sentence of it. (The terms read
    // from it may: like any typed-in event's, they are asked about for derived dates, from the service worker's
    // cache or the server, as the page's own address is.)
    const sentence = /tax\s*inclusive|Capitali[sz]ation\s*Shares\s*for\s*every|will\s*be\s*closed\s*from/i;
    const readable = (r: string) => {
      try {
        return decodeURIComponent(r);
      } catch {
        return r;
      }
    };
    expect(sent.filter((r) => r.includes("/api/v1/import") || sentence.test(readable(r)))).toEqual([]);
    // H only (an HKEX announcement), so the class is H; 1,000 shares as the rules give (see above): HKD 256.30.
    await fillHolding(page, null, "1000", "hk-individual");
    await expect.poll(async () => digits(await page.getByTestId("net").textContent())).toBe("256.30");
    await page.locator("input[name=hLot]").fill("200");
    await expect.poll(() => page.getByTestId("missing-hLot").count()).toBe(0);
    await expect.poll(async () => (await page.getByTestId("lots").allTextContents()).map(numbers)).toEqual([["8", "200"]]);
    await page.locator("input[name=shares]").scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SHOTS}/custom-2-computed.png` });
    expect(await axeViolations(page)).toEqual([]);
    await ctx.close();
  });

  it("the importer and pdf.js are not in any first load: they come when used", async () => {
    // Strings only the importer's rules and pdf.js contain.
    const IMPORTER = "should be replaced by";
    const PDF_JS = "GlobalWorkerOptions";
    const ctx = await browser.newContext(PHONE);
    const page = await ctx.newPage();
    const scripts: string[] = [];
    page.on("response", (r) => {
      if (r.request().resourceType() === "script") scripts.push(r.url());
    });
    const loaded = async () => Promise.all(scripts.map(async (u) => (await fetch(u)).text()));
    for (const path of ["/en", "/en/custom"]) {
      await page.goto(`${base()}${path}`);
      await page.waitForLoadState("networkidle");
      const texts = await loaded();
      expect(texts.length).toBeGreaterThan(3);
      expect(texts.some((t) => t.includes(IMPORTER) || t.includes(PDF_JS))).toBe(false);
    }
    await page.getByTestId("paste").locator("summary").click();
    await page.locator("textarea[name=announcement]").fill(SEED);
    await page.getByRole("button", { name: "Read the terms" }).click();
    await expect.poll(() => page.locator("input[name=hCash]").inputValue()).toBe("2.847798");
    const after = await loaded();
    expect(after.some((t) => t.includes(IMPORTER))).toBe(true);
    expect(after.some((t) => t.includes(PDF_JS))).toBe(false);
    await ctx.close();
  });

  it("a PDF is read in the browser; a text without terms gets a clear message", async () => {
    const { ctx, page } = await open("/custom");
    await page.getByTestId("paste").locator("summary").click();
    await page.locator("textarea[name=announcement]").fill("The weather in Hong Kong was fine today.");
    await page.getByRole("button", { name: "Read the terms" }).click();
    await expect
      .poll(() => page.getByTestId("paste-status").textContent())
      .toBe("No dividend, bonus or capitalisation terms or dates were found in this text.");
    await page.locator("input[name=announcement-pdf]").setInputFiles("test/fixtures/announcements/shanghai-dazhong-2019-h-en.pdf");
    await expect.poll(() => page.locator("input[name=hRecord]").inputValue(), { timeout: 30_000 }).toBe("2019-06-23");
    expect(await page.locator("input[name=hEx]").inputValue()).toBe("2019-06-14");
    expect(await page.getByTestId("quote-hRecord").count()).toBe(1);
    // This excerpt states no cash: marked beside the field, for the holder to type.
    expect(await page.getByTestId("missing-cash").count()).toBe(1);
    await ctx.close();
  });
});
