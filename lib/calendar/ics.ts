/**
 * iCalendar (RFC 5545) files of an event's dates, written by hand: the few properties a calendar needs, each
 * line folded at 75 octets without splitting a UTF-8 character, CRLF line ends, TEXT escaped. Pure and
 * dependency-free, so the browser builds the same file offline as GET /api/v1/events/{id}/calendar.ics.
 * Rules and choices: docs/calendar.md.
 */

/** How far a date can be trusted (the status words of the event data). */
export type CalendarStatus = "confirmed" | "secondary" | "derived" | "unconfirmed";

/** One date, as plain data: it does not depend on how events are modelled. Texts are already localised. */
export interface CalendarMilestone {
  /** Stable within the event: with `CalendarInput.scope` it makes the UID, so a re-import updates the entry. */
  id: string;
  class: "H" | "A" | null;
  /** ISO 8601 with an offset. For a day-only date, its Hong Kong calendar day is the date. */
  at: string;
  dayOnly: boolean;
  /** "on or about" */
  approximate: boolean;
  status: CalendarStatus;
  title: string;
  meaning: string;
  /** The holder typed this date (a custom event): shown as such, tentative. */
  typed?: boolean;
}

export interface CalendarInput {
  /** Unique per event (the catalog id; for a custom event something unique to its terms). */
  scope: string;
  /** The event as the holder knows it (issuer and event name), after each title and as the calendar's name. */
  name: string;
  /** What the event is (e.g. "2022 final dividend …"): with `name`, the calendar's name. */
  title?: string;
  milestones: readonly CalendarMilestone[];
}

/** The calendar's words in the holder's language: `calendarWords()` makes them from the messages. */
export interface CalendarWords {
  /** One sentence on how sure the date is. */
  status: (status: CalendarStatus) => string;
  approximate: string;
  typed: string;
  /** The Hong Kong time of a date with a time, in words. */
  hkTime: (time: string) => string;
  alarmDayBefore: (title: string) => string;
  alarmTwoHours: (title: string) => string;
}

/** The message keys the calendar reads (messages `timeline.ics`). */
export type CalendarMessageKey = `status.${CalendarStatus}` | "approximate" | "typed" | "hkTime" | "alarmDayBefore" | "alarmTwoHours";

/**
 * The words from a translator for the `timeline.ics` messages (next-intl's `useTranslations` in the browser,
 * `createTranslator` on the server), so placeholders work whether or not the messages were precompiled.
 */
export function calendarWords(t: (key: CalendarMessageKey, values?: Record<string, string>) => string): CalendarWords {
  return {
    status: (s) => t(`status.${s}`),
    approximate: t("approximate"),
    typed: t("typed"),
    hkTime: (time) => t("hkTime", { time }),
    alarmDayBefore: (title) => t("alarmDayBefore", { title }),
    alarmTwoHours: (title) => t("alarmTwoHours", { title }),
  };
}

export interface CalendarOptions {
  words: CalendarWords;
  /** Language of the words, for the Hong Kong time line. */
  locale: "en" | "zh-Hant" | "zh-Hans";
  /** When the file is made (DTSTAMP), epoch milliseconds. */
  stamp: number;
  /** Absolute link back to the app, when known. */
  url?: string;
}

export const PRODID = "-//Entitle//Key dates//EN";
const HOUR_MS = 3_600_000;
const HKT_MS = 8 * HOUR_MS;

/** A date is tentative unless an issuer, regulator or third party stated it as a fixed day. */
export function isTentative(m: CalendarMilestone): boolean {
  return m.approximate || m.typed === true || m.status === "derived" || m.status === "unconfirmed";
}

/** RFC 5545 §3.3.11 TEXT: backslash, semicolon, comma escaped; line breaks as \n; other controls dropped. */
export function escapeText(text: string): string {
  return (
    text
      .replace(/\r\n|\r/g, "\n")
      // A lone UTF-16 surrogate cannot be written as UTF-8: the replacement character instead.
      .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, "\uFFFD")
      // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are not allowed in TEXT
      .replace(/[\u0000-\u0008\u000B-\u001F\u007F]/g, "")
      .replace(/[\\;,]/g, (c) => `\\${c}`)
      .replace(/\n/g, "\\n")
  );
}

/** Octets of one code point in UTF-8. */
const utf8Size = (cp: number) => (cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4);

/** RFC 5545 §3.1: lines of at most 75 octets; a fold is CRLF + one space; never inside a character. */
export function foldLine(line: string): string {
  const parts: string[] = [];
  let current = "";
  let octets = 0;
  for (const ch of line) {
    const size = utf8Size(ch.codePointAt(0) ?? 0);
    const limit = parts.length === 0 ? 75 : 74; // continuation lines start with the space
    if (octets + size > limit) {
      parts.push(current);
      current = "";
      octets = 0;
    }
    current += ch;
    octets += size;
  }
  parts.push(current);
  return parts.join("\r\n ");
}

