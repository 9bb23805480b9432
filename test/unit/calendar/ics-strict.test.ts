import { describe, expect, it } from "vitest";
import { checkIcs, type Rule } from "../../support/ics-strict";

// A small valid calendar, then one breach at a time: the checker must name each one.
const VALID = [
  "BEGIN:VCALENDAR",
  "VERSION:2.0",
  "PRODID:-//Test//Sample//EN",
  "BEGIN:VEVENT",
  "UID:a@test",
  "DTSTAMP:20230601T000000Z",
  "DTSTART;VALUE=DATE:20230623",
  "DTEND;VALUE=DATE:20230624",
  "SUMMARY:Last day\\, with a comma\\; and a semicolon",
  "DESCRIPTION:Line one\\nLine two \\\\ backslash",
  "STATUS:TENTATIVE",
  "URL:https://example.test/en#timeline",
  "BEGIN:VALARM",
  "ACTION:DISPLAY",
  "TRIGGER;VALUE=DATE-TIME:20230622T010000Z",
  "DESCRIPTION:Tomorrow",
  "END:VALARM",
  "BEGIN:VALARM",
  "ACTION:DISPLAY",
  "TRIGGER;RELATED=START:-PT2H",
  "DESCRIPTION:Soon",
  "END:VALARM",
  "END:VEVENT",
  "END:VCALENDAR",
];
const join = (lines: string[]) => `${lines.join("\r\n")}\r\n`;
const replace = (from: string, ...to: string[]) => {
  const i = VALID.indexOf(from);
  if (i < 0) throw new Error(`no line ${from}`);
  return join([...VALID.slice(0, i), ...to, ...VALID.slice(i + 1)]);
};
const rules = (text: string | Uint8Array) => [...new Set(checkIcs(text).map((v) => v.rule))].sort();

