import ICAL from "ical.js";
import { createTranslator } from "next-intl";
import { describe, expect, it } from "vitest";
import { GET } from "@/app/api/v1/events/[id]/calendar.ics/route";
import { calendarInput } from "@/lib/calendar/from-event";
import {
  type CalendarInput,
  type CalendarMilestone,
  type CalendarStatus,
  type CalendarWords,
  calendarWords,
  foldLine,
  writeCalendar,
} from "@/lib/calendar/ics";
import { findEvent, listEvents } from "@/lib/events/catalog";
import type { Locale } from "@/lib/events/schema";
import en from "@/messages/en.json";
import zhHans from "@/messages/zh-Hans.json";
import zhHant from "@/messages/zh-Hant.json";
import { checkIcs } from "../../support/ics-strict";

const MESSAGES = { en, "zh-Hant": zhHant, "zh-Hans": zhHans };
const LOCALES = Object.keys(MESSAGES) as Locale[];
const WORDS = Object.fromEntries(
  LOCALES.map((locale) => [locale, calendarWords(createTranslator({ locale, messages: MESSAGES[locale], namespace: "timeline.ics" }))]),
) as Record<Locale, CalendarWords>;
const STATUSES: CalendarStatus[] = ["confirmed", "secondary", "derived", "unconfirmed"];
const STAMP = Date.parse("2026-11-30T12:00:00Z");
const event = findEvent("jlmag-2022-final");
if (!event) throw new Error("catalog is missing the JL MAG event");

