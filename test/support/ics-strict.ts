/**
 * A strict RFC 5545 checker for the calendar files the app writes. Lenient readers (ical.js among them) accept
 * files that Outlook, some Android calendars and validators refuse; this one reports every breach it knows:
 *
 * - §3.1 content lines: CRLF only, at most 75 octets, folds start with one space or tab, no multi-octet
 *   UTF-8 character split across a fold, no empty line, `name *(;param) : value` grammar, no control characters.
 * - §3.3.11 TEXT escaping: a backslash only before `\ ; , n N`; `;` and `,` escaped in single-valued text.
 * - §3.4/§3.6 structure: one VCALENDAR with VERSION:2.0 and PRODID once each and at least one component;
 *   VEVENT with UID, DTSTAMP (UTC) and DTSTART once; properties that may occur once occur at most once;
 *   DTEND and DURATION never together; DTEND of the same value type as DTSTART and later; a DATE DTSTART has
 *   `VALUE=DATE` and a DURATION of whole days or weeks; STATUS and TRANSP from their value lists; URL a URI;
 *   UID unique in the file; every TZID parameter names a VTIMEZONE of the file.
 * - §3.6.6 VALARM: only inside VEVENT/VTODO; ACTION and TRIGGER once; DISPLAY/EMAIL need DESCRIPTION; a
 *   TRIGGER is a duration (RELATED=START|END) or `VALUE=DATE-TIME` in UTC; DURATION and REPEAT together.
 * - §3.3.6 DURATION grammar (`P1DT` — a "T" with nothing after it — is refused).
 */

export type Rule =
  | "crlf"
  | "line-length"
  | "fold"
  | "split-character"
  | "content-line"
  | "control-char"
  | "escaping"
  | "structure"
  | "required"
  | "once"
  | "version"
  | "date"
  | "date-time"
  | "value-date"
  | "date-pair"
  | "dtend-and-duration"
  | "dtend-order"
  | "duration"
  | "status"
  | "transp"
  | "uri"
  | "uid-duplicate"
  | "valarm"
  | "trigger"
  | "tzid";

export interface Violation {
  rule: Rule;
  /** 1-based physical line where it was found (0: the file as a whole). */
  line: number;
  detail: string;
}

interface Property {
  name: string;
  params: Map<string, string[]>;
  value: string;
  line: number;
}

interface Component {
  name: string;
  props: Property[];
  children: Component[];
  line: number;
}

const NAME_RE = /^[A-Za-z0-9-]+$/;
const DATE_RE = /^(\d{4})(\d{2})(\d{2})$/;
const DATE_TIME_RE = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})(Z?)$/;
const DURATION_RE = /^[+-]?P(?:\d+W|(?:\d+D)?(?:T(?:\d+H(?:\d+M(?:\d+S)?)?|\d+M(?:\d+S)?|\d+S))?)$/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: the point is to find control characters
const CONTROL_RE = /[\u0000-\u0008\u000A-\u001F\u007F]/;
const SINGLE_TEXT = new Set(["SUMMARY", "DESCRIPTION", "LOCATION", "COMMENT", "CONTACT", "UID", "PRODID", "X-WR-CALNAME", "X-WR-CALDESC"]);
const ONCE: Record<string, readonly string[]> = {
  VCALENDAR: ["VERSION", "PRODID", "CALSCALE", "METHOD"],
  VEVENT: [
    "UID",
    "DTSTAMP",
    "DTSTART",
    "DTEND",
    "DURATION",
    "CLASS",
    "CREATED",
    "DESCRIPTION",
    "GEO",
    "LAST-MODIFIED",
    "LOCATION",
    "ORGANIZER",
    "PRIORITY",
    "SEQUENCE",
    "STATUS",
    "SUMMARY",
    "TRANSP",
    "URL",
    "RECURRENCE-ID",
  ],
  VALARM: ["ACTION", "TRIGGER", "DESCRIPTION", "SUMMARY", "DURATION", "REPEAT"],
};

function validDate(y: string, m: string, d: string): boolean {
  const ms = Date.UTC(Number(y), Number(m) - 1, Number(d));
  const back = new Date(ms);
  return back.getUTCFullYear() === Number(y) && back.getUTCMonth() === Number(m) - 1 && back.getUTCDate() === Number(d);
}

function dateMs(value: string): number | undefined {
  const m = DATE_RE.exec(value);
  if (!m || !validDate(m[1] as string, m[2] as string, m[3] as string)) return undefined;
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
}

function dateTimeMs(value: string): { ms: number; utc: boolean } | undefined {
  const m = DATE_TIME_RE.exec(value);
  if (!m || !validDate(m[1] as string, m[2] as string, m[3] as string)) return undefined;
  const [h, mi, s] = [Number(m[4]), Number(m[5]), Number(m[6])];
  if (h > 23 || mi > 59 || s > 60) return undefined;
  return { ms: Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), h, mi, s), utc: m[7] === "Z" };
}

