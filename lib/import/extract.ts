/**
 * Announcement text → §3.4 terms, each with the sentence it came from. Pure: no I/O, runs in the browser.
 * How it decides (rules, precedence, corrections) is written up in docs/import.md.
 */

import { type DateHit, findDates, findTimes, type TimeHit } from "./dates";
import { matchingView } from "./normalize";
import { cleanNumber, divide, fromCents, per10, roundHalfUp, sameNumber, trimZeros } from "./numbers";
import { type Field, type ImportResult, TERM_ORDER, type TermName } from "./terms";

interface Candidate {
  term: TermName;
  value: string;
  /** Where the value itself sits; the quote is the sentence around it. */
  start: number;
  end: number;
  /** 3: an explicit label ("Record Date", 股权登记日); 2: a sentence pattern; 1: a loose one. */
  strength: number;
  corrected: boolean;
}

/** A date becomes §…§¶ and a time ¤…¤¦ in the marked view: the last character ends the run, so two
 * dates side by side stay two, and a pattern's date group never backtracks over more than one date. */
const DATE_MARK = "§";
const DATE_END = "¶";
const TIME_MARK = "¤";
const TIME_END = "¦";
const NUM = "(?<![\\d.,])(\\d{1,3}(?:,\\d{3}){1,6}(?:\\.\\d{1,12})?|\\d{1,15}(?:\\.\\d{1,12})?)(?![\\d])";
const CUR = "(rmb|renminbi|cny|hk\\\\?\\$|hkd|hong kong dollars?|hk dollars?|人民币|港币|港元)";
/** A currency defined where it is first written: 'Renminbi ("RMB") 0.90', 'Hong Kong dollars ("HK$") 1.111273'. */
const CUR_DEF = '(?:\\s*\\(\\s*"?(?:rmb|hk\\\\?\\$|hkd)"?\\s*\\))?';
const currencyOf = (c: string): "RMB" | "HKD" =>
  c === "rmb" || c === "renminbi" || c === "cny" || c === "人民币" || c === "元人民币" || c === "分人民币" ? "RMB" : "HKD";
const D = `(${DATE_MARK}{0,80}${DATE_END})`;
/** Within one English sentence: no stop, except the point of a decimal ("RMB0.062 per Share … on or before …") or of
 * "Co.", "Corp.", "Ltd.", "Inc.", "No." (the sentence splitter knows them too). */
const GAP = "(?:[^.;§¶]|\\.(?=\\d)|(?<=\\b(?:co|corp|ltd|inc|no))\\.)";
const T = `(${TIME_MARK}{0,40}${TIME_END})`;
const MAX_QUOTE = 420;
const isDate = (c: string | undefined) => c === DATE_MARK || c === DATE_END;
const isTime = (c: string | undefined) => c === TIME_MARK || c === TIME_END;

const CORRECTION =
  /should be replaced by|shall be replaced by|be amended as follows|be revised as follows|修改如下|以下述资料替代|应以下述|并取代如下|取代如下|更正如下|更正为|更正後|更正后/g;
const MEETING_WORDS = /attend|vote at|voting at|出席|投票|参加|与会/;
const DIVIDEND_WORDS = /dividend|distribution|bonus|capitali[sz]ation|股息|红利|分派|派|现金|红股|转增|送股|利润分配|股利/;

const HAN = /[\u3400-\u9fff]/;
const HAN_OR_DIGIT = /[\u3400-\u9fff\d]/;
/** A Chinese character followed by its pinyin in brackets: one syllable with a tone mark ("(zhuǎn)", "(shí)"). */
const PINYIN = /[\u3400-\u9fff][(（](?=[a-zü]{0,6}[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ])[a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,7}[)）]/g;

/**
 * PDF and web copies break lines inside a sentence, often inside a word ("不以公积金⏎转增股本", "股权登⏎记日",
 * "派1.50⏎元"). The rules read a *joined* text: a run of white space holding a line break between two Chinese
 * characters (or a Chinese character and a digit) is taken out when the line before is a full line of prose
 * (30 characters or more, not ending a sentence, and the next line not a list item, a "label:" line or a blank
 * line): exactly where the sentence splitter sees no boundary. Some web pages insert the pinyin of a character
 * after it ("轉(zhuǎn)增", "股權(quán)登記日", "下午四時(shí)三十分"): a bracket of one toned syllable right after a Chinese
 * character is taken out as well. `map` gives each joined position's position in the input, so every quote is
 * still cut from the input.
 */
export function joinBrokenLines(input: string): { text: string; map: Int32Array | null } {
  // Only the white space around a line break and inserted pinyin can go: find those runs, copy the rest in slices.
  const cuts: [number, number][] = [];
  for (const m of input.matchAll(PINYIN)) cuts.push([m.index + 1, m.index + m[0].length]);
  for (let nl = input.indexOf("\n"); nl >= 0; nl = input.indexOf("\n", nl + 1)) {
    let i = nl;
    while (i > 0 && /\s/.test(input[i - 1] as string)) i--;
    let j = nl + 1;
    while (j < input.length && /[^\S\n]/.test(input[j] as string)) j++;
    // A blank line before or after (also "\r\n\r\n": the white space skipped back holds another line break).
    if (input[j] === "\n" || input.slice(i, nl).includes("\n")) continue;
    if (joinable(input, i, j, input[i - 1] ?? "", input[j] ?? "")) cuts.push([i, j]);
  }
  if (cuts.length === 0) return { text: input, map: null };
  cuts.sort((a, b) => a[0] - b[0]);
  for (let k = cuts.length - 1; k > 0; k--) if ((cuts[k] as [number, number])[0] < (cuts[k - 1] as [number, number])[1]) cuts.splice(k, 1);
  const map = new Int32Array(input.length + 1);
  let text = "";
  let from = 0;
  let n = 0;
  for (const [i, j] of [...cuts, [input.length, input.length] as [number, number]]) {
    text += input.slice(from, i);
    for (let k = from; k < i; k++) map[n++] = k;
    from = j;
  }
  map[n] = input.length;
  return { text, map: map.subarray(0, n + 1) };
}

function joinable(input: string, i: number, j: number, prev: string, next: string): boolean {
  if (!HAN_OR_DIGIT.test(prev) || !HAN_OR_DIGIT.test(next) || !(HAN.test(prev) || HAN.test(next))) return false;
  const lineStart = input.lastIndexOf("\n", i - 1) + 1;
  const prevLine = input.slice(lineStart, i).trim();
  if (prevLine.length < 30 || /[:：。;；!！?？]$/.test(prevLine)) return false;
  const nextLine = input.slice(j, j + 60);
  if (
    /^(?:\(?[a-zA-Z0-9ivx]{1,3}\)|[（(][一二三四五六七八九十\d]{1,3}[)）]|[一二三四五六七八九十]{1,3}、|\d{1,2}[、.)）]|[-•·*●])/.test(
      nextLine,
    )
  )
    return false;
  if (/^[^\n:：]{1,24}[:：]/.test(nextLine)) return false;
  return true;
}

interface Section {
  at: number;
  cls: "A" | "H" | "B" | null;
}

class Doc {
  /** The input as given: quotes are cut from it. */
  readonly input: string;
  /** The input with lines broken inside a sentence joined (see joinBrokenLines); everything matches on it. */
  readonly text: string;
  /** Joined position → input position; null when nothing was joined. */
  private readonly map: Int32Array | null;
  readonly view: string;
  /** The view with every date replaced by § and every time by ¤, same length. */
  readonly marked: string;
  readonly dates: DateHit[];
  readonly times: TimeHit[];
  readonly warnings: string[] = [];
  readonly boundaries: number[];
  readonly correctionAt: number;
  readonly sections: Section[];
  private aWordsRead?: { aCode: boolean; aBesidesLabels: boolean };

  /** What the whole text says of A shares, read once (classOf asks for every date). */
  get aWords(): { aCode: boolean; aBesidesLabels: boolean } {
    this.aWordsRead ??= {
      aCode: A_CODE.test(this.view),
      aBesidesLabels: A_BESIDES_LABELS.test(this.view) || /(?:^|[^a-z])a\s*股/.test(this.view.replace(A_PAID_IN_RMB, "")),
    };
    return this.aWordsRead;
  }

  constructor(input: string) {
    this.input = input;
    const joined = joinBrokenLines(input);
    this.text = joined.text;
    this.map = joined.map;
    const text = this.text;
    this.view = matchingView(text);
    const scan = findDates(this.view);
    this.dates = scan.dates;
    const inDate = new Uint8Array(this.view.length + 1);
    for (const d of this.dates) inDate.fill(1, d.start, d.end);
    this.times = findTimes(this.view).filter((t) => inDate.subarray(t.start, t.end).every((x) => x === 0));
    // One UTF-16 unit per char is kept by matchingView except astral characters; work on code units.
    const units = this.view.split("");
    for (const d of this.dates) {
      for (let i = d.start; i < d.end - 1; i++) units[i] = DATE_MARK;
      units[d.end - 1] = DATE_END;
    }
    for (const t of this.times) {
      for (let i = t.start; i < t.end - 1; i++) units[i] = TIME_MARK;
      units[t.end - 1] = TIME_END;
    }
    this.marked = units.join("");
    for (const c of scan.contradictions)
      this.warnings.push(`"${text.slice(c.start, c.end)}": the weekday does not match the date, so the date was not used`);
    this.boundaries = this.findBoundaries();
    this.sections = this.findSections();
    CORRECTION.lastIndex = 0;
    const correction = CORRECTION.exec(this.view);
    this.correctionAt = correction ? correction.index : Number.POSITIVE_INFINITY;
  }

  private findBoundaries(): number[] {
    const b: number[] = [0];
    const v = this.view;
    for (let i = 0; i < v.length; i++) {
      const c = v[i];
      if (c === "。" || c === ";" || c === "!" || c === "?") b.push(i + 1);
      // A bullet starts an item, also where a copy joined the lines ("… 2009年5月21日 ● 现金红利发放日 …").
      else if (c === "●" || c === "•" || c === "■" || c === "◆" || c === "▪") b.push(i);
      // Where a copy joined the form's lines, a market's own label after a space starts an item too: "…发放日
      // 2009年5月27日 B股现金红利发放日 2009年6月4日" (the B line is not the A date's sentence); so do "一、", "(2)",
      // and a label with its colon ("(周四) 股权登记日:2015 年 5 月 29 日": 中国国航 2015, one line a label before).
      else if (
        /\s/.test(v[i - 1] ?? "") &&
        /\S/.test(c ?? "") &&
        ((/[abh]/.test(c ?? "") && /^[abh]\s*股\s*(?:股权登记日|除权|除息|现金红利|红利发放|派息日|最后交易日)/.test(v.slice(i, i + 12))) ||
          (/[一二三四五六七八九十]/.test(c ?? "") && v[i + 1] === "、") ||
          (c === "(" && /^\(\s*[\d一二三四五六七八九十]{1,3}\s*\)/.test(v.slice(i, i + 8))) ||
          (HAN.test(c ?? "") && labelWithColonAt(v, i)))
      )
        b.push(i);
      else if (c === "." && /\s/.test(v[i + 1] ?? "") && /[A-Z("]/.test(this.text.slice(i + 1).trimStart()[0] ?? "")) {
        // "… 2023. The …": an English full stop, not "Co., Ltd. (", "p.m. on" or "No. 9".
        const before = v.slice(Math.max(0, i - 4), i);
        if (!/(?:\bno|\bco|ltd|\bp\.m|\ba\.m|\bi\.e|\be\.g|\bmr|\bms|\bdr|\bst)$/.test(before)) b.push(i + 1);
      } else if (c === "\n") {
        const next = v.slice(i + 1, i + 60);
        const prevLine = v.slice(v.lastIndexOf("\n", i - 1) + 1, i);
        if (
          /^\s*\n/.test(next) || // blank line
          /^\s*(?:\(?[a-z0-9ivx]{1,3}\)|[一二三四五六七八九十]{1,3}、|\d{1,2}[、.)]|[-•·*])/.test(next) || // list item
          /^[^\n:]{1,24}:/.test(next) || // "label: value" lines of forms
          /[:。;]\s*$/.test(prevLine) ||
          prevLine.trim().length < 30
        )
          b.push(i + 1);
      }
    }
    b.push(v.length);
    return b;
  }

  /** [start, end) of the sentence holding position i. */
  sentence(i: number): [number, number] {
    // boundaries is sorted: the last boundary ≤ i starts the sentence, the next one ends it.
    const b = this.boundaries;
    let lo = 0;
    let hi = b.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((b[mid] as number) <= i) lo = mid;
      else hi = mid - 1;
    }
    let end = lo + 1;
    while (end < b.length && (b[end] as number) <= i) end++;
    return [b[lo] as number, (b[end] as number | undefined) ?? this.view.length];
  }

  /** The sentence holding pos, clamped to `radius` characters either side: what the heuristics look at. */
  around(pos: number, radius = 500): [number, number] {
    const [s, e] = this.sentence(pos);
    return [Math.max(s, pos - radius), Math.min(e, pos + radius)];
  }

  /** The quote for a value at [start, end): its sentence, trimmed, cut around the value when long. */
  quote(start: number, end: number, spanEnd = end): string {
    const [s, e] = this.sentence(start);
    let a = s;
    let b = Math.max(e, Math.min(spanEnd, this.view.length));
    if (spanEnd > e) b = this.sentence(Math.max(start, spanEnd - 1))[1];
    if (b - a > MAX_QUOTE) {
      a = Math.max(a, start - 180);
      b = Math.min(b, Math.max(spanEnd, end) + 180);
      while (a > s && /\S/.test(this.text[a - 1] ?? "")) a--;
      while (b < e && /\S/.test(this.text[b] ?? "")) b++;
    }
    const raw = this.text.slice(a, b);
    const lead = raw.length - raw.trimStart().length;
    const trail = raw.length - raw.trimEnd().length;
    if (raw.trim()) return this.original(a + lead, b - trail);
    if (this.text.slice(start, end).trim()) return this.original(start, end).trim();
    return this.original(a + lead, b);
  }

  /** The input's text behind the joined text's [a, b): a slice of the input, with any line break taken out. */
  original(a: number, b: number): string {
    if (b <= a) return "";
    if (!this.map) return this.input.slice(a, b);
    return this.input.slice(this.map[a] as number, (this.map[b - 1] as number) + 1);
  }