const pad = (n: number, width = 2) => String(n).padStart(width, "0");
function utcStamp(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}T${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}${pad(d.getUTCSeconds())}Z`;
}
function utcDate(ms: number): string {
  const d = new Date(ms);
  return `${pad(d.getUTCFullYear(), 4)}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}`;
}

/** Midnight (as UTC epoch ms of the same calendar day) of the Hong Kong day the instant falls on. */
function hkDay(ms: number): number {
  const d = new Date(ms + HKT_MS);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/**
 * "27 Jun 2023, 4:30 p.m." / "2023年6月27日下午4時30分": written by hand rather than with Intl, so the
 * browser and the server write the same file whatever their ICU data.
 */
function hkTimeText(ms: number, locale: CalendarOptions["locale"]): string {
  const d = new Date(ms + HKT_MS);
  const [y, mo, day, h, mi] = [d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes()];
  const h12 = h % 12 === 0 ? 12 : h % 12;
  if (locale === "en") return `${day} ${MONTHS[mo]} ${y}, ${h12}:${pad(mi)} ${h < 12 ? "a.m." : "p.m."}`;
  const hour = locale === "zh-Hant" ? "時" : "时";
  return `${y}年${mo + 1}月${day}日${h < 12 ? "上午" : "下午"}${h <= 12 ? h : h - 12}${hour}${mi === 0 ? "" : `${pad(mi)}分`}`;
}

function vevent(input: CalendarInput, m: CalendarMilestone, o: CalendarOptions): string[] {
  const at = Date.parse(m.at);
  const day = hkDay(at);
  // 09:00 Hong Kong time on the day before (01:00 UTC), as an absolute trigger: the same moment for every reader.
  const dayBefore = day - 24 * HOUR_MS + HOUR_MS;
  const w = o.words;
  const notes = [m.meaning];
  if (!m.dayOnly) notes.push(w.hkTime(hkTimeText(at, o.locale)));
  notes.push(m.typed ? w.typed : w.status(m.status));
  if (m.approximate) notes.push(w.approximate);

  const lines = [
    "BEGIN:VEVENT",
    `UID:${escapeText(`${input.scope}.${m.id}@entitle`)}`,
    `DTSTAMP:${utcStamp(o.stamp)}`,
    ...(m.dayOnly
      ? [`DTSTART;VALUE=DATE:${utcDate(day)}`, `DTEND;VALUE=DATE:${utcDate(day + 24 * HOUR_MS)}`]
      : [`DTSTART:${utcStamp(at)}`]),
    `SUMMARY:${escapeText(`${m.title} — ${input.name}`)}`,
    `DESCRIPTION:${escapeText(notes.join("\n\n"))}`,
    `STATUS:${isTentative(m) ? "TENTATIVE" : "CONFIRMED"}`,
    "TRANSP:TRANSPARENT",
    ...(o.url ? [`URL:${o.url}`] : []),
    "BEGIN:VALARM",
    "ACTION:DISPLAY",
    `TRIGGER;VALUE=DATE-TIME:${utcStamp(dayBefore)}`,
    `DESCRIPTION:${escapeText(w.alarmDayBefore(m.title))}`,
    "END:VALARM",
  ];
  if (!m.dayOnly) {
    lines.push("BEGIN:VALARM", "ACTION:DISPLAY", "TRIGGER:-PT2H", `DESCRIPTION:${escapeText(w.alarmTwoHours(m.title))}`, "END:VALARM");
  }
  lines.push("END:VEVENT");
  return lines;
}

/** Four-digit years only (RFC 5545 dates are YYYYMMDD). */
const inRange = (ms: number) => Number.isFinite(ms) && ms >= Date.UTC(1000, 0, 2) && ms < Date.UTC(9999, 11, 31);

/** A calendar file of the chosen milestones (all when `only` is absent), or why there is none. */
export function writeCalendar(
  input: CalendarInput,
  o: CalendarOptions & { only?: readonly string[] },
): { ok: true; ics: string } | { ok: false; reason: "no-milestone" | "bad-date" | "bad-url" } {
  const chosen = o.only ? input.milestones.filter((m) => o.only?.includes(m.id)) : input.milestones;
  if (chosen.length === 0) return { ok: false, reason: "no-milestone" };
  if (chosen.some((m) => !inRange(Date.parse(m.at))) || !inRange(o.stamp)) return { ok: false, reason: "bad-date" };
  // An absolute http(s) URI in printable ASCII: nothing that could end the line or need escaping.
  if (o.url !== undefined && !(/^https?:\/\/[\x21-\x7e]+$/.test(o.url) && !/["\\<>]/.test(o.url) && URL.canParse(o.url))) {
    return { ok: false, reason: "bad-url" };
  }
  const lines = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    `PRODID:${escapeText(PRODID)}`,
    "CALSCALE:GREGORIAN",
    `X-WR-CALNAME:${escapeText(input.title ? `${input.name} · ${input.title}` : input.name)}`,
    ...chosen.flatMap((m) => vevent(input, m, o)),
    "END:VCALENDAR",
  ];
  return { ok: true, ics: `${lines.map(foldLine).join("\r\n")}\r\n` };
}