/** Split `NAME;P=a,"b";Q=c:value` into its parts, or a reason it does not parse. */
function parseContentLine(text: string, line: number): Property | string {
  let i = 0;
  const take = (re: RegExp) => {
    const start = i;
    while (i < text.length && re.test(text[i] as string)) i++;
    return text.slice(start, i);
  };
  const name = take(/[A-Za-z0-9-]/);
  if (!name) return "no property name";
  const params = new Map<string, string[]>();
  while (text[i] === ";") {
    i++;
    const pname = take(/[A-Za-z0-9-]/);
    if (!pname || text[i] !== "=") return `bad parameter in ${name}`;
    i++;
    const values: string[] = [];
    for (;;) {
      if (text[i] === '"') {
        const end = text.indexOf('"', i + 1);
        if (end < 0) return `unterminated quoted parameter in ${name}`;
        values.push(text.slice(i + 1, end));
        i = end + 1;
      } else values.push(take(/[^";:,]/));
      if (text[i] !== ",") break;
      i++;
    }
    params.set(pname.toUpperCase(), values);
  }
  if (text[i] !== ":") return `no ":" after ${name}`;
  return { name: name.toUpperCase(), params, value: text.slice(i + 1), line };
}

/** Every RFC 5545 breach found in a calendar file (an empty list when it is valid). */
export function checkIcs(input: string | Uint8Array): Violation[] {
  const out: Violation[] = [];
  const bytes = typeof input === "string" ? new TextEncoder().encode(input) : input;
  if (typeof input === "string" && /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(input)) {
    out.push({ rule: "split-character", line: 0, detail: "lone UTF-16 surrogate (a character split in two)" });
  }

  // Physical lines, by octets: CRLF only, ≤ 75 octets each, each valid UTF-8 on its own.
  const physical: string[] = [];
  const decoder = new TextDecoder("utf-8", { fatal: true });
  let start = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (b === 0x0d && bytes[i + 1] !== 0x0a) out.push({ rule: "crlf", line: physical.length + 1, detail: "CR without LF" });
    if (b !== 0x0a) continue;
    const lineNo = physical.length + 1;
    if (bytes[i - 1] !== 0x0d) out.push({ rule: "crlf", line: lineNo, detail: "LF without CR" });
    const end = bytes[i - 1] === 0x0d ? i - 1 : i;
    const chunk = bytes.subarray(start, end);
    if (chunk.length > 75) out.push({ rule: "line-length", line: lineNo, detail: `${chunk.length} octets` });
    try {
      physical.push(decoder.decode(chunk));
    } catch {
      out.push({ rule: "split-character", line: lineNo, detail: "not valid UTF-8 on its own (a character split by a fold?)" });
      physical.push(new TextDecoder().decode(chunk));
    }
    start = i + 1;
  }
  if (start < bytes.length) {
    out.push({ rule: "crlf", line: physical.length + 1, detail: "the last line does not end with CRLF" });
    const chunk = bytes.subarray(start);
    if (chunk.length > 75) out.push({ rule: "line-length", line: physical.length + 1, detail: `${chunk.length} octets` });
    physical.push(new TextDecoder().decode(chunk));
  }

  // Unfold into content lines.
  const logical: { text: string; line: number }[] = [];
  physical.forEach((text, idx) => {
    const line = idx + 1;
    if (text.startsWith(" ") || text.startsWith("\t")) {
      const last = logical.at(-1);
      if (!last) out.push({ rule: "fold", line, detail: "the file starts with a continuation line" });
      else last.text += text.slice(1);
    } else if (text === "") out.push({ rule: "content-line", line, detail: "empty line" });
    else logical.push({ text, line });
  });

  // Parse, then build the component tree.
  const root: Component = { name: "", props: [], children: [], line: 0 };
  const stack: Component[] = [root];
  for (const { text, line } of logical) {
    const p = parseContentLine(text, line);
    if (typeof p === "string") {
      out.push({ rule: "content-line", line, detail: p });
      continue;
    }
    if (CONTROL_RE.test(p.value) || [...p.params.values()].flat().some((v) => CONTROL_RE.test(v))) {
      out.push({ rule: "control-char", line, detail: `${p.name} holds a control character` });
    }
    const top = stack.at(-1) as Component;
    if (p.name === "BEGIN") {
      if (!NAME_RE.test(p.value)) out.push({ rule: "structure", line, detail: `BEGIN:${p.value}` });
      const c: Component = { name: p.value.toUpperCase(), props: [], children: [], line };
      top.children.push(c);
      stack.push(c);
    } else if (p.name === "END") {
      if (stack.length === 1 || top.name !== p.value.toUpperCase()) {
        out.push({ rule: "structure", line, detail: `END:${p.value} does not close ${top.name || "anything"}` });
      } else stack.pop();
    } else if (stack.length === 1) out.push({ rule: "structure", line, detail: `${p.name} outside any component` });
    else top.props.push(p);
  }
  if (stack.length > 1) out.push({ rule: "structure", line: 0, detail: `${(stack.at(-1) as Component).name} is never closed` });
  if (root.children.length !== 1 || root.children[0]?.name !== "VCALENDAR") {
    out.push({ rule: "structure", line: 0, detail: "the file must be exactly one VCALENDAR" });
  }

  // §3.2.19: every TZID used names a VTIMEZONE of the file.
  const calendar = root.children[0];
  const zones = new Set(
    (calendar?.children ?? []).filter((c) => c.name === "VTIMEZONE").map((z) => z.props.find((p) => p.name === "TZID")?.value),
  );
  const tzidUse = (c: Component): Property[] => [...c.props.filter((p) => p.params.has("TZID")), ...c.children.flatMap(tzidUse)];
  for (const p of calendar ? tzidUse(calendar) : []) {
    const id = p.params.get("TZID")?.[0];
    if (!zones.has(id)) out.push({ rule: "tzid", line: p.line, detail: `TZID=${id} has no VTIMEZONE` });
  }

  const uids = new Map<string, number>();
  const walk = (c: Component, parent: Component | undefined) => {
    checkComponent(c, parent, out, uids);
    for (const child of c.children) walk(child, c);
  };
  for (const c of root.children) walk(c, undefined);
  return out;
}

function checkText(p: Property, out: Violation[]) {
  const v = p.value;
  for (let i = 0; i < v.length; i++) {
    const ch = v[i];
    if (ch === "\\") {
      const next = v[i + 1];
      if (next === undefined || !"\\;,nN".includes(next)) {
        out.push({ rule: "escaping", line: p.line, detail: `${p.name}: "\\${next ?? ""}" is not an escape` });
      }
      i++;
    } else if (ch === ";" || ch === ",") out.push({ rule: "escaping", line: p.line, detail: `${p.name}: unescaped "${ch}"` });
  }
}

function checkComponent(c: Component, parent: Component | undefined, out: Violation[], uids: Map<string, number>) {
  const all = (name: string) => c.props.filter((p) => p.name === name);
  const one = (name: string) => all(name)[0];
  const need = (name: string) => {
    if (all(name).length === 0) out.push({ rule: "required", line: c.line, detail: `${c.name} needs ${name}` });
  };
  for (const name of ONCE[c.name] ?? []) {
    const found = all(name);
    if (found.length > 1)
      out.push({ rule: "once", line: found[1]?.line ?? c.line, detail: `${name} appears ${found.length} times in ${c.name}` });
  }
  for (const p of c.props) if (SINGLE_TEXT.has(p.name)) checkText(p, out);

  if (c.name === "VCALENDAR") {
    if (parent) out.push({ rule: "structure", line: c.line, detail: "VCALENDAR inside another component" });
    need("VERSION");
    need("PRODID");
    const version = one("VERSION");
    if (version && version.value !== "2.0") out.push({ rule: "version", line: version.line, detail: `VERSION:${version.value}` });
    const calscale = one("CALSCALE");
    if (calscale && calscale.value !== "GREGORIAN")
      out.push({ rule: "structure", line: calscale.line, detail: `CALSCALE:${calscale.value}` });
    if (c.children.length === 0) out.push({ rule: "required", line: c.line, detail: "VCALENDAR needs at least one component" });
  }

  if (c.name === "VEVENT") {
    if (parent?.name !== "VCALENDAR") out.push({ rule: "structure", line: c.line, detail: "VEVENT outside VCALENDAR" });
    need("UID");
    need("DTSTAMP");
    need("DTSTART");
    const uid = one("UID");
    if (uid && !one("RECURRENCE-ID")) {
      if (uids.has(uid.value))
        out.push({ rule: "uid-duplicate", line: uid.line, detail: `UID ${uid.value} already on line ${uids.get(uid.value)}` });
      uids.set(uid.value, uid.line);
    }
    const stamp = one("DTSTAMP");
    if (stamp && !dateTimeMs(stamp.value)?.utc)
      out.push({ rule: "date-time", line: stamp.line, detail: `DTSTAMP must be a UTC date-time: ${stamp.value}` });

    const start = one("DTSTART");
    const end = one("DTEND");
    const duration = one("DURATION");
    const isDate = (p: Property) => p.params.get("VALUE")?.[0]?.toUpperCase() === "DATE";
    const instant = (p: Property): number | undefined => {
      if (isDate(p)) {
        const ms = dateMs(p.value);
        if (ms === undefined) out.push({ rule: "date", line: p.line, detail: `${p.name};VALUE=DATE:${p.value} is not a date` });
        return ms;
      }
      if (DATE_RE.test(p.value)) {
        out.push({ rule: "value-date", line: p.line, detail: `${p.name}:${p.value} is a date without VALUE=DATE` });
        return undefined;
      }
      const dt = dateTimeMs(p.value);
      if (!dt) out.push({ rule: "date-time", line: p.line, detail: `${p.name}:${p.value} is not a date-time` });
      else if (p.params.has("TZID") && dt.utc) out.push({ rule: "date-time", line: p.line, detail: `${p.name}: TZID with a UTC time` });
      return dt?.ms;
    };
    const s = start && instant(start);
    const e = end && instant(end);
    if (end && duration) out.push({ rule: "dtend-and-duration", line: duration.line, detail: "DTEND and DURATION in one VEVENT" });
    if (start && end && isDate(start) !== isDate(end)) {
      out.push({ rule: "date-pair", line: end.line, detail: "DTEND must have the same value type as DTSTART" });
    } else if (typeof s === "number" && typeof e === "number" && e <= s) {
      out.push({ rule: "dtend-order", line: end?.line ?? c.line, detail: "DTEND must be later than DTSTART" });
    }
    if (duration) {
      if (!DURATION_RE.test(duration.value) || duration.value.endsWith("T") || /P$/.test(duration.value)) {
        out.push({ rule: "duration", line: duration.line, detail: `DURATION:${duration.value} is not a duration` });
      } else if (start && isDate(start) && duration.value.includes("T")) {
        out.push({ rule: "duration", line: duration.line, detail: "a DATE DTSTART takes a DURATION of whole days or weeks" });
      }
    }
    const status = one("STATUS");
    if (status && !["TENTATIVE", "CONFIRMED", "CANCELLED"].includes(status.value)) {
      out.push({ rule: "status", line: status.line, detail: `STATUS:${status.value}` });
    }
    const transp = one("TRANSP");
    if (transp && !["OPAQUE", "TRANSPARENT"].includes(transp.value))
      out.push({ rule: "transp", line: transp.line, detail: `TRANSP:${transp.value}` });
    const url = one("URL");
    if (url && !URL.canParse(url.value)) out.push({ rule: "uri", line: url.line, detail: `URL:${url.value}` });
  }

  if (c.name === "VALARM") {
    if (parent?.name !== "VEVENT" && parent?.name !== "VTODO")
      out.push({ rule: "valarm", line: c.line, detail: "VALARM outside VEVENT/VTODO" });
    need("ACTION");
    need("TRIGGER");
    const action = one("ACTION")?.value.toUpperCase();
    if (action && !["AUDIO", "DISPLAY", "EMAIL"].includes(action) && !action.startsWith("X-")) {
      out.push({ rule: "valarm", line: c.line, detail: `ACTION:${action}` });
    }
    if ((action === "DISPLAY" || action === "EMAIL") && all("DESCRIPTION").length !== 1) {
      out.push({ rule: "valarm", line: c.line, detail: `${action} alarm needs one DESCRIPTION` });
    }
    if (action === "EMAIL" && (all("SUMMARY").length !== 1 || all("ATTENDEE").length === 0)) {
      out.push({ rule: "valarm", line: c.line, detail: "EMAIL alarm needs SUMMARY and ATTENDEE" });
    }
    if ((all("DURATION").length === 0) !== (all("REPEAT").length === 0)) {
      out.push({ rule: "valarm", line: c.line, detail: "DURATION and REPEAT go together" });
    }
    const trigger = one("TRIGGER");
    if (trigger) {
      const type = trigger.params.get("VALUE")?.[0]?.toUpperCase() ?? "DURATION";
      const related = trigger.params.get("RELATED")?.[0]?.toUpperCase();
      if (type === "DATE-TIME") {
        if (!dateTimeMs(trigger.value)?.utc)
          out.push({ rule: "trigger", line: trigger.line, detail: `TRIGGER date-time must be UTC: ${trigger.value}` });
        if (related) out.push({ rule: "trigger", line: trigger.line, detail: "RELATED only with a duration" });
      } else if (type !== "DURATION" || !DURATION_RE.test(trigger.value) || /[PT]$/.test(trigger.value)) {
        out.push({ rule: "trigger", line: trigger.line, detail: `TRIGGER:${trigger.value}` });
      } else if (related && related !== "START" && related !== "END") {
        out.push({ rule: "trigger", line: trigger.line, detail: `RELATED=${related}` });
      }
    }
  }
}