  /** The class of the section holding pos: the nearest heading before it that names one class ("1.H股利润分配时间安排",
   * "(二)B股", "A股股东:"), up to the next heading and at most 800 characters on. */
  sectionAt(pos: number): "A" | "H" | "B" | null {
    // The last heading at or before pos (sections are sorted by position).
    let lo = 0;
    let hi = this.sections.length - 1;
    let found: Section | undefined;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const h = this.sections[mid] as Section;
      if (h.at <= pos) {
        found = h;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found && pos - found.at <= 800 ? found.cls : null;
  }

  private findSections(): Section[] {
    const out: Section[] = [];
    // Numbered, so that "现就H股和A股利润分配时间安排公告如下" is not one; found with or without its line break.
    const re =
      /(?:^|[\s:;。])(?:\d{1,2}\s*[.、]|[一二三四五六七八九十]{1,3}\s*、|\(\s*[一二三四五六七八九十\d]{1,3}\s*\))\s*([ah])\s*股[^\n§¶¤¦:;。]{0,24}?时间安排/g;
    for (const m of this.marked.matchAll(re)) out.push({ at: m.index, cls: m[1] === "a" ? "A" : "H" });
    // A class heading a copy joined into the text: "… 2006年7月20日; B股: 最后交易日:…" (中集 2006).
    for (const m of this.marked.matchAll(/(?<=^|[\s;。])([abh])\s*股(?:股东)?\s*:(?=\s)/g))
      out.push({ at: m.index, cls: (m[1] as string).toUpperCase() as "A" | "H" | "B" });
    // Heading lines: a numbered or bulleted line without a date (it names one class, or none and ends the section
    // before it), or a line that is only a class ("A股:", "H股股东", "B Shares").
    let at = 0;
    for (const line of this.marked.split("\n")) {
      const t = line.trim();
      const numbered = /^(?:\d{1,2}\s*[.、](?!\d)|[一二三四五六七八九十]{1,3}\s*、|[(]\s*[一二三四五六七八九十\d]{1,3}\s*[)]|[●•■◆])/.test(
        t,
      );
      const classOnly = /^(?:[abh]\s*股(?:股东)?|[abh] shares?|[abh] shareholders?)\s*:?$/.test(t);
      if ((numbered && t.length <= 40 && !/[§¶¤¦。]/.test(t)) || classOnly) {
        const names = new Set([...t.matchAll(/(?:^|[^a-z])([abh])\s*股|\b([abh])[- ]shares?\b/g)].map((m) => (m[1] ?? m[2]) as string));
        const cls = names.size === 1 ? (([...names][0] as string).toUpperCase() as "A" | "H" | "B") : null;
        out.push({ at: at + line.indexOf(t[0] ?? ""), cls });
      }
      at += line.length + 1;
    }
    return out.sort((x, y) => x.at - y.at);
  }

  dateAt(pos: number): DateHit | undefined {
    return spanAt(this.dates, pos);
  }

  timeAt(pos: number): TimeHit | undefined {
    return spanAt(this.times, pos);
  }

  corrected(pos: number): boolean {
    if (pos > this.correctionAt) return true;
    const before = this.view.slice(Math.max(0, pos - 24), pos);
    const near = this.view.slice(Math.max(0, pos - 160), pos);
    // "改为 …", and an adjusted figure: "调整后每10股派0.159264元" replaces the plan's 0.16元.
    return (
      /(?:改为|更正为|(?:revised|amended|changed) to(?: the period)?(?: from)?|(?:提前|推迟|延期|延后|变更|调整)(?:至|为|到))\s*"?\s*$/.test(
        before,
      ) ||
      // "will be brought forward from 31 August 2020 to 21 August 2020": the new date.
      /(?:brought forward|postponed|deferred|changed|moved|rescheduled|revised|amended|advanced)\s+from\s+§+¶\s*to\s*$/.test(
        this.marked.slice(Math.max(0, pos - 140), pos),
      ) ||
      // An implementation on another base than the plan's: "本次利润分配方案按发行后总股本730,845,887股为基数实施:
      // …每10股派发现金红利0.096元" (上实发展 2008, after the plan's 0.12元 on the old base).
      /为基数实施\s*:[^。;§¶]*$/.test(near) ||
      // The figure on the base net of repurchased shares, the total kept: "…为基数进行权益分派,在本次派发现金股利总金额不变
      // 的前提下,向全体股东每10股派3.046793元" (东阿阿胶 2021, after the plan's 3元). Not a condition ("若…将按照…"),
      // nor the old figure of "由每股…35.6分,调整为每股32.61分" (中信银行 2023).
      (/总(?:金)?额(?:固定)?不变的?(?:前提下|原则下?|情况下)[^。;§¶由从]{0,40}$/.test(near) && !/(?:若|如果|如|倘)[^。;§¶]*$/.test(near)) ||
      /(?:调整后|调整为)(?:的)?\s*(?:每\s*(?:10|十)?\s*股\s*(?:派(?:发|送)?)?\s*(?:现金)?\s*(?:红利)?\s*(?:人民币)?\s*)?$/.test(before) ||
      // "实施时将调整为每10股送0.836股,派现金0.1元" (冠城大通 2007): new shares first, no other amount between.
      /(?:调整后|调整为)(?:的)?\s*每\s*(?:10|十)?\s*股[^。;§¶元]{0,20}$/.test(before)
    );
  }
}

/** The span holding pos, in a list sorted by start and not overlapping. */
function spanAt<T extends { start: number; end: number }>(list: T[], pos: number): T | undefined {
  let lo = 0;
  let hi = list.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const x = list[mid] as T;
    if (pos < x.start) hi = mid - 1;
    else if (pos >= x.end) lo = mid + 1;
    else return x;
  }
  return undefined;
}

type Cls = "A" | "H" | null;

/** A label's market: "H unless A" is H except in an A-share document. */
function marketOfLabel(label: RolePattern["label"], docClass: Cls): "A" | "H" | "either" {
  return label === "H unless A" ? (docClass === "A" ? "A" : "H") : label;
}

/** Which class a date sentence speaks about: its own words first, then the label, then the document. */
function classOf(doc: Doc, pos: number, given: RolePattern["label"], docClass: Cls, matchStart = pos): Cls | "B" {
  const label = marketOfLabel(given, docClass);
  // "B股股权登记日⏎2011年5月31日": the class written right before the label decides, whatever the label's market.
  const prefix = /(?:^|[^a-z])([abh])\s*股\s*$/.exec(doc.view.slice(Math.max(0, matchStart - 6), matchStart));
  if (prefix) return prefix[1] === "a" ? "A" : prefix[1] === "h" ? "H" : "B";
  const [s, e] = doc.around(pos);
  const sent = doc.view.slice(s, e);
  // The clause names one market: "… distributed on 19 June 2019 to the Shareholders whose names appear on the
  // register of members of A shares … on 18 June 2019 and will be distributed on 25 June 2019 to those … of H
  // shares … on 10 June 2019"; "A股现金股利预计于2026年1月12日派发 - H股现金股利预计于…".
  if (label === "either") {
    const clause = clauseAround(doc.view, pos, s, e);
    const ca = /(?:^|[^a-z])a\s*股|\ba[- ]shares?\b|\bof a shares\b/.test(clause);
    const ch = /(?:^|[^a-z])h\s*股|\bh[- ]shares?\b|\bof h shares\b/.test(clause);
    if (ca !== ch) return ca ? "A" : "H";
    // The sentence's subject names one market, the rest only who else is paid with it: "The dividend for holders of
    // A Shares, including … holders of H Shares through the Southbound Trading Link …, will be paid in RMB on …".
    const subject = SUBJECT_CLASS.exec(doc.view.slice(s, Math.min(e, s + 80)));
    if (subject) return subject[1] === "a" ? "A" : "H";
  }
  // Northbound investors (沪股通/深股通, "Northbound Trading") hold A shares.
  const a = /(?:^|[^a-z])a\s*股|\ba[- ]share|沪股通|深股通|northbound/.test(sent);
  const h = /(?:^|[^a-z])h\s*股|\bh[- ]share|港股通|hong kong|香港/.test(sent);
  const b = /(?:^|[^a-z])b\s*股|\bb[- ]share/.test(sent);
  if (b && !a && !h) return "B";
  // Under a heading "1.H股利润分配时间安排" the Mainland labels (股权登记日, 现金红利发放日) speak of H shares.
  if (label !== "H" && !a && !h) {
    const section = doc.sectionAt(pos);
    if (section) return section;
  }
  if (label !== "either") {
    if (b && !(label === "A" ? a : h)) return "B";
    // 股权登记日 beside 除净日 or a register closure, in a text that is no Mainland notice and names no A shares: a
    // Hong Kong digest using the Mainland word for the H record date (中国银行 2025).
    const words = doc.aWords;
    if (label === "A" && !a && HK_ONLY_WORDS.test(sent) && !words.aCode) return "H";
    // A Hong Kong text whose only Mainland words are the date labels themselves (a digest of an H-share notice:
    // "光大证券(6178.HK)…股权登记日为…"): the labels speak of the H shares.
    if (label === "A" && !a && docClass !== "A" && !words.aCode && !words.aBesidesLabels) return "H";
    return label;
  }
  if (a && !h) return "A";
  if (h && !a) return "H";
  return docClass;
}

/** A sentence that opens on one market's dividend or holders ("The dividend for holders of A Shares, …"). */
const SUBJECT_CLASS =
  /^\s*(?:the\s+)?(?:(?:final|interim|special|cash)\s+)?dividends?\s+(?:for|to|of|payable to|on)\s+(?:the\s+)?(?:holders of\s+)?([ah])[- ]share(?:s|holders)?\b/;

/** How A holders are paid, said in passing by a Hong Kong text ("A股股东以人民币收取"): no A-share term. */
const A_PAID_IN_RMB = /a\s*股股东(?:将)?以人民币(?:收取|支付|派发|发放)/g;
const A_BESIDES_LABELS = /权益分派|中国结算|上海证券交易所|深圳证券交易所|上交所|深交所|\ba[- ]shares?\b/;
const HK_ONLY_WORDS = /除净日|暂停办理[^。;§¶]{0,12}过户|记录日期|递交[^。;§¶]{0,12}过户文件/;

/**
 * The clause around pos within its sentence [s, e): cut at commas, semicolons, list dashes, "and will/shall/is" and
 * 及 before a dated 于 ("将于6月18日派发予名列于…A股股东名册及于6月24日派发予名列于…H股股东名册").
 */
function clauseAround(view: string, pos: number, s: number, e: number): string {
  const cut = /[,;。]|\s-\s|\band (?=will|shall|is|are|was|were)\b|及(?=将?于\s*[\d零〇一二])/g;
  let a = s;
  let b = e;
  for (const m of view.slice(s, e).matchAll(cut)) {
    const at = s + m.index;
    if (at < pos) a = at + m[0].length;
    else if (at >= pos) {
      b = at;
      break;
    }
  }
  return view.slice(a, b);
}

interface RolePattern {
  re: RegExp;
  /** Capture groups that hold dates, mapped to what they mean. */
  roles: ("record" | "ex" | "pay" | "closeFrom" | "closeTo" | "lodge" | "agm" | "lastCum")[];
  strength: number;
  /** "A"/"H": the label itself says the market (股权登记日 is Mainland vocabulary, 暂停办理过户 is Hong Kong's). */
  label: "A" | "H" | "either" | "H unless A";
}

const A_LABEL_RECORD = "(?:股权登记日|权益登记日)";
const A_LABEL_EX = "(?:除权除息日|除权\\s*\\(\\s*(?:除)?息\\s*\\)\\s*日|除息日|除权日)";
const A_LABEL_PAY = "(?:现金红利发放日|红利发放日|派息日|发放日)";
/** The copula between a label and its date; whitespace taken once after each optional part (no adjacent \s*: those
 * backtrack on a form's runs of spaces). */
const IS = '\\s*(?:"\\s*)?(?:(?:均将为|均为|将为|将是|为|是|改为|be|is|was|will be|shall be)\\s*)?(?::\\s*)?(?:on\\s+)?';

