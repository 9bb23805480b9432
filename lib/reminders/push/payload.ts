import "server-only";
import { TZDate } from "@date-fns/tz";
import type { Locale, ShareClass } from "../../events/schema";
import type { Lead } from "../../protocol/leads";
import { milestoneAnchor } from "../../protocol/notification-click";
import { MAX_PAYLOAD_BYTES, type ReminderPayload } from "../../protocol/payload";
import { milestoneTime } from "../../schedule/reminders";
import type { MilestoneRole, ReminderEvent, ReminderMilestone } from "../pipeline/events";

export { MAX_PAYLOAD_BYTES, type ReminderPayload } from "../../protocol/payload";

type Milestone = ReminderMilestone;

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

const WEEKDAYS: Record<Locale, readonly string[]> = {
  en: ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"],
  "zh-Hant": ["星期日", "星期一", "星期二", "星期三", "星期四", "星期五", "星期六"],
  "zh-Hans": ["星期日", "星期一", "星期二", "星期三", "星期四", "星期五", "星期六"],
};
const MONTHS_EN = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** Written by hand rather than with Intl, so the text is the same on every server whatever its ICU data. */
function when(milestone: Milestone, timeZone: string, locale: Locale): string {
  const d = new TZDate(milestoneTime(milestone), timeZone);
  const weekday = WEEKDAYS[locale][d.getDay()] ?? "";
  const time = `${String(d.getHours()).padStart(2, "0")}:${String(d.getMinutes()).padStart(2, "0")}`;
  if (locale === "en") {
    const date = `${weekday} ${d.getDate()} ${MONTHS_EN[d.getMonth()]} ${d.getFullYear()}`;
    return milestone.dayOnly ? date : `${date}, ${time} HKT`;
  }
  const date = `${d.getFullYear()}年${d.getMonth() + 1}月${d.getDate()}日（${weekday}）`;
  const zone = locale === "zh-Hant" ? "（香港時間）" : "（香港时间）";
  return milestone.dayOnly ? date : `${date}${time}${zone}`;
}

/** Calendar days from `nowMs` to the milestone's day, in the event's zone. */
function daysUntil(milestoneMs: number, nowMs: number, timeZone: string): number {
  const day = (ms: number) => {
    const d = new TZDate(ms, timeZone);
    return Date.UTC(d.getFullYear(), d.getMonth(), d.getDate());
  };
  return Math.round((day(milestoneMs) - day(nowMs)) / (24 * HOUR));
}

/**
 * How far off the milestone is, from the time actually left (not the lead), so a reminder sent late after
 * an outage still tells the truth.
 */
function relative(milestone: Milestone, nowMs: number, timeZone: string, locale: Locale): string {
  const left = milestoneTime(milestone) - nowMs;
  const days = daysUntil(milestoneTime(milestone), nowMs, timeZone);
  const words = {
    en: {
      minutes: (n: number) => `In ${n} minute${n === 1 ? "" : "s"}`,
      hours: (n: number) => `In ${n} hour${n === 1 ? "" : "s"}`,
      today: "Today",
      tomorrow: "Tomorrow",
      days: (n: number) => `In ${n} days`,
    },
    "zh-Hant": {
      minutes: (n: number) => `${n}分鐘後`,
      hours: (n: number) => `${n}小時後`,
      today: "今天",
      tomorrow: "明天",
      days: (n: number) => `${n}天後`,
    },
    "zh-Hans": {
      minutes: (n: number) => `${n}分钟后`,
      hours: (n: number) => `${n}小时后`,
      today: "今天",
      tomorrow: "明天",
      days: (n: number) => `${n}天后`,
    },
  }[locale];
  if (!milestone.dayOnly && left < HOUR) return words.minutes(Math.max(1, Math.round(left / MINUTE)));
  if (!milestone.dayOnly && left < 24 * HOUR) return words.hours(Math.round(left / HOUR));
  if (days <= 0) return words.today;
  if (days === 1) return words.tomorrow;
  return words.days(days);
}

/**
 * Our own words for each kind of date, by role and share class: the notification never shows text a holder typed
 * except the event's name.
 */
