/**
 * Dates and times as Hong Kong and Mainland issuers write them, found in the matching view (normalize.ts).
 * Every hit keeps its [start, end) in the text; the caller quotes the sentence around it.
 */

export interface DateHit {
  start: number;
  end: number;
  /** YYYY-MM-DD */
  iso: string;
  /** The year was not written next to this date (e.g. the second half of "3月12日至16日" keeps its own year). */
  yearInferred?: boolean;
  /** The first date of a range written together ("15th to 19th March, 2018", "6月3日至6月6日"); index of its partner. */
  rangeEnd?: number;
}

export interface TimeHit {
  start: number;
  end: number;
  /** HH:MM, 24-hour */
  hhmm: string;
}

const MONTHS: Record<string, number> = {
  january: 1,
  jan: 1,
  february: 2,
  feb: 2,
  march: 3,
  mar: 3,
  april: 4,
  apr: 4,
  may: 5,
  june: 6,
  jun: 6,
  july: 7,
  jul: 7,
  august: 8,
  aug: 8,
  september: 9,
  sep: 9,
  sept: 9,
  october: 10,
  oct: 10,
  november: 11,
  nov: 11,
  december: 12,
  dec: 12,
};
const WEEKDAYS: Record<string, number> = {
  sunday: 0,
  sun: 0,
  monday: 1,
  mon: 1,
  tuesday: 2,
  tue: 2,
  tues: 2,
  wednesday: 3,
  wed: 3,
  thursday: 4,
  thu: 4,
  thur: 4,
  thurs: 4,
  friday: 5,
  fri: 5,
  saturday: 6,
  sat: 6,
  日: 0,
  天: 0,
  一: 1,
  二: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
};

const MON =
  "(january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\\.?";
const WD = "(monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tues|tue|wed|thurs|thur|thu|fri|sat|sun)";
const ORD = "(?:st|nd|rd|th)?";
const CN_DIGITS = "零一二三四五六七八九";
const CNUM = "[十一二三四五六七八九零]{1,3}";
const NUM_OR_CN = `(\\d{1,2}|${CNUM})`;
const CN_WEEKDAY = "(?:\\s*\\(\\s*(?:星期|周|週)([一二三四五六日天])\\s*\\))?";

/** 十二 → 12, 二十一 → 21, 三 → 3, 12 → 12. */
export function smallNumber(s: string): number {
  if (/^\d+$/.test(s)) return Number(s);
  if (s === "十") return 10;
  const ten = s.indexOf("十");
  if (ten < 0) return CN_DIGITS.indexOf(s);
  const tens = ten === 0 ? 1 : CN_DIGITS.indexOf(s[0] as string);
  const ones = ten === s.length - 1 ? 0 : CN_DIGITS.indexOf(s[ten + 1] as string);
  return tens * 10 + ones;
}

function chineseYear(s: string): number {
  return Number([...s].map((c) => (/\d/.test(c) ? c : String(CN_DIGITS.indexOf(c)))).join(""));
}