const ROLE_PATTERNS: RolePattern[] = [
  // Explicit labels: Hong Kong forms and English announcements.
  {
    re: new RegExp(`${D}\\s*\\(\\s*(?:the\\s+)?"?(?:h share )?record date"?\\s*\\)`, "dg"),
    roles: ["record"],
    strength: 3,
    label: "either",
  },
  { re: new RegExp(`record date${IS}${D}`, "dg"), roles: ["record"], strength: 3, label: "either" },
  { re: new RegExp(`记录日期${IS}${D}`, "dg"), roles: ["record"], strength: 3, label: "H" },
  // "于2024年6月12日(星期三)(记录日期)营业时间结束时名列…": the label in brackets after the date.
  {
    re: new RegExp(`${D}\\s*(?:\\([^()§¶]{0,8}\\)\\s*)?\\(\\s*"?记录日期"?\\s*\\)`, "dg"),
    roles: ["record"],
    strength: 3,
    label: "H",
  },
  { re: new RegExp(`ex-(?:entitlement|dividend|rights)\\s+date${IS}${D}`, "dg"), roles: ["ex"], strength: 3, label: "H" },
  {
    re: new RegExp(`${D}\\s*\\(\\s*(?:the\\s+)?"?ex-(?:entitlement|dividend) date"?\\s*\\)`, "dg"),
    roles: ["ex"],
    strength: 3,
    label: "H",
  },
  { re: new RegExp(`除净日${IS}${D}`, "dg"), roles: ["ex"], strength: 3, label: "H" },
  {
    re: new RegExp(`(?:last day of dealings?|last trading day)[^.;§¶]{0,60}?cum[^.;§¶]{0,40}?${IS}${D}`, "dg"),
    roles: ["lastCum"],
    strength: 3,
    label: "H",
  },
  {
    re: new RegExp(
      `(?:股息派发日|派息日|股息发放日|payment date|date of payment|date of distribution of the [a-z ]{0,20}dividend)${IS}${D}`,
      "dg",
    ),
    roles: ["pay"],
    strength: 3,
    label: "either",
  },
  { re: new RegExp(`股东批准日期${IS}${D}`, "dg"), roles: ["agm"], strength: 3, label: "either" },
  // Mainland labels.
  { re: new RegExp(`${A_LABEL_RECORD}\\s*(?:\\(\\s*即\\s*)?${IS}${D}`, "dg"), roles: ["record"], strength: 3, label: "A" },
  { re: new RegExp(`${D}\\s*\\(\\s*${A_LABEL_RECORD}\\s*\\)`, "dg"), roles: ["record"], strength: 3, label: "A" },
  { re: new RegExp(`${A_LABEL_EX}${IS}${D}`, "dg"), roles: ["ex"], strength: 3, label: "A" },
  { re: new RegExp(`${A_LABEL_EX}\\s*(?:和|及|与|、)\\s*${A_LABEL_PAY}${IS}${D}`, "dg"), roles: ["ex"], strength: 3, label: "A" },
  { re: new RegExp(`${A_LABEL_EX}\\s*(?:和|及|与|、)\\s*(?:${A_LABEL_PAY})${IS}${D}`, "dg"), roles: ["pay"], strength: 3, label: "A" },
  { re: new RegExp(`${A_LABEL_PAY}${IS}${D}`, "dg"), roles: ["pay"], strength: 3, label: "A" },
  // Any word for the cash (现金红利, 股息, 现金股利, 红利, 分红款) paid through the clearing house's accounts.
  {
    re: new RegExp(
      `(?:现金红利|现金股利|现金股息|股息|红利|股利|分红款|分红)(?:款)?将?(?:由[^。;§¶\\d]{1,30}?)?(?:于|在)?\\s*${D}\\s*(?:通过|直接划入|划入|划付|到账)`,
      "dg",
    ),
    roles: ["pay"],
    strength: 2,
    label: "A",
  },
  // Sentences: who is on the register when.
  {
    re: new RegExp(
      `(?:at the close of business on|names? (?:appear|appears|appeared|appearing|are|is) (?:on|in) the [^.;§¶]{0,120}?\\bon|(?:shareholders|holders|members)\\s+(?:recorded|registered|included|listed)\\s+(?:on|in)\\s+the\\s+[^.;§¶]{0,80}?\\bregister\\s+(?:of members\\s+)?on)\\s+${D}`,
      "dg",
    ),
    roles: ["record"],
    strength: 2,
    label: "either",
  },
  {
    re: new RegExp(
      `(?:于|在)?\\s*${D}\\s*(?:(?:当日|下午[^。;§¶]{0,20}收市后|营业(?:时间)?结束时|办公时间结束时|收市时)\\s*)?(?:名列|登记在|登记于)[^。;§¶]{0,30}?(?:股东名册|登记在册)`,
      "dg",
    ),
    roles: ["record"],
    strength: 2,
    label: "either",
  },
  {
    re: new RegExp(`名列(?:于|在)\\s*(?:本?公司\\s*)?${D}\\s*(?:的\\s*)?(?:本?公司\\s*)?(?:[ah]\\s*股\\s*)?股东名册`, "dg"),
    roles: ["record"],
    strength: 2,
    label: "either",
  },
  {
    re: new RegExp(
      `截至\\s*${D}\\s*(?:\\([^()§¶]{0,6}\\)\\s*)?(?:${T}|下午)?[^。;§¶]{0,24}?收市后\\s*,?\\s*(?:在[^。;§¶]{0,40}?)?登记在册`,
      "dg",
    ),
    roles: ["record"],
    strength: 2,
    label: "either",
  },
  // "中国石化H股股东的登记过户手续将于2007年6月11日(星期一)至2007年6月15日(星期五)(首尾两天包括在内)暂停"
  {
    re: new RegExp(`过户[^。;§¶]{0,20}?将?于\\s*${D}\\s*(?:至|到|-)\\s*${D}[^。;§¶]{0,30}?暂停`, "dg"),
    roles: ["closeFrom", "closeTo"],
    strength: 3,
    label: "H",
  },
  // "派付末期股息的日期,将由2016年8月31日更改为2016年7月15日": the payment date moved (the second is the corrected one).
  {
    re: new RegExp(
      `(?:派付|派发|支付|发放)[^。;§¶]{0,12}?(?:日期|日)\\s*,?\\s*将?由\\s*${D}\\s*(?:更改|改|变更|调整|提前|推迟|延期|延后)(?:为|至|到)\\s*${D}`,
      "dg",
    ),
    roles: ["pay", "pay"],
    strength: 3,
    label: "either",
  },
  // "早于H股股东9月28日发放特别分红的日期", "A股股东的股息将于…发放": the holders named, then the day they are paid.
  {
    re: new RegExp(`(?:^|[^a-z])[ah]\\s*股股东[^。;,§¶\\d]{0,8}?(?:将?于)?\\s*${D}\\s*(?:派发|发放|派付|支付)`, "dg"),
    roles: ["pay"],
    strength: 2,
    label: "either",
  },
  {
    re: new RegExp(`${D}\\s*(?:\\([^()§¶]{0,6}\\)\\s*)?(?:记录日期|股权登记日)\\s*(?:当日\\s*)?(?:名列|登记在)`, "dg"),
    roles: ["record"],
    strength: 2,
    label: "either",
  },
  {
    re: new RegExp(`(?:已|将)?于\\s*${D}\\s*就[^。;]{0,60}?(?:派付|派发|支付|发放)`, "dg"),
    roles: ["pay"],
    strength: 2,
    label: "either",
  },
  // "H股买卖附现金股息权利最后期限为2025年9月24日,扣除权利首日为9月25日": the last day cum and the first day ex.
  {
    re: new RegExp(`附[^。;§¶]{0,12}?权利[^。;§¶]{0,4}?最后(?:期限|日期|一日|交易日)${IS}${D}`, "dg"),
    roles: ["lastCum"],
    strength: 3,
    label: "H",
  },
  {
    re: new RegExp(`(?:扣除|除)权利(?:的)?首日${IS}${D}`, "dg"),
    roles: ["ex"],
    strength: 3,
    label: "H",
  },
  // "將於2024年9月27日確定H股股東記錄日期", "以2024年6月12日为H股股东记录日期": the label after the date and a verb.
  {
    re: new RegExp(`${D}\\s*(?:确定|为|作为)\\s*(?:h\\s*股\\s*)?(?:股东\\s*)?(?:的\\s*)?(?:记录日期|记录日)`, "dg"),
    roles: ["record"],
    strength: 2,
    label: "H",
  },
  // Payment.
  {
    re: new RegExp(
      `(?<!(?:together with|in addition to)${GAP}{0,80})(?:paid|payable|pay|distributed|distribute)(?!${GAP}{0,120}?(?:post|despatch|dispatch|mail|cheque|warrant))(?:(?!general meeting|\\bagm\\b|\\begm\\b)${GAP}){0,120}?(?:on\\s+or\\s+(?:about|before|around)|on|by)\\s+${D}`,
      "dg",
    ),
    roles: ["pay"],
    strength: 1,
    label: "either",
  },
  {
    re: new RegExp(
      `dividends?"?\\)?(?!${GAP}{0,120}?(?:post|despatch|dispatch|mail|cheque|warrant))${GAP}{0,120}?(?:on\\s+or\\s+(?:about|before|around))\\s+${D}`,
      "dg",
    ),
    roles: ["pay"],
    strength: 1,
    label: "either",
  },
  {
    re: new RegExp(
      `(?:将?于|(?:将?(?:预期|预计)|将)\\s*(?:于|在))\\s*${D}\\s*(?:(?:或(?:之)?前后|或之前|或相近日子|前后)\\s*)?(?:以(?:现金|港元|港币|人民币)(?:方式)?\\s*)?(?:向|派付|派发|支付|发放)(?!.{0,6}寄)`,
      "dg",
    ),
    roles: ["pay"],
    strength: 2,
    label: "either",
  },
  // Book closure (a range).
  {
    re: new RegExp(
      `(?:closed|closure|close|(?:registration|transfers?) (?:of shares )?(?:will be |is |are |shall be )?suspended|\\bsuspend(?:s|ed|ing)? (?:the )?(?:handling|registration|processing) of [^.;§¶]{0,30}?transfers?)[^.;§¶]{0,160}?(?:from|between|since)\\s+${D}\\s*,?\\s*(?:to|until|till|through|and)\\s+${D}`,
      "dg",
    ),
    roles: ["closeFrom", "closeTo"],
    strength: 3,
    label: "H",
  },
  {
    re: new RegExp(
      `暂停(?:办理|\\s*(?:h\\s*股\\s*)?(?:股份\\s*)?过户)[^。;§¶]{0,30}?(?:日期|期间)?"?\\s*(?:(?:改为|为|:|由|自|从|于)\\s*)?${D}\\s*(?:至|到|-)\\s*${D}`,
      "dg",
    ),
    roles: ["closeFrom", "closeTo"],
    strength: 3,
    label: "H",
  },
  {
    re: new RegExp(
      `${D}\\s*(?:至|到|-)\\s*${D}\\s*(?:\\([^()§¶]{0,20}\\)\\s*)?(?:\\([^()§¶]{0,20}\\)\\s*)?(?:期间\\s*)?(?:暂停办理|暂停股份过户|暂停\\s*h\\s*股\\s*(?:股份\\s*)?过户)`,
      "dg",
    ),
    roles: ["closeFrom", "closeTo"],
    strength: 3,
    label: "H",
  },
  // Timetables of HKEX announcements: "Book closure period ........ Tuesday, 11 June 2024 to Friday, 14 June 2024",
  // "Closure of register of members for …: 11 June 2024 to 14 June 2024" (dot leaders, qualifiers, no "from").
  {
    re: new RegExp(
      `(?:book clos(?:e|ure)(?: dates?| period)?|closure of (?:the )?(?:h share )?register of (?:members|(?:h )?shareholders)|register of members will be closed)[^;§¶¤¦]{0,120}?${D}\\s*,?\\s*(?:to|-|until|till|and|至)\\s*${D}`,
      "dg",
    ),
    roles: ["closeFrom", "closeTo"],
    strength: 3,
    label: "H",
  },
  {
    re: new RegExp(`book clos(?:e|ure) dates?[^.;§¶]{0,40}?:?\\s*${D}\\s*(?:to|-|until)\\s*${D}`, "dg"),
    roles: ["closeFrom", "closeTo"],
    strength: 3,
    label: "H",
  },
  { re: new RegExp(`(?:shareholders|members) registered (?:on|as at)\\s+${D}`, "dg"), roles: ["record"], strength: 2, label: "either" },
  // Lodgement deadline: a time next to a date.
  {
    re: new RegExp(
      `latest time (?:to|for) lodg[a-z]*[^;§¶¤¦]{0,100}?(?:${D}\\s*,?\\s*(?:[a-z]+day\\s*)?(?:at\\s+)?${T}|${T}\\s*(?:\\(hong kong time\\)\\s*)?(?:on\\s*)?${D})`,
      "dg",
    ),
    roles: ["lodge", "lodge"],
    strength: 3,
    label: "H",
  },
  {
    re: new RegExp(
      `(?:lodge|lodged|lodging|lodgement|transfer)[^;§¶]{0,480}?(?:not later than|no later than|on or before|before|by)\\s+${T}\\s*(?:\\(hong kong time\\)\\s*)?(?:on\\s+)?${D}`,
      "dg",
    ),
    roles: ["lodge"],
    strength: 3,
    label: "H",
  },
  {
    re: new RegExp(
      `(?:lodge|lodged|lodging|lodgement)[^;§¶]{0,480}?(?:not later than|no later than|on or before|before|by)\\s+${D}\\s*(?:at\\s+)?${T}`,
      "dg",
    ),
    roles: ["lodge"],
    strength: 3,
    label: "H",
  },
  {
    re: new RegExp(
      `\\bcut-?off(?: time| date)?\\s+for\\s+(?:share\\s+)?transfers?[a-z ]{0,30}?(?:being|is|:)?\\s*${T}\\s*(?:on\\s+)?${D}`,
      "dg",
    ),
    roles: ["lodge"],
    strength: 3,
    label: "H",
  },
  {
    // 最后时限 / 截止时间 / 最后时间 / 截止时限 / 最后期限: one label, any of its words; never the deadline of a
    // currency election ("选择权截止时限", HTSC 2025).
    re: new RegExp(
      `(?<!选择权|选择|election\\s?|权利)(?:最后|截止)(?:[^。;§¶]{0,12}?(?:过户|递交)[^。;§¶]{0,8}?)?(?:时限|时间|期限)[^。;§¶]{0,12}?${IS}${D}\\s*${T}?`,
      "dg",
    ),
    roles: ["lodge"],
    strength: 3,
    label: "H",
  },
  {
    re: new RegExp(`(?:须|应|最迟应?|最迟须|不迟于)\\s*(?:(?:于|在)\\s*)?(?:不迟于\\s*)?${D}\\s*${T}\\s*(?:或之前|之前|前)`, "dg"),
    roles: ["lodge"],
    strength: 3,
    label: "H",
  },
  // "须于2024年6月12日前送交…": a deadline written without a time (§3.4 reads a date as 4:30 p.m.). Weaker than the
  // timed form, and only when no time word stands between the date and 前: an unreadable time is not guessed.
  {
    re: new RegExp(
      `(?:须|应|最迟应?|最迟须|不迟于)\\s*(?:(?:于|在)\\s*)?${D}\\s*(?:或之前|之前|前)\\s*(?:将[^。;§¶]{0,30}?)?(?:送交|递交|送达|交回|送往|提交)`,
      "dg",
    ),
    roles: ["lodge"],
    strength: 2,
    label: "H",
  },
  { re: new RegExp(`"?为符合[^。;§¶"]{0,20}递交股份过户"?\\s*改为\\s*${D}`, "dg"), roles: ["lodge"], strength: 3, label: "H" },
  // "Shareholders must lodge transfer documents by 12 June 2024": a date without a time (read as 4:30 p.m.). Not
  // "before 12 June" (which may mean the day before), and never a date with a time after it (read above).
  {
    re: new RegExp(
      `\\b(?:lodge|lodged|lodging)\\b[^.;§¶¤¦]{0,200}?(?:not later than|no later than|on or before|by)\\s+${D}(?!\\s*,?\\s*(?:[a-z]+day\\s*)?(?:at\\s+)?${TIME_MARK})`,
      "dg",
    ),
    roles: ["lodge"],
    strength: 2,
    label: "H",
  },
  // The meeting that approved the plan.
  {
    re: new RegExp(
      `(?:于|将于|拟在|将在|在)\\s*${D}\\s*(?:\\([^()§¶]{0,6}\\)\\s*)?(?:在[^。;,§¶]{1,40}?)?(?:举行|召开了?)[之的]?\\s*(?:本公司)?[^。;§¶]{0,16}?股东(?:周年|特别|临时)?(?:大)?会`,
      "dg",
    ),
    roles: ["agm"],
    strength: 2,
    label: "either",
  },
  // "经2023年度股东大会于2024年5月22日审议通过": the meeting named, then its date.
  {
    re: new RegExp(
      `股东\\s*(?:(?:周年|特别|临时)\\s*)?(?:[大年]\\s*)?会\\s*(?:已\\s*)?于\\s*${D}\\s*(?:审议\\s*(?:并\\s*)?通过|批准|通过)`,
      "dg",
    ),
    roles: ["agm"],
    strength: 2,
    label: "either",
  },
  // "股东于临时股东大会上(2016年11月1日)以普通决议案方式通过", "股东周年大会(将于2019年5月14日举行)": the date in a
  // bracket after the meeting.
  {
    re: new RegExp(`股东(?:周年|特别|临时)?(?:大)?会(?:上)?\\s*\\(\\s*(?:(?:将|已)?于\\s*)?${D}\\s*(?:(?:举行|召开)\\s*)?\\)`, "dg"),
    roles: ["agm"],
    strength: 2,
    label: "either",
  },
  // "held an extraordinary general meeting (the "EGM") at 3:00 p.m. on Thursday, October 17, 2013".
  {
    re: new RegExp(
      `\\bheld\\s+(?:an?|the|its)\\s+(?:\\d{4}\\s+)?(?:annual|extraordinary|special)?\\s*general\\s+meeting[^.;§¶]{0,60}?\\bon\\s+${D}`,
      "dg",
    ),
    roles: ["agm"],
    strength: 2,
    label: "either",
  },
  // "with shareholder approval received on June 25, 2024"; "due to the change of the date of the AGM to 23 June 2015".
  {
    re: new RegExp(
      `\\bshareholders?['’]?\\s+approval\\s+(?:was\\s+|is\\s+)?(?:received\\s+on|obtained\\s+on|given\\s+on|granted\\s+on|set\\s+for|scheduled\\s+for|on)\\s+${D}|\\bshareholders\\s+(?:are\\s+(?:scheduled|expected|due)\\s+to|will)\\s+approve\\b[^.;§¶]{0,60}?\\bon\\s+${D}|\\b(?:change|postponement)\\s+of\\s+the\\s+(?:date\\s+of\\s+the\\s+)?(?:agm|egm|annual general meeting|extraordinary general meeting)\\s+to\\s+${D}`,
      "dg",
    ),
    roles: ["agm", "agm", "agm"],
    strength: 2,
    label: "either",
  },
  // "2025年5月23日召开了股东周年大会": a meeting told as done.
  {
    re: new RegExp(`${D}\\s*召开了\\s*(?:本公司)?[^。;§¶]{0,16}?股东(?:周年|特别|临时)?(?:大)?会`, "dg"),
    roles: ["agm"],
    strength: 2,
    label: "either",
  },
  // "the existing H Shares are expected to be dealt in on an ex-entitlements basis from Monday, 10 June 2013".
  {
    re: new RegExp(
      `\\bdealt\\s+in\\s+on\\s+an\\s+ex-(?:entitlements?|dividends?|rights)\\s+basis\\s+(?:from|on|with effect from)\\s+${D}`,
      "dg",
    ),
    roles: ["ex"],
    strength: 2,
    label: "H",
  },
  // "approved by the shareholders … at the 2016 annual general meeting of the Company on 30 June 2017".
  {
    re: new RegExp(
      `\\bat\\s+(?:the|its)\\s+(?:\\d{4}\\s+)?(?:annual|extraordinary)\\s+general\\s+meeting(?:\\s+of\\s+the\\s+company)?\\s+(?:held\\s+)?on\\s+${D}`,
      "dg",
    ),
    roles: ["agm"],
    strength: 2,
    label: "either",
  },
  // "subject to approval at the upcoming annual general meeting on May 15, 2025".
  {
    re: new RegExp(
      `\\b(?:upcoming|forthcoming|coming|next)\\s+(?:\\d{4}\\s+)?(?:annual|extraordinary)\\s+general\\s+meeting\\s+(?:\\(the\\s+"?(?:agm|egm)"?\\)\\s+)?(?:to be held\\s+|scheduled\\s+)?(?:on|for)\\s+${D}`,
      "dg",
    ),
    roles: ["agm"],
    strength: 2,
    label: "either",
  },
  // "the ESM is scheduled for 12 December 2025 at 9:30 a.m.": the meeting to come.
  {
    re: new RegExp(
      `(?:\\bagm\\b|\\begm\\b|\\besm\\b|annual general meeting|extraordinary (?:general|shareholders['’]?) meeting)"?\\)?\\s+(?:is|will be)\\s+(?:scheduled|to be held|held|convened)\\s+(?:for|on)\\s+${D}`,
      "dg",
    ),
    roles: ["agm"],
    strength: 2,
    label: "either",
  },
  // "payment scheduled for January 15, 2025".
  {
    re: new RegExp(`\\bpayment\\s+(?:is\\s+|has been\\s+|will be\\s+)?(?:scheduled|set|expected|fixed)\\s+(?:for|on|as)\\s+${D}`, "dg"),
    roles: ["pay"],
    strength: 2,
    label: "either",
  },
  {
    re: new RegExp(
      `\\bon\\s+${D}(?:\\s*,)?\\s+(?=\\S)[^.;§¶]{0,80}?\\bheld\\s+(?:an?|the|its)\\s+[^.;§¶]{0,40}?(?:general|shareholders['’]?)\\s+meeting`,
      "dg",
    ),
    roles: ["agm"],
    strength: 2,
    label: "either",
  },
  // "shareholders approved a dividend of RMB 0.055 per share on 28 October 2025": the day they approved it.
  {
    re: new RegExp(`\\bshareholders\\s+(?:have\\s+|has\\s+)?approved\\b(?:[^.;§¶]|\\.(?=\\d)){0,100}?\\bon\\s+${D}`, "dg"),
    roles: ["agm"],
    strength: 1,
    label: "either",
  },
  {
    re: new RegExp(`(?:annual general meeting|\\bagm\\b)[^.;§¶]{0,20}?to be held on\\s+${D}`, "dg"),
    roles: ["agm"],
    strength: 2,
    label: "either",
  },
  // A notice of the meeting: "the 2017 Annual General Meeting (the "AGM") of the shareholders of <name> (the
  // "Company") will be held at 2:30 p.m. on Monday, 25 June 2018 at <address>" (the name and definitions between).
  {
    re: new RegExp(
      `(?:(?:annual|extraordinary) general meeting|\\bagm\\b|\\begm\\b)${GAP}{0,160}?\\b(?:(?:will|shall|is to) be|to be) (?:held|convened)(?:\\s+at\\s+${TIME_MARK}{0,40}${TIME_END})?(?:\\s+at\\s+[^.;§¶¤¦]{1,120}?)?\\s+on\\s+${D}`,
      "dg",
    ),
    roles: ["agm"],
    strength: 2,
    label: "either",
  },
  {
    re: new RegExp(
      `(?:annual general meeting|general meeting|shareholders['’]? meeting|\\bagm\\b|\\begm\\b|class meetings?)(?:\\s+of\\s+the\\s+company)?(?:\\s+for\\s+the\\s+(?:financial\\s+)?(?:year|period|six months)\\s+end(?:ed|ing)\\s+${DATE_MARK}{0,80}${DATE_END})?[^.;§¶]{0,40}?(?:held|convened)(?:\\s+at\\s+[^.;§¶¤¦]{1,120}?)?\\s+on\\s+${D}`,
      "dg",
    ),
    roles: ["agm"],
    strength: 2,
    label: "either",
  },
  {
    re: new RegExp(
      `(?:annual general meeting|\\bagm\\b|class meetings?|meetings")[^;§¶]{0,40}?(?:have been|has been|was|were) held[^;§¶]{0,260}?\\bon\\s+${D}`,
      "dg",
    ),
    roles: ["agm"],
    strength: 2,
    label: "either",
  },
  {
    re: new RegExp(
      `${D}\\s*\\(\\s*(?:即|i\\.e\\.)\\s*(?:the date of the (?:agm|annual general meeting)|举行股东(?:周年|特别|临时)?(?:大)?会之日|股东(?:周年|特别|临时)?(?:大)?会(?:举行)?(?:之)?日(?:期)?)\\s*\\)`,
      "dg",
    ),
    roles: ["agm"],
    strength: 3,
    label: "either",
  },
  // Whitespace is matched by one quantifier at a time (each optional word takes the spaces after it): a form's runs of
  // spaces after a date made the adjacent \s* quantifiers backtrack for 300 ms on one 1,730-character text.
  {
    re: new RegExp(
      `(?:于|经|已获|获)?\\s*${D}\\s*(?:(?:召开了?的?|举行的|的)\\s*)?(?:,\\s*)?(?:(?:本公司|公司)\\s*)?(?=\\S)[^。;§¶]{0,45}?股东\\s*(?:(?:周年|特别|临时)\\s*)?(?:[大年]\\s*)?会(?:\\([^()]{0,25}\\))?(?:\\s*(?:、|和|及|与)[^。;§¶、]{0,30}?类别股东\\s*(?:大\\s*)?会){0,3}\\s*(?:,\\s*)?(?:上\\s*)?(?:获股东)?(?:审\\s*议\\s*(?:并\\s*(?:表\\s*决\\s*)?)?(?:通\\s*过|批\\s*准)|决\\s*议\\s*通\\s*过|批\\s*准|通\\s*过)`,
      "dg",
    ),
    roles: ["agm"],
    strength: 2,
    label: "either",
  },
];