describe("the strict RFC 5545 checker", () => {
  it("passes a valid file, including a correctly folded multi-octet line", () => {
    expect(checkIcs(join(VALID))).toEqual([]);
    // 25 three-octet characters = 75 octets with "DESCRIPTION:" (12) split as 63 + fold: fold between characters.
    const long = `DESCRIPTION:${"漢".repeat(21)}\r\n ${"漢".repeat(20)}`;
    expect(checkIcs(replace("DESCRIPTION:Line one\\nLine two \\\\ backslash", long))).toEqual([]);
  });

  const cases: [string, string | Uint8Array, Rule][] = [
    ["bare LF line ends", VALID.join("\n"), "crlf"],
    ["no CRLF after the last line", VALID.join("\r\n"), "crlf"],
    ["a 76-octet line", replace("SUMMARY:Last day\\, with a comma\\; and a semicolon", `SUMMARY:${"x".repeat(68)}`), "line-length"],
    [
      "a line of 31 characters but 77 octets (CJK)",
      replace("SUMMARY:Last day\\, with a comma\\; and a semicolon", `SUMMARY:${"漢".repeat(23)}`),
      "line-length",
    ],
    ["a fold inside a UTF-8 character", foldInsideCharacter(), "split-character"],
    ["a lone surrogate", replace("DESCRIPTION:Tomorrow", "DESCRIPTION:\uD83D"), "split-character"],
    ["a continuation line first", ` ${join(VALID)}`, "fold"],
    ["an empty line", replace("STATUS:TENTATIVE", "STATUS:TENTATIVE", ""), "content-line"],
    ["a line without a colon", replace("STATUS:TENTATIVE", "STATUS TENTATIVE"), "content-line"],
    ["a control character", replace("DESCRIPTION:Tomorrow", "DESCRIPTION:Tomo\u0007rrow"), "control-char"],
    ["an unescaped comma", replace("SUMMARY:Last day\\, with a comma\\; and a semicolon", "SUMMARY:Last day, with a comma"), "escaping"],
    ["an unescaped semicolon", replace("DESCRIPTION:Tomorrow", "DESCRIPTION:Tomorrow; 9:00"), "escaping"],
    ["a backslash that escapes nothing", replace("DESCRIPTION:Tomorrow", "DESCRIPTION:C:\\temp"), "escaping"],
    ["no VERSION", replace("VERSION:2.0"), "required"],
    ["VERSION 1.0", replace("VERSION:2.0", "VERSION:1.0"), "version"],
    ["no PRODID", replace("PRODID:-//Test//Sample//EN"), "required"],
    ["no UID", replace("UID:a@test"), "required"],
    ["no DTSTAMP", replace("DTSTAMP:20230601T000000Z"), "required"],
    ["a local DTSTAMP", replace("DTSTAMP:20230601T000000Z", "DTSTAMP:20230601T000000"), "date-time"],
    ["no DTSTART", replace("DTSTART;VALUE=DATE:20230623"), "required"],
    ["a date without VALUE=DATE", replace("DTSTART;VALUE=DATE:20230623", "DTSTART:20230623"), "value-date"],
    ["a TZID without its VTIMEZONE", replace("DTEND;VALUE=DATE:20230624", "DTEND;TZID=Asia/Hong_Kong:20230624T090000"), "tzid"],
    ["an impossible date", replace("DTSTART;VALUE=DATE:20230623", "DTSTART;VALUE=DATE:20230230"), "date"],
    ["a DATE start with a DATE-TIME end", replace("DTEND;VALUE=DATE:20230624", "DTEND:20230624T000000Z"), "date-pair"],
    ["DTEND not after DTSTART", replace("DTEND;VALUE=DATE:20230624", "DTEND;VALUE=DATE:20230623"), "dtend-order"],
    ["DTEND and DURATION", replace("DTEND;VALUE=DATE:20230624", "DTEND;VALUE=DATE:20230624", "DURATION:P1D"), "dtend-and-duration"],
    ["DURATION:P1DT, as the ics library wrote it", replace("DTEND;VALUE=DATE:20230624", "DURATION:P1DT"), "duration"],
    ["a time DURATION on a DATE start", replace("DTEND;VALUE=DATE:20230624", "DURATION:PT24H"), "duration"],
    ["an unknown STATUS", replace("STATUS:TENTATIVE", "STATUS:MAYBE"), "status"],
    ["a property twice", replace("STATUS:TENTATIVE", "STATUS:TENTATIVE", "STATUS:CONFIRMED"), "once"],
    ["a URL that is not a URI", replace("URL:https://example.test/en#timeline", "URL:not a uri"), "uri"],
    ["an alarm without ACTION", replace("ACTION:DISPLAY"), "required"],
    ["a display alarm without DESCRIPTION", replace("DESCRIPTION:Tomorrow"), "valarm"],
    ["an alarm without TRIGGER", replace("TRIGGER;VALUE=DATE-TIME:20230622T010000Z"), "required"],
    [
      "an absolute TRIGGER in local time",
      replace("TRIGGER;VALUE=DATE-TIME:20230622T010000Z", "TRIGGER;VALUE=DATE-TIME:20230622T090000"),
      "trigger",
    ],
    ["an empty TRIGGER duration", replace("TRIGGER;RELATED=START:-PT2H", "TRIGGER:-PT"), "trigger"],
    ["DURATION without REPEAT in an alarm", replace("DESCRIPTION:Soon", "DESCRIPTION:Soon", "DURATION:PT5M"), "valarm"],
    [
      "a VALARM outside VEVENT",
      replace("BEGIN:VEVENT", "BEGIN:VALARM", "ACTION:DISPLAY", "TRIGGER:-PT1H", "DESCRIPTION:x", "END:VALARM", "BEGIN:VEVENT"),
      "valarm",
    ],
    ["an END that closes the wrong component", replace("END:VEVENT", "END:VTODO"), "structure"],
    ["two VCALENDARs", join([...VALID, ...VALID]), "structure"],
    ["the same UID twice", join([...VALID.slice(0, 3), ...VALID.slice(3, -1), ...VALID.slice(3, -1), "END:VCALENDAR"]), "uid-duplicate"],
  ];
  it.each(cases)("finds %s", (_, text, rule) => {
    expect(rules(text)).toContain(rule);
  });
});

/** A DESCRIPTION whose fold splits "漢" (3 octets) after its first octet. */
function foldInsideCharacter(): Uint8Array {
  const enc = new TextEncoder();
  const head = enc.encode(replace("DESCRIPTION:Tomorrow", "DESCRIPTION:漢字")).slice();
  const at = head.indexOf(0xe6); // first octet of 漢
  const fold = enc.encode("\r\n ");
  const out = new Uint8Array(head.length + fold.length);
  out.set(head.subarray(0, at + 1));
  out.set(fold, at + 1);
  out.set(head.subarray(at + 1), at + 1 + fold.length);
  return out;
}
