/**
 * What a tapped reminder opens (sw/push.ts `notificationclick` runs exactly these functions). A headless
 * browser cannot click a notification; test/e2e-push checks that the notification Firefox shows carries the
 * data these functions read.
 */
import { describe, expect, it, vi } from "vitest";
import { findEvent } from "@/lib/events/catalog";
import { clickTarget, milestoneAnchor, safePath, windowToFocus } from "@/lib/protocol/notification-click";
import { catalogReminderEvent, type ReminderEvent } from "@/lib/reminders/pipeline/events";
import { reminderPayload } from "@/lib/reminders/push/payload";

vi.mock("server-only", () => ({}));

const ORIGIN = "https://entitle.example";

describe("clickTarget: the page a tapped reminder opens", () => {
  it("opens the payload's path on the app's own origin, hash and query kept", () => {
    expect(clickTarget({ url: "/en#timeline" }, ORIGIN)).toBe("https://entitle.example/en#timeline");
    expect(clickTarget({ url: "/zh-Hant?class=H#timeline" }, `${ORIGIN}/`)).toBe("https://entitle.example/zh-Hant?class=H#timeline");
  });

  it("normalises dot segments the way a browser would before opening", () => {
    expect(clickTarget({ url: "/en/../zh-Hans#timeline" }, ORIGIN)).toBe("https://entitle.example/zh-Hans#timeline");
  });

  it("opens the start page when the notification carries no usable path", () => {
    for (const data of [null, undefined, "/en", 42, {}, { url: 7 }, { url: "" }, { url: "en#timeline" }]) {
      expect(clickTarget(data, ORIGIN), JSON.stringify(data)).toBe("https://entitle.example/");
    }
  });

  it("never opens another site, whatever the payload says", () => {
    // Each of these resolves to another origin under the URL standard: an absolute URL, a
    // scheme-relative one, a backslash (a slash in http(s) URLs), a tab or newline (removed before parsing),
    // and a dot segment that normalises to "//host".
    for (const url of [
      "https://evil.example/en",
      "javascript:alert(1)",
      "//evil.example/en",
      "/\\evil.example/en",
      "/\t/evil.example/en",
      "/\n/evil.example/en",
      "/.//evil.example/en",
    ]) {
      expect(new URL(clickTarget({ url }, ORIGIN)).origin, JSON.stringify(url)).toBe(ORIGIN);
      expect(clickTarget({ url }, ORIGIN), JSON.stringify(url)).toBe("https://entitle.example/");
    }
  });
});

describe("the payload's url: the event's page at the reminder's date", () => {
  const NOW = Date.parse("2023-06-27T14:30:00+08:00");
  const lodgement = {
    id: "h-lodgement-deadline",
    role: "lodgement" as const,
    class: "H" as const,
    at: "2023-06-27T16:30:00+08:00",
    dayOnly: false,
    remindable: true,
  };
  const urlOf = (event: ReminderEvent, locale: "en" | "zh-Hant") =>
    (JSON.parse(reminderPayload(event, lodgement, "PT2H", locale, NOW)) as { url: string }).url;

  it("names the date's row in the key-dates list", () => {
    expect(milestoneAnchor("h-lodgement-deadline")).toBe("date-h-lodgement-deadline");
  });

  it("a catalog event opens /{locale}/events/{id} at the date, and a tap opens exactly that", () => {
    const catalog = findEvent("jlmag-2022-final");
    if (!catalog) throw new Error("the catalog event is missing");
    const url = urlOf(catalogReminderEvent(catalog), "zh-Hant");
    expect(url).toBe("/zh-Hant/events/jlmag-2022-final#date-h-lodgement-deadline");
    expect(clickTarget({ url }, ORIGIN)).toBe("https://entitle.example/zh-Hant/events/jlmag-2022-final#date-h-lodgement-deadline");
  });

  it("a typed-in event opens /{locale}/custom with its canonical terms (as its Share link), at the date", () => {
    const custom: ReminderEvent = {
      id: `custom-${"0".repeat(64)}`,
      name: { en: "Co", "zh-Hant": "Co", "zh-Hans": "Co" },
      // As the server stores them (lib/reminders/api/custom-event.ts): the API's `event=custom`, then the terms.
      terms: "event=custom&name=Co&classes=H&cash=1.5&cashCurrency=HKD&hLodge=2023-06-27T16:30%2B08:00",
      timeZone: "Asia/Hong_Kong",
      milestones: [lodgement],
    };
    const url = urlOf(custom, "en");
    expect(url).toBe("/en/custom?name=Co&classes=H&cash=1.5&cashCurrency=HKD&hLodge=2023-06-27T16:30%2B08:00#date-h-lodgement-deadline");
    // The worker keeps it as it is: a path on the app's own origin, query and hash intact.
    expect(safePath(url)).toBe(url);
  });
});

describe("safePath: what the worker keeps from a payload", () => {
  it("keeps a path on this origin and drops anything else to /", () => {
    expect(safePath("/en#timeline")).toBe("/en#timeline");
    expect(safePath("/%2F%2Fevil.example")).toBe("/%2F%2Fevil.example"); // escaped slashes stay a path
    expect(safePath("/\t/evil.example")).toBe("/");
    expect(safePath("//evil.example")).toBe("/");
    expect(safePath(undefined)).toBe("/");
  });
});

describe("windowToFocus: focus the page if it is already open, else open it", () => {
  const windows = [{ url: "https://entitle.example/en" }, { url: "https://entitle.example/en#timeline" }];

  it("focuses the window already showing that exact page", () => {
    expect(windowToFocus(windows, "https://entitle.example/en#timeline")).toBe(windows[1]);
  });

  it("opens a new one when no window shows it (another language is another page)", () => {
    expect(windowToFocus(windows, "https://entitle.example/zh-Hant#timeline")).toBeUndefined();
    expect(windowToFocus([], "https://entitle.example/en#timeline")).toBeUndefined();
  });
});