type Role = RolePattern["roles"][number];

/**
 * The label lexicon: every way the fixtures (and the forms they stand for) name a date, per role and market.
 * One tolerant matcher reads "label … date" for all of them (labelClaims), so a new connector or bracket
 * after a known label needs no new rule. Longer labels first: "除权除息日" before "除息日".
 */
const LABEL_LEXICON: { role: Role; label: RolePattern["label"]; re: string }[] = [
  { role: "record", label: "A", re: "(?:a\\s*股\\s*)?(?:股权登记日|权益登记日)(?:期)?" },
  { role: "record", label: "H", re: "(?:h\\s*股\\s*)?(?:股息|股东|末期股息|中期股息)?记录日(?:期)?" },
  { role: "record", label: "either", re: "(?:h share |a share )?record date|registration date|share registration date" },
  {
    role: "ex",
    label: "A",
    re: "除权除息日|除\\s*权\\s*\\(\\s*除?\\s*息\\s*\\)\\s*日|除息\\s*\\(\\s*权\\s*\\)\\s*日|除息交易日|除\\s*息\\s*日|除\\s*权\\s*日",
  },
  { role: "ex", label: "H", re: "除净日|ex-entitlement\\s+date" },
  // Hong Kong's words, except in an A-share notice's English digest ("for its A shares … Ex-dividend date: July 17").
  { role: "ex", label: "H unless A", re: "ex-(?:dividend|rights)\\s+date|ex-date" },
  { role: "ex", label: "either", re: "ex-rights\\s*\\(\\s*ex-dividend\\s*\\)\\s*date" },
  {
    role: "pay",
    label: "A",
    re: "现金红利发放日|现金红利到(?:账|帐)日|红利发放日|红利到(?:账|帐)日|派息日|发放日",
  },
  {
    role: "pay",
    label: "either",
    re: "(?:派付|派发|支付|发放)(?:末期|中期|特别|末期特别)?(?:股息|红利|股利)(?:的)?日期|(?:现金)?(?:股利|红利)(?:派发|发放|派付|支付)日(?:期)?|股息派发日(?:期)?|股息派付日(?:期)?|股息支付日(?:期)?|股息发放日(?:期)?|派付日期|派发日期|支付日期|(?:dividend |expected )?payment date|date of payment|dividend distribution(?: date)?|派息时间|派息日期",
  },
  // The HKEX dividend form: 股东批准日期 / "Date of shareholders' approval".
  { role: "agm", label: "either", re: "股东批准日期|date of shareholders?['’]?\\s*approval|shareholders?['’]?\\s*approval date" },
];
const ANY_LABEL = LABEL_LEXICON.map((l) => l.re).join("|");
/** A Chinese label of the lexicon with its colon at i ("股权登记日:", "A股除权除息日:"): an item of a form. */
const CHINESE_LABELS = LABEL_LEXICON.filter((l) => HAN.test(l.re))
  .map((l) => l.re)
  .join("|");
const LABEL_COLON = new RegExp(`(?:[abh]\\s*股\\s*)?(?:${CHINESE_LABELS})\\s*:`, "y");
function labelWithColonAt(v: string, i: number): boolean {
  LABEL_COLON.lastIndex = i;
  return LABEL_COLON.test(v);
}
const LABEL_ONLY = LABEL_LEXICON.map((l) => ({ ...l, whole: new RegExp(`^(?:${l.re})$`) }));
/** What may stand between a label and its date: spaces and line breaks, ":", quotes, "|", a bracket of a few
 * characters ("(A股)", "(如适用)"), and a copula (为, 均为, 将为, 定为, is, will be). Nothing else: no other words,
 * no other date. */
const LABEL_GAP = `(?:\\s*\\(\\s*(?:([abh])\\s*)?股?[^()§¶¤¦]{0,10}\\)|\\s*\\(\\s*to determine\\b[^()§¶¤¦]{1,120}\\)|\\s*\\(\\s*(?:the\\s+)?"[^"()§¶¤¦]{1,30}"\\s*\\))?((?:\\s+(?:for|of)\\s+[a-z' -]{1,60}?(?:\\s*\\(\\s*to determine\\b[^()§¶¤¦]{1,120}\\))?|\\s*,\\s*(?:when|which|being)\\b[^,;.§¶]{1,80},)?)[\\s"':,|.…·_]{0,120}(?:均将为|均将是|均为|均是|将为|拟为|定为|定于|定在|确定为|预计为|则为|为|是|is expected to be|(?:(?:is|has been|will be|was)\\s+)?(?:set|fixed|scheduled) (?:as|for|on|to be)|will be|shall be|would be|is|was|be|of)?[\\s"':,|]{0,8}(?:on\\s+)?`;
/** Dates that are no term but share a label's date: "除权除息日及新增股份上市日为7月29日". */
const JOINED_DATE_WORDS = "新增(?:无限售条件)?(?:可)?流通股份上市(?:流通)?日|新增股份上市日|红股上市日|转增股份上市日|最后交易日";
const LABEL_RE = new RegExp(
  `(${ANY_LABEL})((?:\\s*(?:和|及|与|、|/|&|and)\\s*(?:${ANY_LABEL}|${JOINED_DATE_WORDS})){0,2})${LABEL_GAP}(?:\\(\\s*)?(${DATE_MARK}{0,80}${DATE_END})`,
  "dg",
);
const LABEL_AFTER_RE = new RegExp(
  `(${DATE_MARK}{0,80}${DATE_END})\\s*(?:\\([^()§¶]{0,8}\\)\\s*)?\\(\\s*(?:即|the\\s+)?"?(${ANY_LABEL})"?\\s*\\)`,
  "dg",
);
const ANY_LABEL_G = new RegExp(ANY_LABEL, "g");
/** "the date of payment of the final dividend … will be brought forward from 31 August 2020 to 21 August 2020". */
const CHANGE_RE = new RegExp(
  `(${ANY_LABEL})[^.;。]{0,200}?(?:brought forward|postponed|deferred|changed|moved|rescheduled|revised|amended|advanced)\\s+from\\s+${DATE_MARK}{0,80}${DATE_END}\\s*to\\s+(${DATE_MARK}{0,80}${DATE_END})`,
  "dg",
);
const HEADER_BEFORE = new RegExp(`(?:${ANY_LABEL}|股份类别|最后交易日)[\\s|]*$`);

