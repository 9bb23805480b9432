import { readFileSync } from "node:fs";
import ICAL from "ical.js";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchChromium } from "../support/browser";
import { checkIcs } from "../support/ics-strict";

const base = () => inject("webUrl");
let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

function parseCalendar(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  return calendar.getAllSubcomponents("vevent").map((v) => ({
    uid: String(v.getFirstPropertyValue("uid")),
    summary: String(v.getFirstPropertyValue("summary")),
    start: v.getFirstPropertyValue("dtstart") as ICAL.Time,
    alarms: v.getAllSubcomponents("valarm").length,
    status: String(v.getFirstPropertyValue("status")),
  }));
}

describe("the timeline", () => {
  it("on the morning of the lodgement deadline (HKT): earlier dates passed, the deadline today, later ones counted down", async () => {
    const ctx = await browser.newContext({ viewport: { width: 390, height: 844 }, timezoneId: "Europe/London" });
    await ctx.clock.install({ time: new Date("2023-06-27T10:00:00+08:00") });
    const page = await ctx.newPage();
    await page.goto(`${base()}/en`);
    const phase = (id: string) => page.locator(`[data-milestone="${id}"] [data-phase]`).getAttribute("data-phase");
    await expect.poll(() => phase("h-lodgement-deadline")).toBe("today");
    expect(await phase("h-ex-date")).toBe("passed");
    expect(await phase("h-record-date")).toBe("upcoming");
    const deadline = page.locator('[data-milestone="h-lodgement-deadline"]');
    // 16:30 HKT is 09:30 in London (BST): the device's own time is shown beside Hong Kong time.
    expect(await deadline.textContent()).toContain("4:30");
    expect(await deadline.textContent()).toContain("Your time:");
    expect(await deadline.textContent()).toContain("9:30");
    expect(await page.locator('[data-milestone="h-record-date"] [data-testid=phase]').textContent()).toMatch(/In 5 days/);
    expect(await page.locator('[data-milestone="h-record-date"]').textContent()).toContain("Confirmed");
    expect(await page.locator('[data-milestone="a-record-date"]').textContent()).toContain("Derived");
    await ctx.close();
  });

  it("the same dates for a reader in Shanghai: Hong Kong time only, since the clocks agree", async () => {
    const ctx = await browser.newContext({ viewport: { width: 390, height: 844 }, timezoneId: "Asia/Shanghai" });
    await ctx.clock.install({ time: new Date("2023-06-27T10:00:00+08:00") });
    const page = await ctx.newPage();
    await page.goto(`${base()}/zh-Hans`);
    const deadline = page.locator('[data-milestone="h-lodgement-deadline"]');
    await expect.poll(() => deadline.locator("[data-phase]").getAttribute("data-phase")).toBe("today");
    expect(await deadline.textContent()).not.toContain("你的时间");
    await ctx.close();
  });

  it("one compact list: past dates folded away, dates ahead open, one calendar button", async () => {
    const ctx = await browser.newContext({ viewport: { width: 390, height: 844 } });
    await ctx.clock.install({ time: new Date("2023-06-27T10:00:00+08:00") });
    const page = await ctx.newPage();
    await page.goto(`${base()}/en`);
    const past = page.getByTestId("past-dates");
    // Approval and the Southbound last day to buy (21 June), last cum date (23 June) and ex-date (26 June) are behind on 27 June.
    await expect.poll(() => past.locator("summary").first().textContent()).toBe("4 earlier dates");
    expect(await past.locator('[data-milestone="h-southbound-last-buy"]').count()).toBe(1);
    expect(await past.locator('[data-milestone="h-ex-date"]').count()).toBe(1);
    expect(await page.locator('[data-milestone="h-ex-date"]').isVisible()).toBe(false);
    expect(await page.locator('[data-milestone="h-record-date"]').isVisible()).toBe(true);
    await past.locator("summary").first().click();
    await expect.poll(() => page.locator('[data-milestone="h-ex-date"]').isVisible()).toBe(true);
    expect(await page.locator("#timeline").getByRole("button").count()).toBe(1);
    await ctx.close();
  });

  it("today (2026 and later) every 2023 milestone shows as passed", async () => {
    const page = await browser.newPage();
    await page.goto(`${base()}/zh-Hans`);
    await expect.poll(() => page.locator('[data-phase="passed"]').count()).toBe(12);
    await page.close();
  });
});