function iso(y: number, m: number, d: number): string | null {
  if (!(y >= 1990 && y <= 2100 && m >= 1 && m <= 12 && d >= 1)) return null;
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  if (d > days) return null;
  return `${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

/** Every way `run` reads as dates "y/m/d" written one after another (at most two ways are looked for). */
function gluedDates(run: string, least = 2): [number, number, string][][] {
  const out: [number, number, string][][] = [];
  const walk = (at: number, acc: [number, number, string][]) => {
    if (out.length > 1) return;
    if (at === run.length) {
      if (acc.length >= least) out.push(acc);
      return;
    }
    const m = /^(\d{4})\/(\d{1,2})\/(\d{1,2})/.exec(run.slice(at));
    if (!m) return;
    const [, y, mo] = m as unknown as [string, string, string, string];
    for (const dayLength of [1, 2]) {
      const day = run.slice(at + y.length + mo.length + 2, at + y.length + mo.length + 2 + dayLength);
      if (day.length !== dayLength || !/^\d+$/.test(day)) continue;
      const d = iso(Number(y), Number(mo), Number(day));
      const end = at + y.length + mo.length + 2 + dayLength;
      if (d) walk(end, [...acc, [at, end, d]]);
    }
  };
  walk(0, []);
  return out;
}

function weekdayOf(isoDate: string): number {
  return new Date(`${isoDate}T00:00:00Z`).getUTCDay();
}

/** A written weekday that contradicts the date makes the date unusable: better missing than wrong. */
function weekdayAgrees(isoDate: string, ...names: (string | undefined)[]): boolean {
  for (const name of names) if (name !== undefined && WEEKDAYS[name] !== weekdayOf(isoDate)) return false;
  return true;
}

export interface DateScan {
  dates: DateHit[];
  /** Dates dropped because their weekday disagreed, for warnings. */
  contradictions: { start: number; end: number }[];
}

/** Every date in the view, in text order, overlapping forms resolved (the longest wins). */
export function findDates(view: string): DateScan {
  const hits: DateHit[] = [];
  const contradictions: { start: number; end: number }[] = [];
  const occupied = new Uint8Array(view.length + 1);
  const taken = {
    push([a, b]: [number, number]) {
      occupied.fill(1, a, b);
    },
  };
  const free = (s: number, e: number) => occupied.subarray(s, e).every((x) => x === 0);
  const add = (hit: DateHit, ...weekdays: (string | undefined)[]) => {
    if (!free(hit.start, hit.end)) return false;
    taken.push([hit.start, hit.end]);
    if (!weekdayAgrees(hit.iso, ...weekdays)) {
      contradictions.push({ start: hit.start, end: hit.end });
      return false;
    }
    hits.push(hit);
    return true;
  };
  /** Two dates written as a range over [start, end), each with its written weekday (a contradiction drops both). */
  const addRange = (
    start: number,
    end: number,
    firstEnd: number,
    secondStart: number,
    [first, wd1]: [string, string | undefined],
    [second, wd2]: [string, string | undefined],
  ) => {
    taken.push([start, end]);
    if (!weekdayAgrees(first, wd1) || !weekdayAgrees(second, wd2)) {
      contradictions.push({ start, end });
      return;
    }
    hits.push({ start, end: firstEnd, iso: first, rangeEnd: hits.length + 1 }, { start: secondStart, end, iso: second });
  };
  const scan = (source: string, fn: (m: RegExpExecArray) => void) => {
    const re = new RegExp(source, "g");
    for (let m = re.exec(view); m; m = re.exec(view)) fn(m);
  };

  // "15th to 19th March, 2018", "28 June to 3 July 2023" is handled as two dates below.
  scan(`\\b(\\d{1,2})${ORD}\\s*(?:to|-|and)\\s*(\\d{1,2})${ORD}\\s+${MON},?\\s+(\\d{4})\\b`, (m) => {
    const month = MONTHS[m[3] as string] as number;
    const a = iso(Number(m[4]), month, Number(m[1]));
    const b = iso(Number(m[4]), month, Number(m[2]));
    if (!a || !b) return;
    const firstEnd = m.index + (m[1] as string).length;
    const second = view.lastIndexOf(m[2] as string, m.index + m[0].length);
    if (!free(m.index, m.index + m[0].length)) return;
    hits.push({ start: m.index, end: firstEnd, iso: a, rangeEnd: hits.length + 1 }, { start: second, end: m.index + m[0].length, iso: b });
    taken.push([m.index, m.index + m[0].length]);
  });
  // "2 January to 7 January 2025", "Wednesday, 28 June to Monday, 3 July 2023": the first date takes the second's
  // year (the year before when its month and day come later in the year: "28 December to 3 January 2025").
  scan(
    `(?:\\b${WD},?\\s+)?\\b(\\d{1,2})${ORD}\\s+(?:of\\s+)?${MON}\\s*(?:to|-|until|till|and)\\s*(?:${WD},?\\s+)?(\\d{1,2})${ORD}\\s+(?:of\\s+)?${MON},?\\s+(\\d{4})\\b`,
    (m) => {
      const y = Number(m[7]);
      const m1 = MONTHS[m[3] as string] as number;
      const m2 = MONTHS[m[6] as string] as number;
      const d1 = Number(m[2]);
      const d2 = Number(m[5]);
      const first = iso(m1 * 100 + d1 > m2 * 100 + d2 ? y - 1 : y, m1, d1);
      const second = iso(y, m2, d2);
      if (!first || !second || !free(m.index, m.index + m[0].length)) return;
      const firstEnd = m.index + m[0].search(new RegExp(`\\s*(?:to|-|until|till|and)\\s*(?:${WD},?\\s+)?\\d`));
      const secondStart = m.index + m[0].lastIndexOf(m[5] as string, m[0].length - (m[7] as string).length - 1 - (m[6] as string).length);
      addRange(m.index, m.index + m[0].length, firstEnd, secondStart, [first, m[1]], [second, m[4]]);
    },
  );
  // "July 5 to July 10, 2024", "December 28 to January 3, 2025", "July 5 to 10, 2024".
  scan(`\\b${MON}\\s+(\\d{1,2})${ORD}\\s*(?:to|-|until|till|and)\\s*(?:${MON}\\s+)?(\\d{1,2})${ORD},?\\s+(\\d{4})\\b`, (m) => {
    const y = Number(m[5]);
    const m1 = MONTHS[m[1] as string] as number;
    const m2 = m[3] ? (MONTHS[m[3]] as number) : m1;
    const d1 = Number(m[2]);
    const d2 = Number(m[4]);
    const first = iso(m1 * 100 + d1 > m2 * 100 + d2 ? y - 1 : y, m1, d1);
    const second = iso(y, m2, d2);
    if (!first || !second || !free(m.index, m.index + m[0].length)) return;
    const sep = /\s*(?:to|-|until|till|and)\s*/.exec(m[0].slice((m[1] as string).length));
    const firstEnd = m.index + (m[1] as string).length + (sep?.index ?? 0);
    addRange(m.index, m.index + m[0].length, firstEnd, firstEnd + (sep?.[0].length ?? 0), [first, undefined], [second, undefined]);
  });
  // "Monday, 3 July 2023", "3 July 2023 (Monday)", "3rd July, 2023"
  scan(`(?:\\b${WD},?\\s+)?\\b(\\d{1,2})${ORD}\\s+(?:of\\s+)?${MON},?\\s+(\\d{4})\\b(?:\\s*\\(\\s*${WD}\\s*\\))?`, (m) => {
    const d = iso(Number(m[4]), MONTHS[m[3] as string] as number, Number(m[2]));
    if (d) add({ start: m.index, end: m.index + m[0].length, iso: d }, m[1], m[5]);
  });
  // "Monday, July 3, 2023", "July 3, 2023 (Monday)"
  scan(`(?:\\b${WD},?\\s+)?\\b${MON}\\s+(\\d{1,2})${ORD},?\\s+(\\d{4})\\b(?:\\s*\\(\\s*${WD}\\s*\\))?`, (m) => {
    const d = iso(Number(m[4]), MONTHS[m[2] as string] as number, Number(m[3]));
    if (d) add({ start: m.index, end: m.index + m[0].length, iso: d }, m[1], m[5]);
  });
  // "2023年7月3日(星期一)", "二零二三年七月三日", and a second date written without its year or month:
  // "2023年11月6日(星期三)至2023年11月11日", "三月十二日至十六日", "2016年9月14日至9月19日".
  const yearForm = `(\\d{4}|[零一二三四五六七八九]{4})\\s*年\\s*${NUM_OR_CN}\\s*月\\s*${NUM_OR_CN}\\s*日${CN_WEEKDAY}`;
  const tail = `(?:\\s*(?:至|到|-|~)\\s*(?:(?:\\d{4}|[零一二三四五六七八九]{4})\\s*年\\s*)?(?:${NUM_OR_CN}\\s*月\\s*)?${NUM_OR_CN}\\s*日${CN_WEEKDAY})?`;
  scan(yearForm + tail, (m) => {
    const y = chineseYear(m[1] as string);
    const mo = smallNumber(m[2] as string);
    const first = iso(y, mo, smallNumber(m[3] as string));
    if (!first) return;
    if (m[6] === undefined) {
      add({ start: m.index, end: m.index + m[0].length, iso: first }, m[4]);
      return;
    }
    // A range: the first date ends where "至" begins; the second inherits what it does not write.
    const join = /\s*(?:至|到|-|~)/.exec(m[0].slice((m[1] as string).length));
    const firstEnd = m.index + (m[1] as string).length + (join?.index ?? 0);
    const secondText = m[0].slice(firstEnd - m.index);
    const yearWritten = /\d{4}|[零一二三四五六七八九]{4}/.exec(secondText);
    const y2 = yearWritten ? chineseYear(yearWritten[0]) : y;
    const secondIso = iso(y2, m[5] !== undefined ? smallNumber(m[5]) : mo, smallNumber(m[6]));
    if (!secondIso) return;
    const secondStart = firstEnd + (/[^\s至到~-]/.exec(secondText)?.index ?? 0);
    if (!free(m.index, m.index + m[0].length)) return;
    addRange(m.index, m.index + m[0].length, firstEnd, secondStart, [first, m[4]], [secondIso, m[7]]);
  });
  // Cells of a date table that a copy glued together: "2024/7/112024/7/122024/7/12" (an SSE notice's record, ex and
  // payment dates). Read only when the run (at most 124 characters) splits into valid dates in exactly one way.
  // A "-" cell may stand between them ("2022/7/14-2022/7/152022/7/15"): each part then splits on its own.
  scan("(?<![\\d/.-])\\d{4}/[\\d/-]{11,120}(?![\\d/-])", (m) => {
    const parts = m[0].split("-");
    if (parts.length === 1 && !/\/\d{3,}/.test(m[0])) return;
    if (parts.length > 1 && parts.some((p) => p !== "" && !/^\d{4}\//.test(p))) return;
    const found: [number, number, string][] = [];
    let at = 0;
    for (const part of parts) {
      if (part !== "") {
        const parses = gluedDates(part, parts.length > 1 ? 1 : 2);
        if (parses.length !== 1) return;
        for (const [a, b, d] of parses[0] as [number, number, string][]) found.push([at + a, at + b, d]);
      }
      at += part.length + 1;
    }
    if (found.length < 2) return;
    for (const [a, b, d] of found) add({ start: m.index + a, end: m.index + b, iso: d });
  });
  // "2019/6/4", "2024-07-10"
  scan("(?<![\\d/.-])(\\d{4})([/-])(\\d{1,2})\\2(\\d{1,2})(?![\\d/])", (m) => {
    const d = iso(Number(m[1]), Number(m[3]), Number(m[4]));
    if (d) add({ start: m.index, end: m.index + m[0].length, iso: d });
  });
  // "三月十二日至十六日", "6月3日": no year at all. The year is the one of the nearest full date before it.
  scan(
    `(?<![年\\d零一二三四五六七八九十])${NUM_OR_CN}\\s*月\\s*${NUM_OR_CN}\\s*日(?:\\s*(?:至|到|-)\\s*(?:${NUM_OR_CN}\\s*月\\s*)?${NUM_OR_CN}\\s*日)?`,
    (m) => {
      if (!free(m.index, m.index + m[0].length)) return;
      let before: DateHit | undefined;
      for (const h of hits) if (h.end <= m.index && !h.yearInferred && (!before || h.end > before.end)) before = h;
      if (!before || m.index - before.end > 400) return;
      const y = Number(before.iso.slice(0, 4));
      const mo = smallNumber(m[1] as string);
      const first = iso(y, mo, smallNumber(m[2] as string));
      if (!first) return;
      taken.push([m.index, m.index + m[0].length]);
      if (m[4] === undefined) {
        hits.push({ start: m.index, end: m.index + m[0].length, iso: first, yearInferred: true });
        return;
      }
      const second = iso(y, m[3] !== undefined ? smallNumber(m[3]) : mo, smallNumber(m[4]));
      if (!second) return;
      const sep = /\s*(?:至|到|-)\s*/.exec(m[0]);
      const cut = m.index + (sep?.index ?? m[0].length);
      hits.push(
        { start: m.index, end: cut, iso: first, yearInferred: true, rangeEnd: hits.length + 1 },
        { start: cut + (sep?.[0].length ?? 0), end: m.index + m[0].length, iso: second, yearInferred: true },
      );
    },
  );

  // Re-link ranges after sorting.
  const order = hits.map((h, i) => ({ h, i })).sort((a, b) => a.h.start - b.h.start);
  const newIndex = new Map(order.map((o, k) => [o.i, k]));
  const sorted = order.map(({ h }) => (h.rangeEnd === undefined ? h : { ...h, rangeEnd: newIndex.get(h.rangeEnd) }));
  return { dates: sorted, contradictions };
}

/** Times of day: "4:30 p.m.", "4 p.m.", "下午四時三十分", "下午4:30", "16:30". */
export function findTimes(view: string): TimeHit[] {
  const out: TimeHit[] = [];
  const push = (start: number, end: number, h: number, min: number) => {
    if (h >= 0 && h <= 23 && min >= 0 && min <= 59)
      out.push({ start, end, hhmm: `${String(h).padStart(2, "0")}:${String(min).padStart(2, "0")}` });
  };
  const twelve = (h: number, pm: boolean) => (pm ? (h === 12 ? 12 : h + 12) : h === 12 ? 0 : h);
  for (const m of view.matchAll(/\b(\d{1,2})(?:[:.](\d{2}))?\s*([ap])\.?\s?m\b\.?/g)) {
    push(m.index, m.index + m[0].length, twelve(Number(m[1]), m[3] === "p"), Number(m[2] ?? 0));
  }
  for (const m of view.matchAll(
    new RegExp(`(上午|下午|中午)\\s*${NUM_OR_CN}\\s*(?:时|:|點|点)\\s*(${CNUM}|\\d{1,2}|半|正)?\\s*分?`, "g"),
  )) {
    const h = smallNumber(m[2] as string);
    const min = m[3] === undefined || m[3] === "正" ? 0 : m[3] === "半" ? 30 : smallNumber(m[3]);
    if (h > 12) continue;
    push(m.index, m.index + m[0].length, twelve(h, m[1] === "下午" || (m[1] === "中午" && h === 12)), min);
  }
  const covered = new Uint8Array(view.length + 1);
  for (const t of out) covered.fill(1, t.start, t.end);
  for (const m of view.matchAll(/(?<![\d:./])([01]?\d|2[0-3]):([0-5]\d)(?![\d:]|\s*[ap]\.?\s?m\b)/g)) {
    if (covered[m.index] === 1) continue;
    push(m.index, m.index + m[0].length, Number(m[1]), Number(m[2]));
  }
  return out.sort((a, b) => a.start - b.start);
}