/** "label … date" for every label of the lexicon (and "date (label)"): each label in "除权(息)日及现金红利发放日均为"
 * gets the date. A label that follows another label on its line is a table header, not a label of the next date. */
function labelClaims(
  doc: Doc,
): { role: Role; label: RolePattern["label"]; date: number; matchStart: number; matchEnd: number; cls?: "A" | "H" | "B" }[] {
  const out: { role: Role; label: RolePattern["label"]; date: number; matchStart: number; matchEnd: number; cls?: "A" | "H" | "B" }[] = [];
  const entryOf = (word: string) => LABEL_ONLY.find((l) => l.whole.test(word.replace(/^[\s]+|[\s]+$/g, "")));
  for (const m of doc.marked.matchAll(LABEL_RE)) {
    const idx = m.indices;
    if (!idx) continue;
    const dateSpan = idx[5] as [number, number];
    // "Record date for attending the AGM": a qualifier about the meeting is not the dividend's.
    if (/meeting|\bagm\b|\begm\b|attend|vot/.test(m[4] ?? "")) continue;
    const before = doc.marked.slice(Math.max(0, m.index - 24), m.index);
    const header = HEADER_BEFORE.exec(before.slice(before.lastIndexOf("\n") + 1));
    // "● 股权登记日 | 股权登记日 | 2011年6月8日 |" (a caption, then a one-row table, on one line once its lines are
    // joined): the same label twice is no header of two columns.
    if (header && header[0].replace(/[\s|]+$/, "") !== (m[1] as string).trim()) continue;
    const hit = doc.dateAt(dateSpan[0]);
    if (!hit) continue;
    const words = `${m[1]}${m[2] ?? ""}`.match(ANY_LABEL_G) ?? [];
    const bracket = m[3];
    const cls = bracket === "a" ? "A" : bracket === "h" ? "H" : bracket === "b" ? "B" : undefined;
    for (const w of words) {
      const e = entryOf(w);
      if (e) out.push({ role: e.role, label: e.label, date: hit.start, matchStart: m.index, matchEnd: dateSpan[1], cls });
    }
  }
  for (const m of doc.marked.matchAll(CHANGE_RE)) {
    const span = m.indices?.[2];
    if (!span) continue;
    const hit = doc.dateAt(span[0]);
    const e = entryOf(m[1] as string);
    if (hit && e) out.push({ role: e.role, label: e.label, date: hit.start, matchStart: m.index, matchEnd: m.index + m[0].length });
  }
  for (const m of doc.marked.matchAll(LABEL_AFTER_RE)) {
    const idx = m.indices;
    if (!idx) continue;
    const hit = doc.dateAt((idx[1] as [number, number])[0]);
    const e = entryOf(m[2] as string);
    if (hit && e) out.push({ role: e.role, label: e.label, date: hit.start, matchStart: m.index, matchEnd: m.index + m[0].length });
  }
  return out;
}

const A_SIGNAL = /权益分派|股权登记日|除权除息日|除权\s*\(\s*息\s*\)\s*日|中国结算|上海证券交易所收市|深圳证券交易所|上交所|深交所/;
/** A Mainland notice's heading: "证券代码:002109 证券简称:…" (HKEX announcements say 股份代号). */
const A_CODE = /证券代码|股票代码/;
const H_SIGNAL =
  /(?:^|[^a-z])h\s*股|\bh[- ]shares?|港元|港币|hk\$|hkd|股东名册|register of (?:h )?(?:members|shareholders)|hong kong|\bhk:\s*\d{3,5}\b|\b\d{4,5}\.hk\b|股份代号|stock code/;

/** A title about the A shares only: "Announcement on the Implementation of 2011 Profit Distribution for A Shares". */
const A_TITLE =
  /(?:implementation of\s+[^.]{0,60}?(?:profit|dividend) distribution for a shares|a股[^\n。]{0,20}(?:权益分派|利润分配|分红派息)实施公告)/;

/** A Mainland notice of an A+H issuer that says it is for the A shares only: "H 股股东的权益分派不适用于本公告",
 * "本次实施的权益分派方案面向持有公司 A 股的全体股东" (丽珠 2025, 中联重科 2023). */
const A_ONLY =
  /h\s*股(?:股东)?的?(?:权益分派|利润分配|分红派息|股息派发|股息)[^。;]{0,12}不适用(?:于)?本公告|本公告不适用于\s*h\s*股|(?:面向|仅适用于|适用于)(?:持有)?(?:本?公司)?\s*a\s*股(?:的)?(?:全体)?股东/;

function docClassOf(view: string): Cls {
  if (A_TITLE.test(view.slice(0, 1500))) return "A";
  if (A_CODE.test(view) && A_ONLY.test(view)) return "A";
  const a = A_SIGNAL.test(view) || A_CODE.test(view);
  const h = H_SIGNAL.test(view);
  if (a && !h) return "A";
  if (h && !a) return "H";
  return null;
}

const ROLE_TERM: Record<string, { A?: TermName; H?: TermName }> = {
  record: { A: "aRecord", H: "hRecord" },
  ex: { A: "aEx", H: "hEx" },
  pay: { A: "aPay", H: "hPay" },
  closeFrom: { H: "hCloseFrom" },
  closeTo: { H: "hCloseTo" },
  lodge: { H: "hLodge" },
  lastCum: { H: "hLastCum" },
};

function dateCandidates(doc: Doc, docClass: Cls, headers: [number, number][] = []): Candidate[] {
  const inHeader = (pos: number) => headers.some(([a, b]) => pos >= a && pos < b);
  interface Claim {
    role: RolePattern["roles"][number];
    strength: number;
    label: RolePattern["label"];
    start: number;
    matchStart: number;
    matchEnd: number;
    time?: string;
    cls?: "A" | "H" | "B";
  }
  const claims = new Map<number, Claim[]>();
  for (const c of labelClaims(doc)) {
    if (inHeader(c.matchStart)) continue;
    const list = claims.get(c.date) ?? [];
    list.push({ role: c.role, strength: 3, label: c.label, start: c.date, matchStart: c.matchStart, matchEnd: c.matchEnd, cls: c.cls });
    claims.set(c.date, list);
  }
  for (const p of ROLE_PATTERNS) {
    p.re.lastIndex = 0;
    for (let m = p.re.exec(doc.marked); m; m = p.re.exec(doc.marked)) {
      const idx = m.indices;
      if (!idx) continue;
      let dateGroup = 0;
      let time: string | undefined;
      for (let g = 1; g < m.length; g++) {
        const span = idx[g];
        if (!span) continue;
        if (isTime(doc.marked[span[0]])) time = doc.timeAt(span[0])?.hhmm;
      }
      for (let g = 1; g < m.length; g++) {
        const span = idx[g];
        if (!span || !isDate(doc.marked[span[0]])) continue;
        const role = p.roles[dateGroup++];
        if (!role) continue;
        // A § run can hold two dates side by side ("…日至…日" is split at 至, so runs are single dates).
        const hit = doc.dateAt(span[0]);
        if (!hit || (p.strength === 3 && inHeader(m.index))) continue;
        const list = claims.get(hit.start) ?? [];
        list.push({
          role,
          strength: p.strength,
          label: p.label,
          start: hit.start,
          matchStart: m.index,
          matchEnd: m.index + m[0].length,
          time: role === "lodge" ? time : undefined,
        });
        claims.set(hit.start, list);
      }
      p.re.lastIndex = m.index + 1;
    }
  }
  const out: Candidate[] = [];
  for (const [start, list] of claims) {
    const hit = doc.dateAt(start);
    if (!hit) continue;
    // "for the year ended 31 December 2019": a period's end is never a term's date, whatever label stands before.
    if (
      /\b(?:year|period|months|quarter|half-year)\s+(?:ended|ending)\s*(?:on\s+)?$/.test(
        doc.view.slice(Math.max(0, hit.start - 30), hit.start),
      )
    )
      continue;
    // "截至2019年12月31日止年度": the Chinese period end.
    if (/截至\s*$/.test(doc.view.slice(Math.max(0, hit.start - 4), hit.start)) && /^\s*止/.test(doc.view.slice(hit.end, hit.end + 4)))
      continue;
    const best = Math.max(...list.map((c) => c.strength));
    const top = list.filter((c) => c.strength === best);
    const roles = new Set(top.map((c) => c.role));
    // "除权(息)日和现金红利发放日为…" gives one date two roles; otherwise two roles at one strength is a doubt.
    const pairOk = roles.size === 2 && ((roles.has("ex") && roles.has("pay")) || (roles.has("record") && roles.has("lodge")));
    const rangeOk = [...roles].every((r) => r === "closeFrom" || r === "closeTo");
    if (roles.size > 1 && !pairOk && !rangeOk) {
      doc.warnings.push(`"${doc.text.slice(hit.start, hit.end)}" could be ${[...roles].join(" or ")}: left out`);
      continue;
    }
    for (const role of roles) {
      const claim = top.find((c) => c.role === role) as Claim;
      const [s, e] = doc.around(hit.start);
      const sent = doc.view.slice(s, e);
      if ((role === "closeFrom" || role === "closeTo" || role === "lodge") && MEETING_WORDS.test(sent) && !DIVIDEND_WORDS.test(sent))
        continue;
      // "于2024年6月28日召开了2023年年度股东大会,审议通过了授权本公司董事会决定2024年半年度利润分配方案的议案": the meeting
      // let the board decide; the board approved the plan, so the meeting's date is no approval of this dividend.
      if (role === "agm" && /授权[^。;§¶]{0,6}董事会|authori[sz](?:ed|ing) the board/.test(sent)) continue;
      // Posting cheques or warrants is not paying: a loose "on or about" in such a sentence is not the payment date.
      if (
        role === "pay" &&
        claim.strength <= 1 &&
        /\bpost(?:ed)?\b|despatch|dispatch|by ordinary mail|\bsent\b|letter|circular|form of election|寄/.test(sent)
      )
        continue;
      // The approving meeting belongs to the event, not to one class.
      const cls =
        role === "agm"
          ? "H"
          : (top.find((c) => c.role === role && c.cls)?.cls ?? classOf(doc, hit.start, claim.label, docClass, claim.matchStart));
      if (cls === null || cls === "B") continue;
      const term = role === "agm" ? "agm" : ROLE_TERM[role]?.[cls];
      if (!term) continue;
      let value = hit.iso;
      if (term === "hLodge" && claim.time) value = `${hit.iso}T${claim.time}+08:00`;
      if (hit.yearInferred)
        doc.warnings.push(`${term}: the year of "${doc.text.slice(hit.start, hit.end)}" was taken from the date before it`);
      out.push({
        term,
        value,
        start: Math.min(hit.start, claim.matchStart),
        end: Math.max(hit.end, claim.matchEnd),
        strength: claim.strength,
        corrected: doc.corrected(hit.start),
      });
    }
  }
  return out;
}

/** SSE/SZSE notices put the dates in a table: "股份类别 股权登记日 最后交易日 除权(息)日 现金红利发放日 / A股 2024/7/10 - 2024/7/11 2024/7/11". */
function tableCandidates(doc: Doc): Candidate[] {
  const out: Candidate[] = [];
  const columns: [RegExp, TermName | null][] = [
    [/股权登记日/, "aRecord"],
    [/最后交易日/, null],
    [/除权\(?除?息?\)?日|除息日/, "aEx"],
    [/新增无限售条件流通股份上市日/, null],
    [/现金红利发放日/, "aPay"],
  ];
  for (const m of doc.view.matchAll(/股份类别/g)) {
    const rowAt = /(?<![a-z])([ab])\s*股(?=[\s|]*[\d-])/.exec(doc.view.slice(m.index, m.index + 400));
    if (!rowAt) continue;
    const header = doc.view.slice(m.index, m.index + rowAt.index).replace(/\s+/g, "");
    const found = columns
      .map(([re, term]) => ({ at: re.exec(header)?.index ?? -1, term }))
      .filter((c) => c.at >= 0)
      .sort((a, b) => a.at - b.at);
    if (found.length < 2) continue;
    let pos = m.index + rowAt.index + rowAt[0].length;
    const cls = rowAt[1];
    const cells: (DateHit | null)[] = [];
    for (const _ of found) {
      const cell = /^[\s|]*(-|§{0,80}¶)/.exec(doc.marked.slice(pos, pos + 120));
      if (!cell) break;
      cells.push(cell[1] === "-" ? null : (doc.dateAt(pos + cell[0].length - 1) ?? null));
      pos += cell[0].length;
    }
    if (cells.length !== found.length || cls !== "a") continue;
    found.forEach((col, i) => {
      const hit = cells[i];
      if (!col.term || !hit) return;
      out.push({ term: col.term, value: hit.iso, start: m.index, end: pos, strength: 3, corrected: doc.corrected(m.index) });
    });
  }
  return out;
}

/** Columns a date table may hold that are no term of ours. */
const NEUTRAL_COLUMN =
  "股份类别|股票类别|类别|最后交易日(?:期)?|新增无限售条件流通股份上市日|新增可流通股份上市流通日|新增股份上市日|红股上市日|转增股份上市日";
// Labels of a header stand apart, or glued together where a copy lost the cells' borders ("股权登记日除权(息)日现金红利发放日").
// A PDF wraps a long header cell: "新增无限售条件 现金红利发放日⏎ 流通股份上市日" — the first part is the column, the second
// (after the next label) only its continuation, no column of its own.
const WRAPPED_COLUMN = "新增无限售条件(?:可)?";
const CONTINUATION = "(?:可)?流通股份上市(?:流通)?日";
const HEADER_RE = new RegExp(
  `(?:${ANY_LABEL}|${NEUTRAL_COLUMN})(?:[\\s|]*(?:${ANY_LABEL}|${NEUTRAL_COLUMN}|${WRAPPED_COLUMN}|${CONTINUATION})){1,7}`,
  "g",
);
const COLUMN_RE = new RegExp(`${ANY_LABEL}|${NEUTRAL_COLUMN}|${WRAPPED_COLUMN}|${CONTINUATION}`, "g");
const CONTINUATION_RE = new RegExp(`^${CONTINUATION}$`);
const WRAPPED_RE = new RegExp(`^${WRAPPED_COLUMN}$`);

/**
 * Any table of date columns: a header of labels from the lexicon (and columns that are no term, such as 最后交易日),
 * written on one line or one a line, then rows of as many cells ("-" for an empty one), each row optionally led
 * by its class ("A股", "B股"; a B row is skipped). A row that does not fill every column is not read.
 */