describe("add to calendar", () => {
  it("downloads an .ics of every date, made in the browser, that parses with alarms", async () => {
    const ctx = await browser.newContext({ acceptDownloads: true });
    const page = await ctx.newPage();
    await page.goto(`${base()}/zh-Hant`);
    // The phase appears once React has hydrated, so the button's handler is attached.
    await expect.poll(() => page.locator('[data-phase="passed"]').count()).toBeGreaterThan(0);
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "將所有日期加入日曆" }).click()]);
    expect(download.suggestedFilename()).toBe("jlmag-2022-final.ics");
    const bytes = readFileSync((await download.path()) ?? "");
    // The bytes the browser saved, not only what a lenient parser accepts.
    expect(checkIcs(new Uint8Array(bytes))).toEqual([]);
    const events = parseCalendar(bytes.toString("utf8"));
    // Eleven dates of the announcements and the Southbound last day to buy derived from them.
    expect(events).toHaveLength(12);
    const southbound = events.find((e) => e.uid.startsWith("jlmag-2022-final.h-southbound-last-buy"));
    expect(southbound?.summary).toContain("港股通");
    expect(southbound?.start.toString()).toBe("2023-06-21");
    expect(southbound?.status).toBe("TENTATIVE");
    const deadline = events.find((e) => e.uid.startsWith("jlmag-2022-final.h-lodgement-deadline"));
    expect(deadline?.summary).toContain("遞交H股過戶文件");
    expect(deadline?.start.toJSDate().toISOString()).toBe("2023-06-27T08:30:00.000Z");
    expect(deadline?.alarms).toBe(2);
    const record = events.find((e) => e.uid.startsWith("jlmag-2022-final.h-record-date"));
    expect(record?.start.isDate).toBe(true);
    expect(record?.start.toString()).toBe("2023-07-03");
    await ctx.close();
  });

  it("downloads only the chosen dates when some are ticked", async () => {
    const ctx = await browser.newContext({ acceptDownloads: true });
    const page = await ctx.newPage();
    await page.goto(`${base()}/en`);
    await expect.poll(() => page.locator('[data-phase="passed"]').count()).toBeGreaterThan(0);
    await page.getByTestId("past-dates").locator("summary").first().click();
    await page.locator('[data-milestone="h-lodgement-deadline"] input[type=checkbox]').check();
    await page.locator('[data-milestone="h-payment"] input[type=checkbox]').check();
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "Add the 2 chosen dates to calendar" }).click(),
    ]);
    const events = parseCalendar(readFileSync((await download.path()) ?? "", "utf8"));
    expect(events.map((e) => e.uid.split("@")[0]).sort()).toEqual(["jlmag-2022-final.h-lodgement-deadline", "jlmag-2022-final.h-payment"]);
    await ctx.close();
  });

  it("one milestone from the API: text/calendar, parses, same event", async () => {
    const res = await fetch(`${base()}/api/v1/events/jlmag-2022-final/calendar.ics?milestone=h-payment&locale=en`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/calendar");
    const text = await res.text();
    expect(checkIcs(text)).toEqual([]);
    const events = parseCalendar(text);
    expect(events).toHaveLength(1);
    expect(events[0]?.summary).toContain("H share dividend paid");
    expect(events[0]?.start.toString()).toBe("2023-08-21");
    expect(events[0]?.alarms).toBe(1);
  });

  it("refuses an unknown event, milestone or locale with the error JSON", async () => {
    for (const [q, status, code] of [
      ["nope/calendar.ics", 404, "unknown_event"],
      ["jlmag-2022-final/calendar.ics?milestone=nope", 404, "unknown_milestone"],
      ["jlmag-2022-final/calendar.ics?locale=fr", 400, "unknown_locale"],
    ] as const) {
      const res = await fetch(`${base()}/api/v1/events/${q}`);
      expect(res.status).toBe(status);
      expect((await res.json()).error.code).toBe(code);
    }
  });
});