function titleOf(role: MilestoneRole, cls: ShareClass | null, locale: Locale): string {
  const c = cls ?? "";
  const t: Record<Locale, Record<MilestoneRole, string>> = {
    en: {
      approval: "Shareholders' meeting approves the plan",
      "last-cum": `Last day to buy ${c} shares with the entitlement`,
      ex: `${c} shares trade ex-entitlement`,
      lodgement: `Last time to lodge ${c} share transfers`,
      "closure-start": `${c} share register closes`,
      "closure-end": `${c} share register reopens`,
      record: `Record date for ${c} shares`,
      payment: `${c} share payment date`,
      "warrants-posted": `Dividend warrants posted to ${c} shareholders`,
      "southbound-last-buy": `Last day to buy ${c} shares through Southbound with the entitlement`,
    },
    "zh-Hant": {
      approval: "股東大會批准方案",
      "last-cum": `買入${c}股可享權益的最後交易日`,
      ex: `${c}股除權除息`,
      lodgement: `遞交${c}股過戶文件的最後時限`,
      "closure-start": `${c}股暫停辦理過戶登記`,
      "closure-end": `${c}股恢復辦理過戶登記`,
      record: `${c}股股權登記日`,
      payment: `${c}股派付日`,
      "warrants-posted": `向${c}股股東寄發股息單`,
      "southbound-last-buy": `經港股通買入${c}股可享權益的最後交易日`,
    },
    "zh-Hans": {
      approval: "股东大会批准方案",
      "last-cum": `买入${c}股可享权益的最后交易日`,
      ex: `${c}股除权除息`,
      lodgement: `递交${c}股过户文件的最后时限`,
      "closure-start": `${c}股暂停办理过户登记`,
      "closure-end": `${c}股恢复办理过户登记`,
      record: `${c}股股权登记日`,
      payment: `${c}股派付日`,
      "warrants-posted": `向${c}股股东寄发股息单`,
      "southbound-last-buy": `经港股通买入${c}股可享权益的最后交易日`,
    },
  };
  return t[locale][role];
}

/** What the notification calls an event that has no name of its own. */
const UNNAMED: Record<Locale, string> = { en: "Your event", "zh-Hant": "你的公司行動", "zh-Hans": "你的公司行动" };

/**
 * The notification opens the event at its date (the row of the key-dates list): the catalog event's page, or
 * the typed-in event's page with its canonical terms — the URL its Share link gives, so that a window already
 * showing it is focused rather than opened again. The stored terms may start with `event=custom` (the API's
 * form), which the page's URL leaves out.
 */
function deepLink(event: ReminderEvent, milestone: Milestone, locale: Locale): string {
  const page =
    event.terms !== undefined
      ? `/${locale}/custom?${event.terms
          .split("&")
          .filter((pair) => pair !== "event=custom")
          .join("&")}`
      : `/${locale}/events/${encodeURIComponent(event.id)}`;
  return `${page}#${encodeURIComponent(milestoneAnchor(milestone.id))}`;
}

/** The localised notification for one reminder, as the JSON string that is encrypted and pushed. Throws if it would be too big. */
export function reminderPayload(event: ReminderEvent, milestone: Milestone, lead: Lead, locale: Locale, nowMs: number): string {
  const [separator, end] = locale === "en" ? [" — ", ". "] : ["——", "。"];
  const name = event.name?.[locale] ?? UNNAMED[locale];
  const payload: ReminderPayload = {
    v: 1,
    title: titleOf(milestone.role, milestone.class, locale),
    body: `${relative(milestone, nowMs, event.timeZone, locale)}${separator}${when(milestone, event.timeZone, locale)}${end}${name}`,
    url: deepLink(event, milestone, locale),
    tag: `${event.id}:${milestone.id}`,
    event: event.id,
    milestone: milestone.id,
    lead,
    at: milestone.at,
    locale,
  };
  const json = JSON.stringify(payload);
  const bytes = Buffer.byteLength(json);
  if (bytes > MAX_PAYLOAD_BYTES) throw new Error(`reminder payload for ${milestone.id} is ${bytes} bytes, over ${MAX_PAYLOAD_BYTES}`);
  return json;
}