function headerTableCandidates(doc: Doc, docClass: Cls): { cands: Candidate[]; headers: [number, number][] } {
  const out: Candidate[] = [];
  const headers: [number, number][] = [];
  const v = doc.marked;
  for (const h of v.matchAll(HEADER_RE)) {
    const all = [...h[0].matchAll(COLUMN_RE)].map((c) => c[0].trim());
    // The continuation of a wrapped cell counts only when its first part stands before it.
    const wrapped = all.findIndex((c) => WRAPPED_RE.test(c));
    const cols = all.filter((c, i) => !(CONTINUATION_RE.test(c) && wrapped >= 0 && wrapped < i));
    const entries = cols.map((c) => LABEL_ONLY.find((l) => l.whole.test(c)) ?? null);
    if (entries.filter((e) => e).length < 2) continue;
    const classCol = /^(?:股份类别|股票类别|类别)$/.test(cols[0] as string);
    const cells = classCol ? entries.slice(1) : entries;
    let pos = h.index + h[0].length;
    for (let row = 0; row < 3; row++) {
      const lead = /^[\s|]*(?:([abh])\s*股)?/.exec(v.slice(pos, pos + 20)) as RegExpExecArray;
      if (classCol && !lead[1]) break;
      let p = pos + lead[0].length;
      const hits: (DateHit | null)[] = [];
      for (const _ of cells) {
        const cell = /^[\s|]*(-|§{0,80}¶)/.exec(v.slice(p, p + 120));
        if (!cell) break;
        hits.push(cell[1] === "-" ? null : (doc.dateAt(p + cell[0].length - 1) ?? null));
        p += cell[0].length;
      }
      // A row a copy cut short at its end ("A股 2024/6/3 - 2024/6/4" under four columns): its cells from the left.
      if (hits.length !== cells.length) {
        if (hits.length < 2 || !/^[ \t|]*(?:\r?\n|$)|^[\s|]*[abh]\s*股/.test(v.slice(p, p + 10))) break;
        while (hits.length < cells.length) hits.push(null);
      }
      if (row === 0) headers.push([h.index, h.index + h[0].length]);
      const rowCls = lead[1] === "a" ? "A" : lead[1] === "h" ? "H" : lead[1] === "b" ? "B" : null;
      cells.forEach((e, i) => {
        const hit = hits[i];
        if (!e || !hit || e.role === "agm") return;
        const market = marketOfLabel(e.label, docClass);
        const cls = rowCls ?? (market === "either" ? docClass : market);
        if (cls !== "A" && cls !== "H") return;
        const term = ROLE_TERM[e.role]?.[cls];
        if (term) out.push({ term, value: hit.iso, start: h.index, end: p, strength: 3, corrected: doc.corrected(h.index) });
      });
      pos = p;
      if (!rowCls) break;
    }
  }
  return { cands: out, headers };
}

interface Money {
  start: number;
  end: number;
  currency: "RMB" | "HKD" | null;
  amount: string;
}

