import "server-only";
import { TZDate } from "@date-fns/tz";
import { roleWords } from "../../events/role-words";
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
 * Our own words for each kind of date, by role and share class (the same titles the app gives the dates it builds,
 * following the glossary): the notification never shows text a holder typed except the event's name.
 */
function titleOf(role: MilestoneRole, cls: ShareClass | null, locale: Locale): string {
  return roleWords(role, cls).title[locale];
}

/** What the notification calls an event that has no name of its own. */
const UNNAMED: Record<Locale, string> = { en: "Your event", "zh-Hant": "你的公司行動", "zh-Hans": "你的公司行动" };

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
