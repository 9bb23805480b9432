import type { BrowserContext, ElementHandle, Page } from "puppeteer-core";
import en from "@/messages/en.json";
import zhHans from "@/messages/zh-Hans.json";
import zhHant from "@/messages/zh-Hant.json";

export type Locale = "en" | "zh-Hant" | "zh-Hans";
const MESSAGES = { en, "zh-Hant": zhHant, "zh-Hans": zhHans } as const;

/** A notification as the service worker showed it (`registration.getNotifications()`). */
export interface Shown {
  title: string;
  body: string;
  tag: string;
  lang: string;
  data: unknown;
}

/**
 * One person's device: a Firefox browser context (its own storage, service worker and push subscription) on
 * the app's page in one language. Everything goes through the Remind me panel by its accessible names.
 */
export class Device {
  private constructor(
    readonly context: BrowserContext,
    readonly page: Page,
    readonly locale: Locale,
  ) {}

  static async open(context: BrowserContext, appUrl: string, locale: Locale): Promise<Device> {
    const page = await context.newPage();
    await page.goto(`${appUrl}/${locale}`);
    const device = new Device(context, page, locale);
    await device.waitForState("off");
    return device;
  }

  /**
   * Goes to another page of the app in the same browser context (same service worker and subscription), such
   * as a typed-in event's `/{locale}/custom?…` page, and waits for its Remind me panel to show `state`.
   */
  async visit(url: string, state = "off"): Promise<void> {
    await this.page.goto(url);
    await this.waitForState(state);
  }

  private get text() {
    return MESSAGES[this.locale].reminders;
  }

  private async panel(): Promise<ElementHandle<Element>> {
    const panel = await this.page.waitForSelector('[data-testid="remind-me"]');
    if (!panel) throw new Error("no Remind me panel on the page");
    return panel;
  }

  private async control(role: "button" | "checkbox", name: string): Promise<ElementHandle<Element>> {
    const control = await (await this.panel()).waitForSelector(`::-p-aria([name="${name}"][role="${role}"])`);
    if (!control) throw new Error(`no ${role} named ${name}`);
    return control;
  }

  private async click(role: "button" | "checkbox", name: string): Promise<void> {
    await (await this.control(role, name)).click();
  }

  /**
   * Ticks the checkbox whose label says `label` (the whole label, or its start: a date's label goes on with the
   * date) unless it is ticked already, as a keyboard user does: focus it, press Space. Waits first for it to be
   * enabled (a lead is offered only once a date it fits is ticked) and rendered by React (its props on the element,
   * as test/support/browser.ts `hydrated` checks), then for it to show ticked.
   * Not a click at the box's position: a typed-in event's page grows as it opens (its worked-out dates arrive in
   * the key dates above the panel and in the panel's list), which can move the box between the moment a click's
   * point is measured and the click itself. The box stays the same element, and the panel keeps its tick by the
   * date's id while the list changes (lib/schedule/choices.ts `keepTouched`).
   */
  private async tick(label: string): Promise<void> {
    const panel = await this.panel();
    const found = await this.page.waitForFunction(
      (root, text) =>
        [...root.querySelectorAll<HTMLInputElement>('input[type="checkbox"]')].find(
          (b) =>
            !b.disabled &&
            Object.keys(b).some((k) => k.startsWith("__reactProps")) &&
            [...(b.labels ?? [])].some((l) => (l.textContent ?? "").trim().startsWith(text)),
        ) ?? false,
      { timeout: 10_000, polling: 50 },
      panel,
      label,
    );
    const box = found as ElementHandle<HTMLInputElement>;
    if (await box.evaluate((b) => b.checked)) return;
    await box.focus();
    await this.page.keyboard.press(" ");
    await this.page.waitForFunction((b) => b.checked, { timeout: 10_000, polling: 50 }, box);
  }

  async waitForState(state: string, timeout = 30_000): Promise<void> {
    await this.page.waitForSelector(`[data-testid="remind-me"][data-state="${state}"]`, { timeout });
  }

  /**
   * As a person does: tick the date (which the panel may or may not have ticked for the holder's route) and
   * "2 hours before", press Remind me, read the explanation, press Allow notifications (the permission is
   * granted by the profile, as if at the prompt). Returns the push endpoint Firefox got from the push service.
   */
  async subscribe(milestoneTitle: string): Promise<string> {
    await this.tick(milestoneTitle);
    await this.tick(this.text["lead-PT2H"]);
    await this.click("button", this.text.start);
    await this.click("button", this.text.allow);
    await this.waitForState("on");
    const endpoint = await this.endpoint();
    if (!endpoint) throw new Error("the panel says on, but the browser has no push subscription");
    return endpoint;
  }

  async stop(): Promise<void> {
    await this.click("button", this.text.stop);
    await this.waitForState("off");
  }

  /** The browser's current push subscription endpoint, if any. */
  endpoint(): Promise<string | null> {
    return this.page.evaluate(async () => {
      const registration = await navigator.serviceWorker.ready;
      return (await registration.pushManager.getSubscription())?.endpoint ?? null;
    });
  }

  /** The browser forgets its subscription without the app server being told (site data cleared, say). */
  dropSubscriptionInBrowser(): Promise<boolean> {
    return this.page.evaluate(async () => {
      const registration = await navigator.serviceWorker.ready;
      return (await registration.pushManager.getSubscription())?.unsubscribe() ?? false;
    });
  }

  /** What the service worker has shown and not yet closed. */
  shown(): Promise<Shown[]> {
    return this.page.evaluate(async () => {
      const registration = await navigator.serviceWorker.ready;
      return (await registration.getNotifications()).map((n) => ({ title: n.title, body: n.body, tag: n.tag, lang: n.lang, data: n.data }));
    });
  }

  close(): Promise<void> {
    return this.context.close();
  }
}