function findMoney(doc: Doc): Money[] {
  const out: Money[] = [];
  const re = new RegExp(
    `${CUR}${CUR_DEF}\\s*${NUM}\\s*(?:元)?|${NUM}\\s*(元人民币|元|港元|港币|港仙|分人民币|人民币|hk cents?|hong kong cents?|rmb|cny|hkd)(?![a-z])`,
    "g",
  );
  for (const m of doc.view.matchAll(re)) {
    let amount = cleanNumber((m[2] ?? m[3]) as string);
    if (!amount) continue;
    const c = m[1] ?? m[4];
    let currency: Money["currency"] =
      c === undefined
        ? null
        : c === "元"
          ? /^\s*(?:\(\s*|\([^()§¶]{0,6}\)\s*)?人\s*民\s*币/.test(doc.view.slice(m.index + m[0].length, m.index + m[0].length + 20))
            ? "RMB"
            : null
          : currencyOf(c);
    // Cents: "Rmb4 cents per share", "RMB 6.5 cents", "5 HK cents", "每股5港仙" (a Hong Kong cent).
    const cents = /^\s*(hk |hong kong )?cents?\b/.exec(doc.view.slice(m.index + m[0].length, m.index + m[0].length + 20));
    const hkCents = c !== undefined && /港仙|cents?$/.test(c);
    // 分 (fen) are hundredths of a yuan: "每股32.61分人民幣".
    if (c === "分人民币") amount = fromCents(amount);
    else if (hkCents || cents) {
      amount = fromCents(amount);
      if (hkCents || cents?.[1]) currency = "HKD";
    }
    const numStart = m.index + m[0].indexOf((m[2] ?? m[3]) as string);
    out.push({ start: numStart, end: numStart + ((m[2] ?? m[3]) as string).length, currency, amount });
  }
  return out;
}

function rateCandidates(doc: Doc): { cands: Candidate[]; spans: [number, number][] } {
  const cands: Candidate[] = [];
  const spans: [number, number][] = [];
  const side = `(?:${CUR}${CUR_DEF}\\s*${NUM}\\s*(?:元)?|${NUM}\\s*(?:元\\s*)?${CUR})`;
  const re = new RegExp(
    `${side}\\s*(?:against|equivalent to|to|=|:|兑换为|兑换成|兑换|兑|对|for|相当于|相等于|等于|折合|折算为|折算成|换算为|换算成)\\s*${side}`,
    "g",
  );
  const push = (start: number, end: number, rmb: string, hkd: string) => {
    const r = divide(rmb, hkd, 10);
    if (!r.exact) doc.warnings.push(`hRate: ${doc.text.slice(start, end).trim()} was turned into RMB per HK$1 and rounded to 10 decimals`);
    cands.push({ term: "hRate", value: r.value, start, end, strength: 3, corrected: doc.corrected(start) });
    spans.push([start, end]);
  };
  for (const m of doc.view.matchAll(re)) {
    const c1 = m[1] ?? m[4];
    const n1 = cleanNumber((m[2] ?? m[3]) as string);
    const c2 = m[5] ?? m[8];
    const n2 = cleanNumber((m[6] ?? m[7]) as string);
    if (!c1 || !c2 || !n1 || !n2 || currencyOf(c1) === currencyOf(c2) || Number(n1) === 0 || Number(n2) === 0) continue;
    // "人民币0.06元相当于0.0659港元" is an amount in two currencies, not the rate: 相当于 / 等于 / 折合 / 折算为 make a
    // rate only against one unit or a hundred ("人民幣0.911804元相當於1港元", "港元100元折算为人民币90.374元").
    if (
      /相当于|等于|折合|折算|换算|兑换为|兑换成/.test(m[0]) &&
      !(sameNumber(n1, "1") || sameNumber(n2, "1") || sameNumber(n1, "100") || sameNumber(n2, "100"))
    )
      continue;
    // "B股股息折算汇率…(1港币=0.8802元人民币)": Shenzhen B shares are paid in HKD too; their rate is not H's.
    if (aboutBShares(doc, m.index)) continue;
    const [rmb, hkd] = currencyOf(c1) === "RMB" ? [n1, n2] : [n2, n1];
    push(m.index, m.index + m[0].length, rmb, hkd);
  }
  // "港币:人民币=1:0.8321"
  for (const m of doc.view.matchAll(new RegExp(`${CUR}\\s*:\\s*${CUR}\\s*=\\s*${NUM}\\s*:\\s*${NUM}`, "g"))) {
    if (aboutBShares(doc, m.index)) continue;
    const n1 = cleanNumber(m[3] as string);
    const n2 = cleanNumber(m[4] as string);
    if (!n1 || !n2 || currencyOf(m[1] as string) === currencyOf(m[2] as string) || Number(n1) === 0 || Number(n2) === 0) continue;
    const [rmb, hkd] = currencyOf(m[1] as string) === "RMB" ? [n1, n2] : [n2, n1];
    push(m.index, m.index + m[0].length, rmb, hkd);
  }
  return { cands, spans };
}

/** Whether the sentence at pos speaks of B shares and not of H shares (a B-share rate or date is not H's). */
function aboutBShares(doc: Doc, pos: number): boolean {
  const [s, e] = doc.around(pos);
  const sent = doc.view.slice(s, e);
  return /(?:^|[^a-z])b\s*股|\bb[- ]shares?\b/.test(sent) && !/(?:^|[^a-z])h\s*股|\bh[- ]shares?\b/.test(sent);
}

function cashCandidates(doc: Doc, docClass: Cls, rateSpans: [number, number][]): Candidate[] {
  const out: Candidate[] = [];
  const declaredInRmb =
    /declared in (?:renminbi|rmb)|denominated (?:and declared )?in (?:renminbi|rmb)|以人民币(?:计值|宣派|宣布)|人民币计值|declared by the company in renminbi/.test(
      doc.view,
    );
  const money = findMoney(doc).filter((m) => !rateSpans.some(([a, b]) => m.start >= a && m.end <= b));
  const pending: { m: Money; value: string; h: boolean }[] = [];
  for (const m of money) {
    const [s0, e] = doc.around(m.start);
    // The one-value-a-line form: "Cash dividend per share (before tax):⏎RMB0.04": the label line is its sentence.
    const labelLine = /^\s*(?:(?:rmb|hk\\?\$|hkd|人民币|港币|港元)\s*)?$/.test(doc.view.slice(s0, m.start))
      ? /[^\n。;]{1,80}:[ \t]*\r?\n\s*$/.exec(doc.view.slice(Math.max(0, s0 - 120), s0))
      : null;
    const s = labelLine ? s0 - labelLine[0].length : s0;
    const before = doc.view.slice(Math.max(s, m.start - 60), m.start);
    const after = doc.view.slice(m.end, Math.min(e, m.end + 90));
    const sentence = doc.view.slice(s, e);
    if (!DIVIDEND_WORDS.test(sentence) || isHistory(sentence)) continue;
    // The basis: per 10 shares or per share, written before or after the amount. "每10股派发现金红利由3.23元(含税)调整为
    // 3.2351元": the new figure has the old one's basis.
    const basis = before.replace(/由\s*\d[\d.]*\s*(?:(?:元|港元)\s*)?(?:\([^()]{0,8}\)\s*)?(?:调整|变更|更正|修改|改)为\s*$/, "");
    let per: number | null = null;
    if (
      /每\s*(?:10|十)\s*股[^。;,§¶\d]{0,14}$/.test(basis) ||
      /每\s*(?:10|十)\s*股[^。;§¶]{0,24}?,\s*派(?:发)?\s*(?:现金\s*)?(?:红利\s*)?(?:人民币\s*)?$/.test(basis) ||
      // "每10股转增4股派1元", "每10股送2股红股、派0.7元现金": the cash after the share clauses of the same basis.
      /每\s*(?:10|十)\s*股(?:\s*(?:送红股|送股|送|转增)\s*\d{1,3}(?:\.\d{1,6})?\s*股(?:红股)?\s*[,、]?\s*)+(?:并|另)?派(?:发|送)?\s*(?:现金\s*)?(?:红利\s*)?(?:人民币\s*)?$/.test(
        basis,
      ) ||
      /for (?:every )?(?:10|ten) (?:h |a )?shares?[^.;§¶\d]{0,40}?\bis\s*(?:(?:hk\\?\$|rmb|hkd)\s*)?$/.test(basis)
    )
      per = 10;
    // "The company's dividend per H share before tax (i.e. RMB 0.0943) will be HK$0.1035".
    else if (
      /\bper (?:h |a )?(?:ordinary )?share\b[^.;§¶\d]{0,40}?(?:\b(?:is|will be|shall be|amounts? to)|:)\s*(?:(?:hk\\?\$|rmb|hkd)\s*)?$/.test(
        withoutBrackets(doc.view.slice(Math.max(s, m.start - 120), m.start)),
      )
    )
      per = 1;
    // "每股H股应付2024年中期股息为0.0887港元": a year may stand in the words of the basis.
    // "每1股派送人民币0.68元" (万科 2023) too.
    else if (/每\s*(?:[1一]\s*)?(?:h\s*|a\s*)?股(?!\s*(?:10|十))(?:[^。;,§¶\d]|\d{4}\s*年){0,16}$/.test(basis)) per = 1;
    // "每100股人民币10元", "每100股H股的末期股息为11.75456港元".
    else if (/每\s*(?:100|一百)\s*股[^。;,§¶\d]{0,14}$/.test(basis)) per = 100;
    else {
      // After the amount, also past its brackets: "RMB0.90 (tax included) (approximately equivalent to HK$1.111273
      // (tax included)) per 10 shares".
      for (const text of [after, withoutBrackets(doc.view.slice(m.end, Math.min(e, m.end + 400)))]) {
        if (
          /^[^.;§¶\d]{0,60}?\b(?:for|per) (?:every )?(?:existing )?(?:10|ten) (?:existing )?(?:h[- ]|a[- ])?(?:ordinary )?shares?\b/.test(
            text,
          )
        )
          per = 10;
        // "RMB 0.09622 per 1 share" (the HKEX form).
        else if (/^[^.;§¶\d]{0,40}?\bper\s+(?:1\s+)?(?:h[- ]|a[- ])?(?:ordinary )?share\b/.test(text)) per = 1;
        else if (/^[^.;§¶\d]{0,60}?\b(?:for|per) (?:every )?(?:100|one hundred) (?:h[- ]|a[- ])?(?:ordinary )?shares\b/.test(text))
          per = 100;
        if (per !== null) break;
      }
    }
    if (per === null) per = sharedBasis(doc.view.slice(s, m.start));
    if (per === null) continue;
    // Earnings, net assets or reserves per share are not a dividend ("2004年度每股收益为0.174元").
    if (
      /收益|盈利|净利润|净资产|公积|未分配利润|现金流/.test(before.slice(before.lastIndexOf("每"))) ||
      /\b(?:earnings|net assets?|book value)\b[^.;§¶\d]{0,20}$/.test(before)
    )
      continue;
    // Never the after-tax figures, never last year's comparative.
    const taxWords = [
      ...doc.view
        .slice(s, m.start)
        .matchAll(
          /扣\s*税\s*后|税\s*后|扣除[^。;,§¶\d]{0,8}?税(?:项|款)\s*后|after (?:deduction|tax|withholding)|net of|\bless\b|含\s*税|扣\s*税\s*前|税\s*前|tax inclusive|inclusive of|including tax|before tax/g,
        ),
    ];
    const lastTax = taxWords.at(-1)?.[0] ?? "";
    if (/后|after|net of|less/.test(lastTax)) continue;
    // "HK$0.087355 per H Share after tax", "0.1312元(税后)": the tax words after the amount and its basis.
    if (
      /^[^.;。§¶\d(]{0,30}?(?:\bafter (?:tax|deduction|withholding)|\bnet of tax)|^\s*(?:(?:元|港元)\s*)?\(\s*(?:扣\s*)?税\s*后/.test(after)
    )
      continue;
    // "扣税后自然人股东…每股派发现金红利0.2185元;⏎合格境外机构投资者每股派发现金红利0.2070元": the clauses after one
    // 扣税后 in the same sentence (to its 。) are after tax too, unless the amount says it includes tax.
    const window300 = doc.view.slice(Math.max(0, m.start - 300), m.start);
    const sinceStop = window300.slice(window300.lastIndexOf("。") + 1);
    if (
      /扣\s*税\s*后/.test(sinceStop) &&
      !/扣\s*税\s*前|税\s*前/.test(sinceStop.slice(sinceStop.search(/扣\s*税\s*后/))) &&
      !/^\s*(?:(?:元|港元)\s*)?\(\s*含\s*税/.test(after)
    )
      continue;
    // Inside the SZSE form's bracket of after-tax figures, whose ";" split it into sentences: "每10股派1.500000元人民币
    // 现金(含税;扣税后,QFII…每10股派1.350000元;持有…差别化税率征收,先按每10股派1.425000元,…)".
    const bracket = enclosingBracket(doc.view, m.start);
    if (bracket !== null && /扣\s*税\s*后|税\s*后|after tax/.test(doc.view.slice(bracket, m.start))) continue;
    const open = doc.view.lastIndexOf("(", m.start);
    if (
      open >= s &&
      doc.view.indexOf(")", open) > m.start &&
      /^\(\s*(?:six months|year|for the|20\d\d|截至|上年|去年|同期)/.test(doc.view.slice(open))
    )
      continue;
    // "加上中期已派发现金股利每股人民币0.04元…全年合计现金股利每股人民币0.15元": an interim already paid and the
    // year's total are not this dividend.
    // "2024 年中期已按每 10 股派发现金股利人民币 2.46 元": the basis may stand inside (its 10 is no other figure).
    const beforeOneBasis = before.replace(/每\s*(?:10|十)\s*股/g, "每股");
    if (
      /(?:已(?:按)?\s*(?:每股)?\s*(?:派发|派付|支付|宣派|派)|全年(?:合计)?|合计|共计|总计|总额|总金额|in total|aggregate)[^。;,§¶\d]{0,12}$/.test(
        beforeOneBasis,
      )
    )
      continue;
    // "Together with an interim dividend of Rmb7.0 cents per share paid on …, total dividend for the Period amounted to
    // Rmb27.0 cents": the interim already paid and the year's total, in English.
    if (
      /(?:together with|in addition to)\s+(?:an?\s+|the\s+)?(?:interim|special)?\s*dividends?[^.;§¶\d]{0,20}$|\btotal (?:cash )?dividends?\b[^.;§¶\d]{0,40}$/.test(
        before,
      )
    )
      continue;
    // "代扣个人所得税每股0.003元后,实际派发红利为每股0.027元": a tax amount, and what is actually paid after it.
    // "深股通等投资者每10股派3.087000元": what one kind of holder receives after its tax (a digest that lost the
    // SZSE form's 扣税后 bracket), never the declared figure.
    if (
      /(?:深股通|沪股通|qfii|合格境外|境外机构|香港市场投资者|个人股东|个人投资者|证券投资基金|限售股)[^。;,§¶\d]{0,20}$/.test(
        beforeOneBasis,
      )
    )
      continue;
    // "按10%的税率代扣所得税,实际派发现金红利为每股0.09元": what is paid after the withholding, without 后.
    if (
      /(?:所得税|税款|税额|income tax|withholding tax|(?:后|代扣[^。;§¶]{0,12}?税)\s*,?\s*实际(?:派发|发放|派付|支付))[^。;,§¶\d]{0,12}$/.test(
        before,
      )
    )
      continue;
    // A figure written with thousands separators ("245,942,073.60元") is a total: no dividend per share or per 10
    // shares needs them ("每股现金红利=拟派发现金红利总额245,942,073.60元÷…", 奥特维 2022).
    if (/\d,\d{3}/.test(doc.view.slice(m.start, m.end))) continue;
    // "按每股人民币0.217元(含税)向全体股东派发2024年度现金红利,扣除2024年中期已派发现金红利每股人民币0.082元": the year's
    // total, from which the interim already paid is taken (中国铝业 2025).
    if (/^[^。;§¶]{0,60}?扣除[^。;§¶]{0,30}?已(?:派发|派付|支付|分配)/.test(doc.view.slice(m.end, e))) continue;
    // A price is never a dividend: "最低减持价格将相应调整为每股1.68元" (合肥百货 2010), 转股价格, 授予价格; an exchange rate's
    // 中间价 / 汇价 / 平均价 is no price ("按…中间价平均值换算为每股港币0.2301元" is the HKD amount).
    if (/(?<!中间|汇|平均|收市)价(?:格|位)?[^。;,§¶\d]{0,16}$/.test(before) && !/参考价/.test(before)) continue;
    // "除息价格计算时,每股现金红利应以0.0997425元计算": the figure for the ex-price, not the declared one.
    if (/计算除(?:权除息|权|息)(?:参考)?价(?:格)?时|除(?:权除息|权|息)(?:参考)?价(?:格)?计算时/.test(doc.view.slice(s, m.start))) continue;
    // "按总股本折算的每股现金红利": an amount spread over all shares for the ex-price, not the declared one.
    // Not a currency's conversion: "按此平均价折算,公司每股H股末期股息为0.1179港元" is the HKD amount.
    if (/(?:总股本|股本|股份|股数)[^。;§¶]{0,24}折算|参考价|virtual/.test(doc.view.slice(Math.max(s, m.start - 60), m.start))) continue;
    const value = per10(m.amount, per);
    if (value === null) continue;
    let currency = m.currency;
    if (currency === null) {
      // "此次派息以人民币宣派,每10股1.988元": 元 of a dividend the text says is declared in RMB.
      if (docClass !== "A" && !declaredInRmb) continue;
      currency = "RMB";
    }
    // An HKD amount "equivalent to" a RMB amount just before it is the payment of a dividend declared in RMB.
    const hWords =
      /\bh[- ](?:share|shareholder)|h\s*股/.test(`${before} ${after}`) ||
      /to the h shareholders|h股股东/.test(sentence) ||
      (/(?:equivalent to|相当于|折合|约合)[^.;。§¶\d]{0,30}$/.test(before) &&
        money.some((o) => o.currency === "RMB" && o.start >= s && o.start < m.start && m.start - o.end < 120));
    // A currency the text states elsewhere ("以人民币宣派") is stated: kept for cashCurrency (an A notice's bare 元 is not).
    pending.push({ m: { ...m, currency: m.currency ?? (docClass === "A" ? null : currency) }, value, h: currency === "HKD" && hWords });
  }
  const anyRmbCash = pending.some((p) => p.m.currency === "RMB" || (p.m.currency === null && docClass === "A"));
  for (const p of pending) {
    const corrected = doc.corrected(p.m.start);
    if (p.m.currency === "HKD" && (p.h || declaredInRmb || anyRmbCash)) {
      out.push({ term: "hCash", value: p.value, start: p.m.start, end: p.m.end, strength: 2, corrected });
      continue;
    }
    out.push({ term: "cash", value: p.value, start: p.m.start, end: p.m.end, strength: 2, corrected });
    if (p.m.currency) out.push({ term: "cashCurrency", value: p.m.currency, start: p.m.start, end: p.m.end, strength: 2, corrected });
  }
  return out;
}

/** Where the bracket holding `pos` opens (within 600 characters before it), or null when `pos` stands in none. */
function enclosingBracket(view: string, pos: number): number | null {
  let depth = 0;
  for (let i = pos - 1; i >= Math.max(0, pos - 600); i--) {
    const ch = view[i];
    if (ch === ")") depth++;
    else if (ch === "(") {
      if (depth === 0) return i;
      depth--;
    } else if (ch === "。") return null;
  }
  return null;
}

/** The text with every closed bracket (nested ones too) taken out: what stands around them. */
function withoutBrackets(text: string): string {
  let out = "";
  let depth = 0;
  let pending = "";
  for (const ch of text) {
    if (ch === "(") {
      depth++;
      pending += ch;
    } else if (ch === ")" && depth > 0) {
      depth--;
      pending += ch;
      if (depth === 0) pending = "";
    } else if (depth > 0) pending += ch;
    else out += ch;
  }
  return out + pending;
}

/**
 * The basis written once for several clauses: "每10股转增4股派1元", "每10股送2股红股、派0.7元现金", "每股派发现金红利
 * 0.2元(含税),另派…". The nearest 每10股 / 每股 before the amount in its sentence counts when what stands between
 * is only share clauses ("转增4股", "送2股红股"), tax brackets and the words of paying cash: no other figure, no
 * total, no earnings. Otherwise null (no basis, no term).
 */
function sharedBasis(sentenceBefore: string): number | null {
  const bases = [...sentenceBefore.matchAll(/每\s*(?:(10|十)\s*)?(?:h\s*|a\s*)?股(?!\s*(?:收益|净资产|盈利|现金流|未分配|公积))/g)];
  const last = bases.at(-1);
  if (!last) return null;
  const between = sentenceBefore
    .slice(last.index + last[0].length)
    .replace(new RegExp(`(?:送红股|派送红股|送股|送|转增股本|转增)s*${NUM}s*股(?:红股)?`, "g"), "")
    .replace(/\(\s*(?:含税|税前|含\s*税)\s*\)/g, "");
  if (between.length > 40 || /[\d。;§¶¤¦]/.test(between)) return null;
  if (
    !/^[\s,、]*(?:并|另|同时)?\s*(?:派|分配|发放|支付)(?:发|送|现|付)?\s*(?:现金\s*)?(?:(?:红利|股息|股利)\s*)?(?:人民币\s*)?$/.test(
      between,
    )
  )
    return null;
  return last[1] ? 10 : 1;
}

/** A sentence that lists earlier years' distributions ("2006年末期10股派现1.3元,…,2008年中期每10股转增6股,…"): none is
 * this event's (潍柴动力 2010's digest). Two items led by a year or more. */
function isHistory(sentence: string): boolean {
  let n = 0;
  for (const _ of sentence.matchAll(/\d{4}\s*年[^\d。;,§¶]{0,6}?(?:每\s*)?(?:10|十)?\s*股\s*(?:派|分红|转增|送)/g))
    if (++n >= 2) return true;
  return false;
}

function shareCandidates(doc: Doc): Candidate[] {
  const out: Candidate[] = [];
  const v = doc.view;
  const clauseOf = (pos: number, end: number) => {
    const [s, e] = doc.around(pos, 200);
    let a = pos;
    while (a > s && !/[,、;(]/.test(v[a - 1] ?? "")) a--;
    let b = end;
    while (b < e && !/[,、;)]/.test(v[b] ?? "")) b++;
    return v.slice(a, b);
  };
  const capSource = /资本公积|股本溢价|公积金转增|share premium|capital reserve/;
  const profitSource = /未分配利润|盈余公积|retained (?:earnings|profits?)|undistributed profits?|distributable profits?|surplus reserve/;
  const push = (term: TermName, value: string | null, start: number, end: number) => {
    const [s, e] = doc.around(start);
    if (isHistory(v.slice(s, e))) return;
    if (value !== null) out.push({ term, value, start, end, strength: 2, corrected: doc.corrected(start) });
  };
  // Where the new shares come from, between the basis and the verb: "每10股以未分配利润送3股", "每10股以资本公积金转增3股".
  const SOURCE = "以\\s*(?:资本公积金?|未分配利润|盈余公积金?|公积金)";
  // 每10股送红股2.5股 / 每10股转增4股 / 每股转增0.4股 / 以资本公积金向全体股东每10股送3股
  // Hong Kong Chinese puts the holding's words between: "每10股股份获转增4股".
  const cn = new RegExp(
    `每\\s*(?:(10|十)\\s*)?股\\s*(?:股份\\s*)?(?:(?:可获|将获|获)\\s*)?(?:${SOURCE}\\s*)?(派送红利股|派送红股|派送|送红利股|送红股|送股|送|转增发行|转增股本|转增)\\s*${NUM}\\s*股`,
    "g",
  );
  for (const m of v.matchAll(cn)) {
    const per = m[1] ? 10 : 1;
    const value = per10(cleanNumber(m[3] as string) ?? "", per);
    const clause = clauseOf(m.index, m.index + m[0].length);
    const isCap = (m[2] as string).startsWith("转增") || capSource.test(clause);
    if (!isCap && !(m[2] as string).includes("送")) continue;
    if (isCap && !/股本溢价|share premium/.test(v))
      doc.warnings.push(
        "cap: the notice says capital reserve (资本公积) without saying share premium; read as share premium (unconfirmed)",
      );
    push(isCap ? "cap" : "bonus", value, m.index, m.index + m[0].length);
    // "每10股送1股转增1股": the next clause of the same basis, written without its own 每10股.
    const next = new RegExp(
      `^\\s*(?:[,、]\\s*)?(?:(?:并|另|同时)\\s*)?(?:${SOURCE}\\s*)?(送红股|送股|送|转增股本|转增)\\s*${NUM}\\s*股`,
    ).exec(v.slice(m.index + m[0].length, m.index + m[0].length + 40));
    if (next) {
      const at = m.index + m[0].length;
      const nextCap = (next[1] as string).startsWith("转增") || (/资本公积/.test(next[0]) && (next[1] as string).includes("送"));
      push(nextCap ? "cap" : "bonus", per10(cleanNumber(next[2] as string) ?? "", per), at, at + next[0].length);
    }
  }
  // "每10股派发现金红利2元(含税),转增10股": the new shares after the cash clause of the same basis.
  // Also on a per-share basis: "每股派发现金红利0.2元(含税),以资本公积金每股转增0.4股" has its own; "每股派0.2元,转增0.4股" not.
  const after = new RegExp(
    `每\\s*(?:(10|十)\\s*)?股\\s*派[^。;§¶每]{0,60}?元[^。;§¶每]{0,30}?[,、]\\s*(?:(?:并|同时|另)\\s*)?(?:${SOURCE}\\s*)?(送红股|派送红股|送股|送|转增)\\s*${NUM}\\s*股`,
    "g",
  );
  for (const m of v.matchAll(after)) {
    const at = m.index + m[0].lastIndexOf(m[2] as string);
    const clause = clauseOf(at, m.index + m[0].length);
    const isCap = (m[2] as string).startsWith("转增") || capSource.test(clause);
    if (!isCap && !(m[2] as string).includes("送")) continue;
    push(isCap ? "cap" : "bonus", per10(cleanNumber(m[3] as string) ?? "", m[1] ? 10 : 1), at, m.index + m[0].length);
  }
  // "6 Capitalization Shares for every existing 10 Shares", "3 bonus shares for every 10 shares"
  const en = new RegExp(
    `${NUM}\\s+(?:new\\s+)?(capitali[sz]ation|bonus)\\s+(?:h\\s+|a\\s+)?shares?\\s+for\\s+every\\s+(?:existing\\s+)?${NUM}\\s+(?:existing\\s+)?(?:h\\s+|a\\s+)?shares?`,
    "g",
  );
  for (const m of v.matchAll(en)) {
    const n = cleanNumber(m[1] as string);
    const every = Number(cleanNumber(m[3] as string));
    if (!n || !Number.isInteger(every) || every <= 0) continue;
    const value = per10(n, every);
    const [s, e] = doc.around(m.index);
    const sent = v.slice(s, e);
    let term: TermName | null = null;
    if (m[2]?.startsWith("capital")) term = profitSource.test(sent) ? "bonus" : "cap";
    else if (capSource.test(sent)) term = "cap";
    else if (profitSource.test(sent)) term = "bonus";
    if (term === null) {
      doc.warnings.push(
        `"${doc.text.slice(m.index, m.index + m[0].length)}": the text does not say whether the bonus shares come out of profits or share premium; left out`,
      );
      continue;
    }
    push(term, value, m.index, m.index + m[0].length);
  }
  // Explicit none: "不送红股", "不以(资本)公积金转增股本".
  // Also "送红股0股" and "无送股和转增分配"; PDF text may break a line inside the words ("不以公积金⏎转增股本").
  for (const m of v.matchAll(
    /不(?:派)?送红?股|(?<![\d.])送红?股\s*0\s*股|无\s*送红?股|\b(?:will not|shall not|no)\s+(?:involve\s+)?(?:[a-z ]{0,60}?\s+or\s+)?(?:any\s+)?(?:issuance of |issue of )?bonus (?:shares|issue)\b/g,
  ))
    push("bonus", "0", m.index, m.index + m[0].length);
  // "will not increase its share capital by conversion of its capital reserve", "no capitalisation of capital reserve".
  for (const m of v.matchAll(
    /\b(?:will not|shall not|not to|no)\s+(?:involve\s+(?:any\s+)?|increase (?:its|the) share capital by\s+)?(?:convert|conversion of|capitali[sz]ation of|capitali[sz]e)\s+(?:its\s+|the\s+)?capital reserves?\b/g,
  ))
    push("cap", "0", m.index, m.index + m[0].length);
  for (const m of v.matchAll(
    /不\s*(?:(?:以|进行|实施)\s*)?(?:资本\s*)?公\s*积\s*金?\s*转\s*增(?:股本)?|不转增|(?<![\d.])转增\s*0\s*股|无\s*(?:送红?股\s*(?:和|及|与|、|或)\s*)?转增/g,
  ))
    push("cap", "0", m.index, m.index + m[0].length);
  return out;
}

function nameCandidate(doc: Doc): Candidate[] {
  const t = doc.text;
  const tries: RegExp[] = [
    // The value ends at a space or comma: "证券简称: 公告编号:2024-037" names nothing (弘业期货 2024).
    /(?:发行人名称|發行人名稱|证券简称|證券簡稱|股票简称|股票簡稱)\s*[:：][ \t]*([^\s:：,，]{2,30})(?=[\s,，]|$)/,
    /([A-Z][A-Za-z0-9&.,'\- ]{2,70}?(?:CO\.,? LTD\.|Co\.,? Ltd\.|LIMITED|Limited|Corporation|CORPORATION))\s*\(the\s*[“"]Company[”"]\)/,
    /(?:^|\n)[ \t]*([\u4e00-\u9fff（）()]{2,30}(?:股份有限公司|有限公司))[ \t]*\*?[ \t\r]*(?:\n|$)/,
  ];
  for (const re of tries) {
    const m = re.exec(t.slice(0, 4000));
    if (!m?.[1]) continue;
    // At most 80 code units, never half a surrogate pair; a lone surrogate (broken text pasted into the page) becomes
    // U+FFFD, as the query string would carry it: the name in the terms is the name in the fields (fast-check found it).
    const cut = m[1].trim().slice(0, 80);
    const value = (/[\uD800-\uDBFF]$/.test(cut) ? cut.slice(0, -1) : cut).replace(
      /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g,
      "\uFFFD",
    );
    const start = m.index + m[0].indexOf(m[1]);
    return [{ term: "name", value, start, end: start + m[1].length, strength: 1, corrected: false }];
  }
  return [];
}

function lotCandidates(doc: Doc): Candidate[] {
  const out: Candidate[] = [];
  for (const m of doc.view.matchAll(
    /(?:board lot size|board lots? of|每手(?:买卖单位)?(?:为)?)\s*(?:of\s*)?(\d{1,3}(?:,\d{3})*|\d+)\s*(?:h\s*)?(?:shares|股)/g,
  )) {
    const n = cleanNumber(m[1] as string);
    if (n) out.push({ term: "hLot", value: n, start: m.index, end: m.index + m[0].length, strength: 2, corrected: doc.corrected(m.index) });
  }
  return out;
}

function equalValues(term: TermName, a: string, b: string): boolean {
  if (["cash", "hCash", "hRate", "bonus", "cap", "hLot", "aLot"].includes(term)) return sameNumber(a, b);
  if (term === "hLodge") return a === b || a.slice(0, 10) === b.slice(0, 10);
  return a === b;
}

function resolve(doc: Doc, candidates: Candidate[]): Partial<Record<TermName, Field>> {
  const fields: Partial<Record<TermName, Field>> = {};
  for (const term of TERM_ORDER) {
    let list = candidates.filter((c) => c.term === term);
    if (list.length === 0) continue;
    if (list.some((c) => c.corrected)) list = list.filter((c) => c.corrected);
    const groups: Candidate[][] = [];
    for (const c of list) {
      const g = groups.find((x) => equalValues(term, (x[0] as Candidate).value, c.value));
      if (g) g.push(c);
      else groups.push([c]);
    }
    // A headline that rounds the body's figure ("每股0.258港元" over "每股H股股息为0.25816276港元"): the precise one.
    if (groups.length === 2 && ["cash", "hCash", "hRate"].includes(term)) {
      const [x, y] = groups.map((g) => trimZeros((g[0] as Candidate).value)) as [string, string];
      const places = (d: string) => d.split(".")[1]?.length ?? 0;
      const [short, long] = places(x) < places(y) ? [x, y] : [y, x];
      // Per 10 shares, a headline's "每股0.46港元" is 4.6: for an HKD amount (a conversion's many places) one will do.
      const enough = places(short) >= 2 || (term === "hCash" && places(short) >= 1 && places(long) - places(short) >= 3);
      if (enough && places(long) > places(short) && roundHalfUp(long, places(short)) === short) {
        doc.warnings.push(`${term}: ${short} is ${long} rounded; the precise figure is taken`);
        groups.splice(0, 2, groups.find((g) => trimZeros((g[0] as Candidate).value) === long) as Candidate[]);
      }
    }
    if (groups.length > 1) {
      const shown = groups.map((g) => (g[0] as Candidate).value).join(", ");
      doc.warnings.push(`${term}: the text gives different values (${shown}); left for you to fill in`);
      continue;
    }
    const group = groups[0] as Candidate[];
    // The strongest reading, and for a deadline the one that carries its time.
    const best = [...group].sort(
      (a, b) => b.strength - a.strength || Number(b.value.length > 10) - Number(a.value.length > 10) || a.start - b.start,
    )[0] as Candidate;
    const timed = term === "hLodge" ? (group.find((c) => c.value.length > 10) ?? best) : best;
    fields[term] = {
      value: term === "name" ? timed.value : normaliseValue(term, timed.value),
      quote: doc.quote(timed.start, timed.end, timed.end),
    };
  }
  return fields;
}

function normaliseValue(term: TermName, value: string): string {
  if (["cash", "hCash", "hRate", "bonus", "cap"].includes(term)) {
    const t = trimZeros(value);
    return t;
  }
  return value;
}

/** Reads the terms out of an announcement. Pure and synchronous. */
const IMPOSSIBLE_IF_REVERSED: [TermName, TermName][] = [
  ["hLastCum", "hEx"],
  ["hEx", "hPay"],
  ["hRecord", "hPay"],
  ["hCloseTo", "hPay"],
  ["hLodge", "hCloseFrom"],
  ["aRecord", "aEx"],
  ["aRecord", "aPay"],
  ["aEx", "aPay"],
];

export function extractTerms(text: string): ImportResult {
  const doc = new Doc(text);
  const docClass = docClassOf(doc.view);
  const { cands: rates, spans } = rateCandidates(doc);
  // Every date, read with the market the text is about. A table's header labels are read with its rows, never as
  // "label … date" of the first cell.
  const readDates = (cls: Cls) => {
    const table = headerTableCandidates(doc, cls);
    return [...dateCandidates(doc, cls, table.headers), ...tableCandidates(doc), ...table.cands];
  };
  const warningsBefore = doc.warnings.length;
  let dates = readDates(docClass);
  // A text that names no market but whose dates in one market's words all belong to one market (a digest's "book
  // closure" and nothing of A shares; an A+H issuer's A-share notice): it is about that market, so its dates in
  // either market's words belong to it, and its "元" is RMB when that market is A.
  let datesClass: Cls = null;
  if (docClass === null) {
    const hasH = dates.some((c) => c.term.startsWith("h"));
    const hasA = dates.some((c) => c.term.startsWith("a") && c.term !== "agm");
    if (hasH !== hasA) {
      datesClass = hasH ? "H" : "A";
      doc.warnings.length = warningsBefore;
      dates = readDates(datesClass);
    }
  }
  const candidates = [
    ...nameCandidate(doc),
    ...cashCandidates(doc, docClass ?? (datesClass === "A" ? "A" : null), spans),
    ...rates,
    ...shareCandidates(doc),
    ...lotCandidates(doc),
    ...dates,
  ];
  const fields = resolve(doc, candidates);

  // Dates whose order is impossible (a payment before the record or ex-date: a digest's typo) are both left out:
  // which one is wrong, the text does not say. Only pairs that can never be reversed, and only when reversed
  // strictly: a record date before the meeting that approves an interim dividend happens (Zhejiang Expressway
  // 2004), and a preference dividend's record and ex-date can be one day (长沙银行 2022).
  const day = (t: TermName) => fields[t]?.value.slice(0, 10);
  const outOfOrder = new Set<TermName>();
  for (const [earlier, later] of IMPOSSIBLE_IF_REVERSED) {
    const a = day(earlier);
    const b = day(later);
    if (a !== undefined && b !== undefined && a > b) {
      doc.warnings.push(`${later} (${b}) comes before ${earlier} (${a}): both left for you to check`);
      outOfOrder.add(earlier).add(later);
    }
  }
  for (const t of outOfOrder) delete fields[t];
  // The currency belongs to a cash amount: without one, it says nothing.
  if (!fields.cash) delete fields.cashCurrency;
  // Closure: both ends or neither, in order.
  if (fields.hCloseFrom && fields.hCloseTo && fields.hCloseFrom.value > fields.hCloseTo.value) {
    doc.warnings.push("the book closure ends before it starts; left for you to fill in");
    delete fields.hCloseFrom;
    delete fields.hCloseTo;
  }
  // Classes: the markets whose terms the text gives.
  const h = (["hCash", "hRate", "hLot", "hLastCum", "hEx", "hCloseFrom", "hCloseTo", "hRecord", "hPay", "hLodge"] as TermName[]).find(
    (t) => fields[t],
  );
  const a = (["aRecord", "aEx", "aPay"] as TermName[]).find((t) => fields[t]);
  // A lodgement or closure that tells A-share holders too where to lodge ("… (for holders of A Shares), for
  // registration before 4:30 p.m. on …", Flat Glass 2020) concerns both markets.
  // "to be paid to both A Share and H Share shareholders", "A股及H股股东": the dividend of both markets.
  const bothNamed =
    /\bboth a[- ]shares? and h[- ]shares?|\ba[- ]share and h[- ]share (?:share)?holders|a\s*股(?:股东)?\s*(?:和|及|与|、)\s*h\s*股(?:股东|派息|股息|派发)/.test(
      matchingView(fields.cash?.quote ?? ""),
    );
  const aLodges = (["hLodge", "hCloseFrom"] as TermName[]).some((t) =>
    /\(\s*for (?:the )?(?:holders of a shares|a-share ?holders)\s*\)|\(\s*a\s*股股东\s*\)/.test(matchingView(fields[t]?.quote ?? "")),
  );
  if (h || a) {
    const value = (h && a) || (h && (aLodges || bothNamed)) ? "A,H" : h ? "H" : "A";
    const from = (fields[(h ?? a) as TermName] as Field).quote;
    fields.classes = { value, quote: from };
  } else if (docClass !== null && Object.keys(fields).some((t) => t !== "name")) {
    // No dated term: the notice's own vocabulary says which market it speaks about.
    const signal = docClass === "A" ? (A_SIGNAL.exec(doc.view) ?? A_CODE.exec(doc.view)) : H_SIGNAL.exec(doc.view);
    if (signal) {
      const value = docClass === "H" && bothNamed ? "A,H" : docClass;
      fields.classes = {
        value,
        quote: value === "A,H" ? (fields.cash as Field).quote : doc.quote(signal.index, signal.index + signal[0].length),
      };
    }
  }
  // A rate that contradicts the text's own RMB and HKD amounts ("RMB 1 to HKD 0.91082" beside RMB 0.24 = HKD
  // 0.263499: the digest turned the rate round) is left out; the published HKD amount stays.
  if (fields.cash && fields.hCash && fields.hRate && fields.cashCurrency?.value !== "HKD") {
    const implied = Number(fields.cash.value) / Number(fields.hCash.value);
    if (Math.abs(implied - Number(fields.hRate.value)) > 0.005 * implied) {
      doc.warnings.push(
        `hRate: ${fields.hRate.value} disagrees with the amounts (${fields.cash.value} RMB = ${fields.hCash.value} HKD); left out`,
      );
      delete fields.hRate;
    }
  }
  if (fields.hCash && fields.hRate)
    doc.warnings.push("hCash and hRate are both given: the terms carry hCash (the published amount), as §3.4 prefers");

  const ordered: Partial<Record<TermName, Field>> = {};
  for (const t of TERM_ORDER) if (fields[t]) ordered[t] = fields[t];
  const params = new URLSearchParams();
  for (const t of TERM_ORDER) {
    const f = ordered[t];
    if (!f) continue;
    if (t === "hRate" && ordered.hCash) continue;
    params.append(t, f.value);
  }
  return {
    terms: params.toString(),
    fields: ordered,
    missing: TERM_ORDER.filter((t) => !ordered[t]),
    warnings: [...new Set(doc.warnings)],
  };
}