const HOUR = 3_600_000;
/** 09:00 Hong Kong time on the day before a Hong Kong calendar day `YYYY-MM-DD`, worked as HKT, not UTC. */
const nineAmDayBefore = (day: string) => new Date(Date.parse(`${day}T09:00:00+08:00`) - 24 * HOUR).toISOString();
const hkDayOf = (at: string) => new Date(Date.parse(at) + 8 * HOUR).toISOString().slice(0, 10);
const nextDay = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + 24 * HOUR).toISOString().slice(0, 10);
/** Internal references a holder must never see. */
const INTERNAL = /seed\/|\(seed|domain(-generic)?\.md|§|Derived:|DESIGN|milestone/i;

function vevents(ics: string) {
  return new ICAL.Component(ICAL.parse(ics)).getAllSubcomponents("vevent");
}

/** Everything a strict reader and a holder need from one VEVENT, checked against the milestone it came from. */
function expectEntry(v: ICAL.Component, m: CalendarMilestone, words: CalendarWords, name: string) {
  const start = v.getFirstPropertyValue("dtstart") as ICAL.Time;
  expect(v.getFirstProperty("duration"), m.id).toBeNull();
  const alarms = v.getAllSubcomponents("valarm");
  const triggers = alarms.map((a) => a.getFirstProperty("trigger"));
  const absolute = triggers.find((t) => t?.type === "date-time")?.getFirstValue() as ICAL.Time | undefined;
  expect(absolute?.toJSDate().toISOString(), m.id).toBe(nineAmDayBefore(hkDayOf(m.at)));
  if (m.dayOnly) {
    expect(start.isDate, m.id).toBe(true);
    expect(start.toString(), m.id).toBe(hkDayOf(m.at));
    const end = v.getFirstPropertyValue("dtend") as ICAL.Time;
    expect(end.isDate, m.id).toBe(true);
    expect(end.toString(), m.id).toBe(nextDay(hkDayOf(m.at)));
    expect(alarms, m.id).toHaveLength(1);
  } else {
    expect(start.toJSDate().getTime(), m.id).toBe(Date.parse(m.at));
    expect(v.getFirstProperty("dtend"), m.id).toBeNull();
    expect(alarms, m.id).toHaveLength(2);
    const relative = triggers.find((t) => t?.type === "duration")?.getFirstValue() as ICAL.Duration;
    expect(relative.toSeconds(), m.id).toBe(-2 * 3600);
  }
  for (const a of alarms) expect(String(a.getFirstPropertyValue("action"))).toBe("DISPLAY");
  const tentative = m.approximate || m.typed === true || m.status === "derived" || m.status === "unconfirmed";
  expect(v.getFirstPropertyValue("status"), m.id).toBe(tentative ? "TENTATIVE" : "CONFIRMED");
  expect(v.getFirstPropertyValue("summary"), m.id).toBe(`${m.title} — ${name}`);
  const description = String(v.getFirstPropertyValue("description"));
  expect(description.startsWith(m.meaning), m.id).toBe(true);
  // The status in words, once: exactly one of the status sentences (or the typed-in one), never repeated.
  const sentences = [...STATUSES.map(words.status), words.typed];
  const found = sentences.flatMap((s) => description.split(s).length - 1);
  expect(
    found.reduce((a, b) => a + b, 0),
    `${m.id}: ${description}`,
  ).toBe(1);
  expect(description.includes(m.typed ? words.typed : words.status(m.status)), m.id).toBe(true);
  expect(description.includes(words.approximate), m.id).toBe(m.approximate);
  expect(description, m.id).not.toMatch(INTERNAL);
}

describe("calendar files of the catalog events", () => {
  it("every event, every locale, all dates and each date alone: strict RFC 5545, ical.js, holder's words", () => {
    let files = 0;
    for (const e of listEvents()) {
      for (const locale of LOCALES) {
        const input = calendarInput(e, locale);
        const url = `https://entitle.example/${locale}#timeline`;
        for (const only of [undefined, ...input.milestones.map((m) => [m.id])]) {
          const built = writeCalendar(input, { words: WORDS[locale], locale, stamp: STAMP, url, only });
          if (!built.ok) throw new Error(built.reason);
          expect(checkIcs(built.ics), `${e.id} ${locale} ${only ?? "all"}`).toEqual([]);
          const entries = vevents(built.ics);
          const expected = only ? input.milestones.filter((m) => only.includes(m.id)) : input.milestones;
          expect(entries).toHaveLength(expected.length);
          for (const m of expected) {
            const v = entries.find((x) => x.getFirstPropertyValue("uid") === `${e.id}.${m.id}@entitle`);
            if (!v) throw new Error(`no entry for ${m.id}`);
            expectEntry(v, m, WORDS[locale], input.name);
            expect(v.getFirstPropertyValue("url")).toBe(url);
          }
          files++;
        }
      }
    }
    expect(files).toBeGreaterThanOrEqual(3 * 12);
  });

  it("JL MAG, worked by hand: last cum Fri 23 Jun all day, reminded Thu 22 Jun 09:00 HKT; lodgement 16:30 HKT = 08:30 UTC", () => {
    const built = writeCalendar(calendarInput(event, "en"), { words: WORDS.en, locale: "en", stamp: STAMP });
    if (!built.ok) throw new Error(built.reason);
    const lines = built.ics.split("\r\n");
    const block = (id: string) => {
      const from = lines.indexOf(`UID:jlmag-2022-final.${id}@entitle`);
      return lines.slice(from, lines.indexOf("END:VEVENT", from));
    };
    expect(block("h-last-cum-date")).toEqual(
      expect.arrayContaining([
        "DTSTART;VALUE=DATE:20230623",
        "DTEND;VALUE=DATE:20230624",
        "STATUS:TENTATIVE", // derived
        "TRIGGER;VALUE=DATE-TIME:20230622T010000Z",
      ]),
    );
    expect(block("h-lodgement-deadline")).toEqual(
      expect.arrayContaining(["DTSTART:20230627T083000Z", "STATUS:CONFIRMED", "TRIGGER;VALUE=DATE-TIME:20230626T010000Z", "TRIGGER:-PT2H"]),
    );
    expect(block("h-payment")).toContain("STATUS:TENTATIVE"); // "on or about"
    expect(built.ics).not.toMatch(/DURATION|METHOD/);
    expect(built.ics).toMatch(/^BEGIN:VCALENDAR\r\nVERSION:2\.0\r\nPRODID:-\/\/Entitle\/\/Key dates\/\/EN\r\n/);
    expect(built.ics).toContain("DTSTAMP:20261130T120000Z");
    expect(built.ics.replace(/\r\n /g, "")).toContain(
      "X-WR-CALNAME:JL MAG Rare-Earth Co.\\, Ltd. · 2022 final dividend and 6-for-10 capitalisation issue",
    );
    // The lodgement deadline says its Hong Kong time in words, for a reader whose calendar shows another zone.
    const lodgement = (locale: Locale) => {
      const ics = writeCalendar(calendarInput(event, locale), {
        words: WORDS[locale],
        locale,
        stamp: STAMP,
        only: ["h-lodgement-deadline"],
      });
      return ics.ok ? String(vevents(ics.ics)[0]?.getFirstPropertyValue("description")) : ics.reason;
    };
    expect(lodgement("en")).toContain("Hong Kong time: 27 Jun 2023, 4:30 p.m.");
    expect(lodgement("zh-Hant")).toContain("香港時間：2023年6月27日下午4時30分");
    expect(lodgement("zh-Hans")).toContain("香港时间：2023年6月27日下午4时30分");
  });
});

describe("calendar files of any event (plain data)", () => {
  const base: CalendarMilestone = {
    id: "x",
    class: "H",
    at: "2023-06-23T09:00:00+08:00",
    dayOnly: true,
    approximate: false,
    status: "confirmed",
    title: "t",
    meaning: "m",
  };
  const write = (milestones: CalendarMilestone[], locale: Locale = "en", name = "Issuer") => {
    const input: CalendarInput = { scope: "custom-abc", name, milestones };
    const built = writeCalendar(input, { words: WORDS[locale], locale, stamp: STAMP });
    if (!built.ok) throw new Error(built.reason);
    return built.ics;
  };

  it("every day from 2023 to 2030 as an all-day date: valid, DTEND the next day, reminder 09:00 HKT the day before", () => {
    const milestones: CalendarMilestone[] = [];
    for (let ms = Date.UTC(2023, 0, 1); ms <= Date.UTC(2030, 11, 31); ms += 24 * HOUR) {
      const day = new Date(ms).toISOString().slice(0, 10);
      milestones.push({ ...base, id: `d${day}`, at: `${day}T09:00:00+08:00` });
    }
    const ics = write(milestones);
    expect(checkIcs(ics)).toEqual([]);
    const entries = vevents(ics);
    expect(entries).toHaveLength(milestones.length);
    // Compared as plain values and asserted once, so 2,922 entries stay cheap on a loaded machine.
    const seen = entries.map((v) => ({
      start: String(v.getFirstPropertyValue("dtstart")),
      end: String(v.getFirstPropertyValue("dtend")),
      alarm: (v.getFirstSubcomponent("valarm")?.getFirstPropertyValue("trigger") as ICAL.Time | undefined)?.toJSDate().toISOString(),
    }));
    const expected = milestones.map((m) => ({ start: hkDayOf(m.at), end: nextDay(hkDayOf(m.at)), alarm: nineAmDayBefore(hkDayOf(m.at)) }));
    expect(seen).toEqual(expected);
  }, 60_000);

  it("dates near midnight count in Hong Kong time", () => {
    // 00:30 HKT on 1 Mar 2024 is 16:30 UTC on 29 Feb; its reminder is 09:00 HKT on 29 Feb (leap day) = 01:00 UTC.
    const timed = write([{ ...base, id: "t", dayOnly: false, at: "2024-03-01T00:30:00+08:00" }]);
    expect(timed).toContain("DTSTART:20240229T163000Z");
    expect(timed).toContain("TRIGGER;VALUE=DATE-TIME:20240229T010000Z");
    // A day given in UTC: 20:00 UTC on 31 Dec 2023 is 1 Jan 2024 in Hong Kong.
    const day = write([{ ...base, id: "d", at: "2023-12-31T20:00:00Z" }]);
    expect(day).toContain("DTSTART;VALUE=DATE:20240101");
    expect(day).toContain("DTEND;VALUE=DATE:20240102");
    expect(day).toContain("TRIGGER;VALUE=DATE-TIME:20231231T010000Z");
    expect(checkIcs(timed)).toEqual([]);
    expect(checkIcs(day)).toEqual([]);
  });

  it("each status and typed-in dates: tentative unless stated, the status in words once, in each language", () => {
    const variants: CalendarMilestone[] = [
      { ...base, id: "confirmed" },
      { ...base, id: "secondary", status: "secondary" },
      { ...base, id: "derived", status: "derived" },
      { ...base, id: "unconfirmed", status: "unconfirmed" },
      { ...base, id: "approximate", approximate: true },
      { ...base, id: "typed", status: "unconfirmed", typed: true },
      { ...base, id: "typed-timed", status: "unconfirmed", typed: true, dayOnly: false, at: "2023-06-27T16:30:00+08:00" },
    ];
    for (const locale of LOCALES) {
      const ics = write(variants, locale);
      expect(checkIcs(ics)).toEqual([]);
      const byId = new Map(vevents(ics).map((v) => [String(v.getFirstPropertyValue("uid")).split(".")[1]?.split("@")[0], v]));
      expect(variants.map((m) => byId.get(m.id)?.getFirstPropertyValue("status"))).toEqual([
        "CONFIRMED",
        "CONFIRMED",
        "TENTATIVE",
        "TENTATIVE",
        "TENTATIVE",
        "TENTATIVE",
        "TENTATIVE",
      ]);
      for (const m of variants) expectEntry(byId.get(m.id) as ICAL.Component, m, WORDS[locale], "Issuer");
    }
  });

  it("escapes and folds any text: commas, semicolons, backslashes, line breaks, emoji, CJK, long lines", () => {
    const title = "Pay, day; C:\\path — 派付H股股息 🎉🎉🎉 and a much longer tail ".repeat(4).trim();
    const meaning = `First line\r\nsecond line\rthird\nfourth\u0007 ${"漢字、碎股；零股。".repeat(30)} 👨‍👩‍👧 end`;
    const ics = write([{ ...base, title, meaning }], "zh-Hant", "名稱, Ltd.; 🎉");
    expect(checkIcs(ics)).toEqual([]);
    const v = vevents(ics)[0] as ICAL.Component;
    expect(v.getFirstPropertyValue("summary")).toBe(`${title} — 名稱, Ltd.; 🎉`);
    const expectedMeaning = `First line\nsecond line\nthird\nfourth ${"漢字、碎股；零股。".repeat(30)} 👨‍👩‍👧 end`;
    expect(String(v.getFirstPropertyValue("description")).startsWith(expectedMeaning)).toBe(true);
    // Half of an emoji (a lone surrogate, e.g. from text cut by length) cannot be written as UTF-8.
    const cut = write([{ ...base, title: "🎉".slice(0, 1) }]);
    expect(checkIcs(cut)).toEqual([]);
    expect(vevents(cut)[0]?.getFirstPropertyValue("summary")).toBe("\uFFFD — Issuer");
  });

  it("folds at 75 octets without splitting a character, and unfolding gives the line back", () => {
    const enc = new TextEncoder();
    const samples = [
      "a".repeat(300),
      "漢".repeat(100),
      "🎉".repeat(80),
      `DESCRIPTION:${"ab漢🎉".repeat(50)}`,
      "x".repeat(75),
      "x".repeat(76),
    ];
    for (const s of samples) {
      const folded = foldLine(s);
      const parts = folded.split("\r\n");
      for (const p of parts) expect(enc.encode(p).length).toBeLessThanOrEqual(75);
      parts.slice(1).forEach((p) => {
        expect(p.startsWith(" ")).toBe(true);
      });
      expect(folded.replace(/\r\n /g, "")).toBe(s);
      expect(folded.includes("\uFFFD")).toBe(false);
    }
    expect(foldLine("x".repeat(75))).toBe("x".repeat(75));
    expect(foldLine("x".repeat(76))).toBe(`${"x".repeat(75)}\r\n x`);
  });

  it("refuses what it cannot write", () => {
    const input: CalendarInput = { scope: "s", name: "n", milestones: [base] };
    const o = { words: WORDS.en, locale: "en" as const, stamp: STAMP };
    expect(writeCalendar(input, { ...o, only: ["nope"] })).toEqual({ ok: false, reason: "no-milestone" });
    expect(writeCalendar({ ...input, milestones: [{ ...base, at: "not a date" }] }, o)).toEqual({ ok: false, reason: "bad-date" });
    expect(writeCalendar(input, { ...o, url: "javascript:alert(1)" })).toEqual({ ok: false, reason: "bad-url" });
    expect(writeCalendar(input, { ...o, url: "https://a.example/x\r\nATTACH:evil" })).toEqual({ ok: false, reason: "bad-url" });
    expect(writeCalendar(input, { ...o, url: "https://a.example/\u0007" })).toEqual({ ok: false, reason: "bad-url" });
    expect(writeCalendar(input, { ...o, url: "https://a.example/日历" })).toEqual({ ok: false, reason: "bad-url" });
    expect(writeCalendar({ ...input, milestones: [{ ...base, at: "+010000-01-01T09:00:00+08:00" }] }, o)).toEqual({
      ok: false,
      reason: "bad-date",
    });
    expect(writeCalendar(input, { ...o, stamp: Number.NaN })).toEqual({ ok: false, reason: "bad-date" });
  });
});

describe("GET /api/v1/events/{id}/calendar.ics", () => {
  const get = (query: string, id = "jlmag-2022-final") =>
    GET(new Request(`https://entitle.example/api/v1/events/${id}/calendar.ics${query}`), { params: Promise.resolve({ id }) });

  it("answers every date and each date alone, in each locale, with strictly valid bytes", async () => {
    for (const locale of LOCALES) {
      for (const m of [undefined, ...event.milestones.map((x) => x.id)]) {
        const res = await get(`?locale=${locale}${m ? `&milestone=${m}` : ""}`);
        expect(res.status).toBe(200);
        expect(res.headers.get("content-type")).toBe("text/calendar; charset=utf-8");
        const bytes = new Uint8Array(await res.arrayBuffer());
        expect(checkIcs(bytes), `${locale} ${m}`).toEqual([]);
        expect(vevents(new TextDecoder().decode(bytes))).toHaveLength(m ? 1 : event.milestones.length);
      }
    }
  });

  it("refuses an unknown event, milestone or locale with the error JSON", async () => {
    for (const [id, query, status, code] of [
      ["nope", "", 404, "unknown_event"],
      ["jlmag-2022-final", "?milestone=nope", 404, "unknown_milestone"],
      ["jlmag-2022-final", "?locale=fr", 400, "unknown_locale"],
    ] as const) {
      const res = await get(query, id);
      expect(res.status).toBe(status);
      expect((await res.json()).error.code).toBe(code);
    }
  });
});
