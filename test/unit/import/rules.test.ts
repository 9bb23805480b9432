import { describe, expect, it } from "vitest";
import { checkText, extractTerms, importAnnouncement } from "@/lib/import";
import { findDates, findTimes } from "@/lib/import/dates";
import { matchingView } from "@/lib/import/normalize";
import { divide, per10 } from "@/lib/import/numbers";

const dates = (s: string) => findDates(matchingView(s)).dates.map((d) => d.iso);
const times = (s: string) => findTimes(matchingView(s)).map((t) => t.hhmm);
const value = (text: string, term: string) => (extractTerms(text).fields as Record<string, { value: string } | undefined>)[term]?.value;

describe("dates in the forms issuers write", () => {
  it.each([
    ["Monday, 3 July 2023", ["2023-07-03"]],
    ["3 July 2023 (Monday)", ["2023-07-03"]],
    ["July 3, 2023", ["2023-07-03"]],
    ["2023年7月3日", ["2023-07-03"]],
    ["2023 年 7\n月 3 日", ["2023-07-03"]],
    ["二零二三年七月三日", ["2023-07-03"]],
    ["二〇二三年十二月三十一日", ["2023-12-31"]],
    ["15th to 19th March, 2018", ["2018-03-15", "2018-03-19"]],
    ["2019/6/4", ["2019-06-04"]],
    ["2016年9月14日至9月19日", ["2016-09-14", "2016-09-19"]],
    ["2018年3月1日公告。三月十二日至十六日", ["2018-03-01", "2018-03-12", "2018-03-16"]],
  ])("%s", (text, want) => expect(dates(text)).toEqual(want));

  it("drops a date whose weekday contradicts it", () => {
    expect(dates("Tuesday, 3 July 2023")).toEqual([]);
    expect(dates("2023年7月3日(星期二)")).toEqual([]);
  });

  it.each([
    ["4:30 p.m.", ["16:30"]],
    ["下午四時三十分", ["16:30"]],
    ["下午4時30分", ["16:30"]],
    ["16:30", ["16:30"]],
    ["4:00 p.m.", ["16:00"]],
  ])("time %s", (text, want) => expect(times(text)).toEqual(want));
});

describe("figures", () => {
  it("per share → per 10 exactly, and inverse rates", () => {
    expect(per10("0.38193", 1)).toBe("3.8193");
    expect(per10("2.600000", 10)).toBe("2.6");
    expect(divide("1", "1.095331").value).toBe("0.9129660349");
    expect(divide("0.912986", "1.00")).toEqual({ value: "0.912986", exact: true });
  });

  it("reads the rate in any direction as RMB per HK$1", () => {
    expect(value("The exchange rate is RMB0.878744 equivalent to HK$1.00 for the dividend.", "hRate")).toBe("0.878744");
    expect(value("汇率:港币:人民币=1:0.8321,股息", "hRate")).toBe("0.8321");
    expect(value("平均基准汇率(即人民币0.910328元兑1港元)计算股息", "hRate")).toBe("0.910328");
  });

  it("never takes the after-tax figure", () => {
    const t = "向全体股东每10股派0.300000元人民币现金(含税;扣税后,QFII、RQFII每10股派0.270000元;持有首发后限售股。证券代码:002252";
    expect(value(t, "cash")).toBe("0.3");
  });

  it("reads the source of new shares: 送 out of capital reserve is capitalisation", () => {
    expect(value("证券代码:000001 以资本公积金向全体股东每10股送3股。", "cap")).toBe("3");
    expect(value("证券代码:000001 向全体股东每10股送红股2股,派1元人民币现金。", "bonus")).toBe("2");
    // "bonus shares" with no source: left missing with a warning
    const r = extractTerms("The Company will issue 2 bonus shares for every 10 shares held, the dividend being paid later.");
    expect(r.fields.bonus).toBeUndefined();
    expect(r.fields.cap).toBeUndefined();
    expect(r.warnings.join(" ")).toMatch(/bonus shares/);
  });

  it("takes the corrected value", () => {
    const t = "「記錄日期」為2025年6月5日。公告表格所披露有關「記錄日期」修改如下:「記錄日期」改為2025年6月6日。H股股東";
    expect(value(t, "hRecord")).toBe("2025-06-06");
  });

  it("ignores a closure for attending the meeting", () => {
    const t =
      "為確定合資格出席股東大會並於會上投票的股東名單,本公司將於2013年9月28日(星期六)至2013年10月28日(星期一)(首尾兩天包括在內)暫停辦理H股股份過戶登記。";
    expect(value(t, "hCloseFrom")).toBeUndefined();
  });

  it("leaves conflicting values missing", () => {
    const r = extractTerms("H股 record date is 3 July 2023. The record date is 4 July 2023.");
    expect(r.fields.hRecord).toBeUndefined();
    expect(r.missing).toContain("hRecord");
  });
});

describe("bad input", () => {
  it("refuses empty, binary and oversized text, and text without terms", () => {
    expect(checkText(new Uint8Array())).toMatchObject({ ok: false, code: "import_empty" });
    expect(checkText(new TextEncoder().encode("   \n "))).toMatchObject({ ok: false, code: "import_empty" });
    expect(checkText(new Uint8Array([0xff, 0xfe, 0x00, 0x41]))).toMatchObject({ ok: false, code: "import_binary" });
    expect(checkText(new Uint8Array([0x41, 0x00, 0x42]))).toMatchObject({ ok: false, code: "import_binary" });
    expect(checkText(new Uint8Array(10 * 1024 * 1024).fill(0x41))).toMatchObject({ ok: false, code: "import_too_large" });
    expect(importAnnouncement("The weather in Hong Kong is fine today.")).toMatchObject({ ok: false, code: "import_no_terms" });
  });
});
