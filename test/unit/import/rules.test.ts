import { describe, expect, it } from "vitest";
import { checkText, extractTerms, importAnnouncement } from "@/lib/import";
import { findDates, findTimes } from "@/lib/import/dates";
import { joinBrokenLines } from "@/lib/import/extract";
import { matchingView } from "@/lib/import/normalize";
import { divide, per10 } from "@/lib/import/numbers";

const dates = (s: string) => findDates(matchingView(s)).dates.map((d) => d.iso);
const times = (s: string) => findTimes(matchingView(s)).map((t) => t.hhmm);
const value = (text: string, term: string) => (extractTerms(text).fields as Record<string, { value: string } | undefined>)[term]?.value;
const values = (text: string) =>
  Object.fromEntries(Object.entries(extractTerms(text).fields).map(([k, f]) => [k, f?.value])) as Record<string, string | undefined>;

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

describe("rules from held-out batch 3 (each one a form the first run missed or misread)", () => {
  it("never reads earnings or net assets per share as a dividend", () => {
    const t = "证券代码:600000 每10股转增4股。本次转增完成后,按新股本摊薄计算,2004年度每股收益为0.174元。";
    expect(value(t, "cash")).toBeUndefined();
    expect(value("2023年度每股净资产为5.21元,每10股派发现金红利1.00元(含税)。证券代码:000001", "cash")).toBe("1");
    expect(value("Earnings were RMB0.25 per share, and the Board proposes no final dividend.", "cash")).toBeUndefined();
  });

  it("reads the cash written after the share clauses of the same basis", () => {
    expect(value("证券代码:600626 以总股本338210865股为基数,每10股转增4股派1元(含税)。", "cash")).toBe("1");
    const t = "证券代码:002092 向全体股东每10股送2股红股、派0.7元现金(含税,扣税后,个人股东实际每10股派0.43元现金)。";
    expect(value(t, "cash")).toBe("0.7");
    expect(value(t, "bonus")).toBe("2");
  });

  it("reads explicit zero new shares, also across a PDF line break", () => {
    const t = "证券代码:002092 向全体股东每10股派发现金红利1.00元(含税),送红股0股(含税),不以公积金\n转增股本。";
    expect(value(t, "bonus")).toBe("0");
    expect(value(t, "cap")).toBe("0");
    const u = "证券代码:603127 本次仅进行现金红利分配,无送股和转增分配,流通股不会发生变化。每股派发现金红利0.03元。";
    expect(value(u, "bonus")).toBe("0");
    expect(value(u, "cap")).toBe("0");
    expect(value("证券代码:000001 每10股送红股0.5股,派1元(含税)。", "bonus")).toBe("0.5");
  });

  it("gives one date to ex and payment when the notice says 均为", () => {
    const t = "A股权益分派实施公告:股权登记日为2025年8月13日,除权(息)日及现金红利发放日均为2025年8月14日。";
    expect(value(t, "aEx")).toBe("2025-08-14");
    expect(value(t, "aPay")).toBe("2025-08-14");
    expect(value(t, "aRecord")).toBe("2025-08-13");
  });

  it("says A for a Mainland notice whose only market word is its stock code", () => {
    const r = extractTerms("证券代码:002109 证券简称:兴化股份\n向全体股东每10股派发现金红利1.5元(含税),不送红股。");
    expect(r.fields.classes?.value).toBe("A");
    expect(r.fields.classes?.quote).toContain("证券代码");
  });

  it("reads a record date labelled in brackets after the date, and a payment in HKD", () => {
    const t =
      "宣派每股0.3港元的特别股息,并将派付予于2024年6月12日(星期三)(记录日期)营业时间结束时名列公司股东名册之股东。特别股息预期将于2024年6月21日(星期五)或前后以港元支付。";
    expect(value(t, "hRecord")).toBe("2024-06-12");
    expect(value(t, "hPay")).toBe("2024-06-21");
    expect(value("公司將向於2023年6月27日(星期二)(記錄日期)名列公司股東名冊的股東派付現金股息。", "hRecord")).toBe("2023-06-27");
  });

  it("reads a lodgement deadline without a time as a date, and never guesses an unreadable time", () => {
    const t = "为符合资格获派股息,所有过户文件连同有关股票须于2024年6月12日前送交本公司的香港股份过户登记分处。";
    expect(value(t, "hLodge")).toBe("2024-06-12");
    const masked = "为符合资格享有特别股息,所有转让表格连同相关股票必须于2024年6月12日(星期三)下午四时三**前送交香港证券登记分处。";
    expect(value(masked, "hLodge")).toBeUndefined();
    const timed = "所有过户文件须于2024年6月12日下午四时三十分前送交本公司的香港股份过户登记分处。";
    expect(value(timed, "hLodge")).toBe("2024-06-12T16:30+08:00");
  });
});

describe("rules from held-out batch 4", () => {
  it("reads the payment date of a notice that says 股息 instead of 现金红利", () => {
    const t = "证券代码:002365 本公司此次委托中国结算深圳分公司代派的股息将于2011年05月03日通过股东托管证券公司直接划入其资金账户。";
    expect(value(t, "aPay")).toBe("2011-05-03");
  });

  it("lets the class written right before a label decide: a B-share record date is not A's", () => {
    const t =
      "● 股权登记日\nA股股权登记日\n2011年5月25日\nB股股权登记日\n2011年5月31日\nB股最后交易日\n2011年5月25日\n● 除权(除息)日:2011年5月26日";
    expect(value(t, "aRecord")).toBe("2011-05-25");
    expect(value(t, "aEx")).toBe("2011-05-26");
    expect(value(t.replace(/\n/g, " "), "aRecord")).toBe("2011-05-25");
  });

  it("reads new shares written after the cash clause of the same basis", () => {
    const t = "证券代码:600801 以资本公积金转增股本:向全体股东每10股派发现金红利2元(含税),转增10股,扣税后每10股派发现金红利1.8元。";
    expect(value(t, "cap")).toBe("10");
    expect(value(t, "cash")).toBe("2");
  });

  it("reads Mainland labels under an H timetable heading as H dates", () => {
    const t = [
      "现就H股和A股利润分配时间安排公告如下:",
      "1.H股利润分配时间安排",
      "暂停办理H股股份过户登记期间:2023年7月21日(周五)至2023年7月27日(周四)(包括首尾两天);",
      "股权登记日:2023年7月27日(周四);",
      "现金红利发放日:2023年8月10日(周四)。",
      "2.A股利润分配预计时间安排",
      "股权登记日:2023年7月27日(周四);除息日、现金红利发放日:2023年7月28日(周五)。",
    ].join("\n");
    for (const text of [t, t.replace(/\n/g, " ")]) {
      expect(value(text, "hRecord")).toBe("2023-07-27");
      expect(value(text, "hPay")).toBe("2023-08-10");
      expect(value(text, "aRecord")).toBe("2023-07-27");
      expect(value(text, "aPay")).toBe("2023-07-28");
      expect(value(text, "classes")).toBe("A,H");
    }
  });
});

describe("general mechanisms (round 5: one mechanism for a family of wordings)", () => {
  it("joins a line broken inside a sentence before matching, and quotes the input as it is", () => {
    const t =
      "证券代码:600000 本次利润分配以方案实施前的公司总股本为基数,本次权益分派股权登\n记日为2023年6月5日,除权除息日为2023年6月6日。";
    const r = extractTerms(t);
    expect(r.fields.aRecord?.value).toBe("2023-06-05");
    expect(r.fields.aRecord?.quote).toContain("股权登\n记日");
    expect(t.includes(r.fields.aRecord?.quote ?? "\u0000")).toBe(true);
    expect(joinBrokenLines("short line 股权登\n记日").text).toContain("\n"); // a short line is a heading: kept
  });

  it("reads any label of the lexicon with a bracket, a colon or a copula before its date", () => {
    expect(value("证券代码:600000 股权登记日(A股):2023年6月5日", "aRecord")).toBe("2023-06-05");
    expect(value("证券代码:600000 现金红利到账日:2023年6月9日", "aPay")).toBe("2023-06-09");
    expect(value("证券代码:600000 除息日预计为2023年6月6日", "aEx")).toBe("2023-06-06");
    expect(value("本公司H股股息派付日期为2024年7月5日。", "hPay")).toBe("2024-07-05");
  });

  it("reads a table of date columns without a class column, and never its header as a label", () => {
    const t = "证券代码:600000\n股权登记日 除权除息日 现金红利发放日\n2023年6月5日 2023年6月6日 2023年6月7日\n";
    expect(value(t, "aRecord")).toBe("2023-06-05");
    expect(value(t, "aEx")).toBe("2023-06-06");
    expect(value(t, "aPay")).toBe("2023-06-07");
  });

  it("carries the class of the nearest heading that names one", () => {
    // The line right above the label is a date, not the class: the heading two lines up decides.
    const t =
      "证券代码:600000\n一、A股\n股权登记日:2023年6月5日\n除权除息日:2023年6月6日\n(二)B股\n股权登记日:2023年6月8日\n除权除息日:2023年6月9日\n";
    expect(value(t, "aEx")).toBe("2023-06-06");
    const u =
      "证券代码:601390 股份代号:390\n1、A股\n股权登记日:2023年6月5日\n现金红利发放日:2023年6月9日\n2、H股\n股权登记日:2023年6月12日\n现金红利发放日:2023年6月20日\n";
    expect(value(u, "aPay")).toBe("2023-06-09");
    expect(value(u, "hPay")).toBe("2023-06-20");
  });

  it("shares one basis between the cash and the new shares, per share as well as per 10", () => {
    expect(value("证券代码:600000 向全体股东每股转增0.4股并派发现金红利0.15元(含税)。", "cash")).toBe("1.5");
    expect(value("证券代码:600000 向全体股东每股派发现金红利0.2元(含税),转增0.3股。", "cap")).toBe("3");
    // A figure between the basis and the amount breaks it: a total is not per share.
    expect(value("证券代码:600000 每股转增0.4股,共计转增12000股,派发现金红利总额3000元。", "cash")).toBeUndefined();
  });

  it("reads an HKEX timetable: dot leaders, qualifiers after the label, no 'from', no colon", () => {
    const t = [
      "Ex-dividend date ........................................ Friday, 7 June 2024",
      "Latest time for lodging transfers of shares ........ 4:30 p.m. on Monday, 10 June 2024",
      "Book closure period ...... Tuesday, 11 June 2024 to Friday, 14 June 2024 (both days inclusive)",
      "Record date for entitlement to the final dividend ...... Friday, 14 June 2024",
      "Record date for attending the AGM ...... Monday, 3 June 2024",
      "Expected payment date of the final dividend ...... Friday, 28 June 2024",
    ].join("\n");
    const r = extractTerms(`H shares. ${t}`);
    expect(r.fields.hEx?.value).toBe("2024-06-07");
    expect(r.fields.hLodge?.value).toBe("2024-06-10T16:30+08:00");
    expect(r.fields.hCloseFrom?.value).toBe("2024-06-11");
    expect(r.fields.hCloseTo?.value).toBe("2024-06-14");
    expect(r.fields.hRecord?.value).toBe("2024-06-14");
    expect(r.fields.hPay?.value).toBe("2024-06-28");
    expect(value("致H股股東:\n派付末期股息日期:2024年6月28日", "hPay")).toBe("2024-06-28");
  });

  it("reads the payment date whatever the cash is called", () => {
    expect(value("证券代码:000001 本公司此次委托中国结算代派的现金股利将于2023年6月9日通过股东托管证券公司划入资金账户。", "aPay")).toBe(
      "2023-06-09",
    );
  });
});

describe("rules from held-out batch 5 (general where the form is a family)", () => {
  it("takes out pinyin a web page inserted after characters, and quotes the input as it is", () => {
    const t = "證券代碼:601577 另悉,股權(quán)登記日為2022年12月23日,除息日為2022年12月23日,股息發(fā)放日為2022年12月26日。";
    const r = extractTerms(t);
    expect(r.fields.aRecord?.value).toBe("2022-12-23");
    expect(r.fields.aPay?.value).toBe("2022-12-26");
    expect(r.fields.aRecord?.quote).toContain("股權(quán)登記日");
    expect(t.includes(r.fields.aRecord?.quote ?? "\u0000")).toBe(true);
    const hk = "昭衍新藥發(fā)布公告,將按現有每10股股份獲轉(zhuǎn)增4股資本化股份的基準發行資本化股份,H股股東。";
    expect(value(hk, "cap")).toBe("4");
    // A bracket that is no pinyin (a list mark, an English word) stays.
    expect(joinBrokenLines("如下(a)及(b)").text).toBe("如下(a)及(b)");
  });

  it("reads any word of the lodgement-deadline label, never a currency election's deadline", () => {
    const t = "為確定股東享有末期股息的權利,接受辦理股份過戶登記的最后時間為2022年7月8日(星期五)下午四時三十分。港元";
    expect(value(t, "hLodge")).toBe("2022-07-08T16:30+08:00");
    const u = "H股 选择权截止时限:2025年11月25日 16:30\n递交股份过户文件最后时限:2025年11月3日 16:30\n";
    expect(value(u, "hLodge")).toBe("2025-11-03T16:30+08:00");
  });

  it("reads a rate written 相當於, a payment without 于, and an adjusted figure over the plan's", () => {
    expect(value("H股末期股息:人民幣兌港元平均中間價爲0.911804(即人民幣0.911804元相當於1港元)。", "hRate")).toBe("0.911804");
    // An amount in two currencies is no rate: only one unit against the other makes one.
    expect(value("H股末期股息為每股人民幣0.06元相當於0.0659港元。", "hRate")).toBeUndefined();
    expect(value("证券代码:300107 委托代派现金红利2024年6月7日划入账户。", "aPay")).toBe("2024-06-07");
    const t = "证券代码:300107 原方案以556,441,803股为基数,每10股派0.16元(含税);总股本增至559,013,768股,调整后每10股派0.159264元(含税)。";
    expect(value(t, "cash")).toBe("0.159264");
  });
});

describe("rules from held-out batch 6 (each a family of wordings the first run missed or misread)", () => {
  it("reads cents as hundredths of the unit, never as units", () => {
    // RMB 6.5 cents per share = RMB 0.065 per share = 0.65 per 10 shares.
    expect(value("H shares: an interim dividend of RMB 6.5 cents per ordinary Share (before tax).", "cash")).toBe("0.65");
    expect(value("H Shares: an interim dividend of the amount of Rmb4 cents per share was approved.", "cash")).toBe("0.4");
    // 港仙 and "HK cents" are Hong Kong cents: 5 cents = HK$0.05 per share = 0.5 per 10, in HKD.
    const hk = values("本公司宣派末期股息每股5港仙。港元");
    expect([hk.cash, hk.cashCurrency]).toEqual(["0.5", "HKD"]);
    expect(
      value("a final dividend of 12.5 HK cents per share to the H shareholders", "hCash") ??
        value("a final dividend of 12.5 HK cents per share to the H shareholders", "cash"),
    ).toBe("1.25");
  });

  it("reads a currency defined in a bracket, and a basis written after the amount's brackets", () => {
    const t =
      'H shares. The Company distributed a final dividend of Renminbi ("RMB") 0.90 (tax included) (approximately equivalent to Hong Kong dollars ("HK$") 1.111273 (tax included)) per 10 shares to shareholders whose names appeared on the H shares register on the record date (the "Record Date") of 30 May 2018.';
    expect(values(t)).toMatchObject({ cash: "0.9", cashCurrency: "RMB", hCash: "1.111273", hRecord: "2018-05-30" });
    // An HKD amount "equivalent to" something that is no RMB amount is not the H payment of a RMB dividend.
    expect(value("Hong Kong: a scrip dividend by way of new shares equivalent to HK$0.24 per share.", "hCash")).toBeUndefined();
  });

  it("reads more English sentences for the record date, the meeting, the ex-date and the lodgement", () => {
    expect(
      value(
        "Holders of H Shares whose names appeared in the register of members of the Company on September 17, 2004 are entitled.",
        "hRecord",
      ),
    ).toBe("2004-09-17");
    expect(
      value(
        "H Shares. The EGM was held at 18/F, World Trade Center, 122 Shuguang Road, Hangzhou, PRC on October 12, 2004 at 10:00 a.m.",
        "agm",
      ),
    ).toBe("2004-10-12");
    expect(value("H shares. Shareholders approved a dividend of RMB 0.055 per share on 28 October 2025.", "agm")).toBe("2025-10-28");
    expect(value("H shares. The ex-dividend date is set as 31 October 2025.", "hEx")).toBe("2025-10-31");
    // "by" a date without a time: that date (§3.4 reads it as 4:30 p.m.); "before" a date without a time: not read.
    expect(value("H shares. Shareholders must lodge transfer documents by 12 June 2024 to be registered.", "hLodge")).toBe("2024-06-12");
    expect(value("H shares. Shareholders must lodge transfer documents before 12 June 2024.", "hLodge")).toBeUndefined();
    const address =
      "the H share registrar, Level 54, Hopewell Centre, 183 Queen's Road East, Wan Chai, Hong Kong (for holders of H Shares), or to the registered office at 1999 Yunhe Road, Xiuzhou District, Jiaxing, Zhejiang Province, the PRC (for holders of A Shares)";
    const r = values(
      `In order to qualify, all transfer documents must be lodged with ${address}, for registration before 4:30 p.m. on 14 October 2020.`,
    );
    expect(r.hLodge).toBe("2020-10-14T16:30+08:00");
    // The lodgement tells A-share holders too where to lodge: the dividend concerns both markets.
    expect(r.classes).toBe("A,H");
  });

  it("reads more Chinese words: a closure without 办理, 派送红利股, 不送股, 折算为 against a hundred, a record date 确定", () => {
    expect(values("公司將於2024年7月19日至25日暫停H股過戶登記,以確定股息收款資格。")).toMatchObject({
      hCloseFrom: "2024-07-19",
      hCloseTo: "2024-07-25",
    });
    expect(value("证券代码:600522 每10股派送红利股0.9股、派现金红利0.1元(税前)。", "bonus")).toBe("0.9");
    expect(value("证券代码:603901 以资本公积金向全体股东每10股转增10股,不送股,不派发现金股利。", "bonus")).toBe("0");
    // HK$100 = RMB90.374: RMB 0.90374 per HK$1.
    expect(value("H股末期股息以港元支付,按港元100元折算为人民币90.374元的汇率计算。", "hRate")).toBe("0.90374");
    expect(value("H股末期股息:人民币0.06元折算为0.0659港元。", "hRate")).toBeUndefined();
    expect(value("濰柴動力將於2024年9月27日確定H股股東記錄日期。", "hRecord")).toBe("2024-09-27");
  });

  it("never takes a figure inside the SZSE form's bracket of after-tax amounts", () => {
    const t =
      "证券代码:002364 向全体股东每10股派1.500000元人民币现金(含税;扣税后,QFII、RQFII以及持有股改限售股的个人每10股派1.350000元;持有无限售流通股的个人股息红利税实行差别化税率征收,先按每10股派1.425000元,权益登记日后再按实际持股期限补缴税款。);同时,以资本公积金向全体股东每10股转增10.000000股。";
    expect(values(t)).toMatchObject({ cash: "1.5", cashCurrency: "RMB", cap: "10" });
  });

  it("takes the figures of an implementation on another base over the plan's", () => {
    const t =
      "证券代码:600748 公司以2007年末总股本587,541,643股为基数,每10股派发现金红利0.12元(含税)。本次利润分配方案按发行后总股本730,845,887股为基数实施:同时每10股派发现金红利0.096元(含税),以资本公积金向全体股东每10股转增4.0196股股份。";
    expect(values(t)).toMatchObject({ cash: "0.096", cap: "4.0196" });
  });

  it("reads a date table whose cells a copy glued together, and the 元 of a notice that dates only A shares", () => {
    const t = [
      "证券代码:688505 H股股东的现金分红有关情况详见本公司在香港联交所网站发布的公告。",
      "每股现金红利0.07元(含税)",
      "股权登记日除权(息)日现金红利发放日",
      "2024/7/112024/7/122024/7/12",
    ].join("\n");
    expect(values(t)).toMatchObject({ classes: "A", cash: "0.7", aRecord: "2024-07-11", aEx: "2024-07-12", aPay: "2024-07-12" });
    // A run that splits into dates in two ways is not read: "2024/1/112024/1/1" could end "1/1" or be "1/11" + "2024/1/1".
    expect(dates("2024/1/1120241/1")).toEqual([]);
    expect(dates("2024/7/112024/7/12")).toEqual(["2024-07-11", "2024-07-12"]);
  });
});

describe("rules from held-out batch 7 (each a family of wordings the first run missed or misread)", () => {
  it("never takes a period's end for a date, and takes the new date of a change", () => {
    const t =
      "H shares. The date of payment of the Company's final dividend for the year ended 31 December 2019 will be brought forward from 31 August 2020 to 21 August 2020.";
    expect(value(t, "hPay")).toBe("2020-08-21");
    expect(value("H shares. Payment date of the dividend for the six months ended 30 June 2024.", "hPay")).toBeUndefined();
  });

  it("never takes an amount the text calls after tax, even when the words come after it", () => {
    const t =
      "Shareholders will receive an interim cash dividend of RMB0.80 for every ten shares held. The dividends for H Shareholders will be paid in Hong Kong dollars, using the exchange rate of RMB0.915802 = HK$1.00, resulting in HK$0.087355 per H Share after tax.";
    expect(values(t)).toMatchObject({ cash: "0.8", hRate: "0.915802" });
    expect(values(t).hCash).toBeUndefined();
  });

  it("takes the market a clause names, when one sentence dates both", () => {
    const t =
      "The Final Dividend will be distributed on 19 June 2019 to the Shareholders whose names appear on the register of members of A shares of the Company on 18 June 2019 and will be distributed on 25 June 2019 to those whose names appear on the register of members of H shares of the Company on 10 June 2019.";
    expect(values(t)).toMatchObject({
      classes: "A,H",
      aPay: "2019-06-19",
      aRecord: "2019-06-18",
      hPay: "2019-06-25",
      hRecord: "2019-06-10",
    });
    const zh = "邮储银行(01658.HK) 股息派发 - A股现金股利预计于2026年1月12日派发 - H股现金股利预计于2026年2月13日派发";
    expect(values(zh)).toMatchObject({ classes: "A,H", aPay: "2026-01-12", hPay: "2026-02-13" });
  });

  it("reads the Mainland word for the record date as H's beside Hong Kong words, in a text that is no Mainland notice", () => {
    const t = "中国银行(03988)公布中期股息,以港元支付。公告显示,除净日为2025年12月2日,股权登记日为2025年12月10日。";
    expect(values(t)).toMatchObject({ hEx: "2025-12-02", hRecord: "2025-12-10" });
    expect(values(t).aRecord).toBeUndefined();
  });

  it("knows an HKEX stock code as Hong Kong, and dates a digest's words of either market by the text's other dates", () => {
    expect(
      values(
        "Bank of China (HK:3988): the record date has been set for 22 January 2025, with the payment date scheduled for 19 February 2025.",
      ),
    ).toMatchObject({ classes: "H", hRecord: "2025-01-22", hPay: "2025-02-19" });
    const t =
      "The shareholder approval date is set for December 20, 2024. Dividend distribution is scheduled for 24 January 2025 and share transfer registration will be suspended from 2 January to 7 January 2025.";
    expect(values(t)).toMatchObject({
      classes: "H",
      agm: "2024-12-20",
      hPay: "2025-01-24",
      hCloseFrom: "2025-01-02",
      hCloseTo: "2025-01-07",
    });
  });

  it("reads closures with a comma before 'to', and a label with a clause after it", () => {
    const t =
      "H shares (HK:1963). The new book closure period is set from December 31, 2024, to January 6, 2025, with an ex-dividend date of December 27, 2024.";
    expect(values(t)).toMatchObject({ hCloseFrom: "2024-12-31", hCloseTo: "2025-01-06", hEx: "2024-12-27" });
    expect(
      value(
        "(HK:0168) The ex-dividend date, when the stock begins trading without the dividend value, is scheduled for 03 July 2024.",
        "hEx",
      ),
    ).toBe("2024-07-03");
    // A clause about a meeting is no qualifier of the dividend's date.
    expect(value("(HK:0168) The record date, which is for attending the AGM, is 3 June 2024.", "hRecord")).toBeUndefined();
  });

  it("reads more ways to tell the meeting, 進 as 进, a basis of 100 shares, and a capital reserve not converted", () => {
    expect(value("中國中車(01766)於2022年6月16日(星期四)在中國北京市海澱區召開的2021年股東週年大會的投票表決結果。H股", "agm")).toBe(
      "2022-06-16",
    );
    expect(value("哈尔滨电气(01133)发布公告,2025年5月23日召开了股东周年大会、H股类别股东大会。", "agm")).toBe("2025-05-23");
    expect(value("威高股份(01066.HK)於二零二五年十月十七日舉行股東特別大會,所有決議案均已獲正式通過。H股", "agm")).toBe("2025-10-17");
    expect(value("證券代碼:600188 利潤分配方案已經2004年6月25日召開的2003年度股東周年大會審議批準。", "agm")).toBe("2004-06-25");
    expect(value("證券代碼:600188 本次不進行資本公積金轉增股本。", "cap")).toBe("0");
    // 每100股人民币10元 = 1元 per 10 shares; 每100股H股11.75456港元 = 1.175456 per 10.
    const t = "晋商银行(02558)通过按照每100股人民币10元(含税)派发末期现金股息。因此,每100股H股的末期股息为11.75456港元(含税)。";
    expect(values(t)).toMatchObject({ cash: "1", cashCurrency: "RMB", hCash: "1.175456" });
    expect(
      value(
        "H shares: after the cash dividend the Company will not increase its share capital by conversion of its capital reserve.",
        "cap",
      ),
    ).toBe("0");
  });

  it("takes the precise figure over a headline that rounds it, and never two figures that merely look alike", () => {
    const t = "重庆银行(01963)拟派发末期股息每股0.258港元。\n末期股息每股人民币0.236元(含税)。据此,该行每股H股股息为0.25816276港元(含税)。";
    expect(value(t, "hCash")).toBe("2.5816276");
    // 1元 and 1.2元 per 10 differ: 1.2 rounded to no decimals is 1, but a whole number is no rounded figure.
    expect(value("证券代码:600001 原方案每10股派1元(含税);实施方案每10股派1.2元(含税)。", "cash")).toBeUndefined();
  });

  it("leaves out dates whose order is impossible, and keeps those that are only unusual", () => {
    // A payment before the record date: a digest's typo; which one is wrong the text does not say.
    const t = "中国银行(03988)派发股息,以港元支付。股息将于2025年1月23日派发。除净日为2025年12月2日,股权登记日为2025年12月10日。";
    const r = values(t);
    expect([r.hPay, r.hRecord, r.hEx]).toEqual([undefined, undefined, undefined]);
    // A record date before the meeting that approves an interim dividend happens.
    const u =
      "Holders of H Shares whose names appeared in the register of members of the Company on September 17, 2004 are entitled. The EGM was held at Hangzhou on October 12, 2004.";
    expect(values(u)).toMatchObject({ hRecord: "2004-09-17", agm: "2004-10-12" });
  });

  it("reads a caption and a one-row table on one line: the same label twice is no header", () => {
    expect(value("证券代码:600620 ● 股权登记日 | 股权登记日 | 2011年6月8日 | ● 除权(除息)日:2011年6月9日", "aRecord")).toBe("2011-06-08");
  });
});

describe("rules from held-out batch 8 (each a family of wordings the first run missed or misread)", () => {
  it("reads the meeting in the 2024 Company Law's words and more ways to date it", () => {
    expect(value("证券代码:601088 本次利润分配方案已于2025年10月24日经公司2025年第二次临时股东会审议通过。", "agm")).toBe("2025-10-24");
    expect(value("长城汽车(02333)拟在2025年6月18日召开的股东周年大会上审议利润分配方案。H股", "agm")).toBe("2025-06-18");
    expect(value("比亚迪(01211)中期利润分配方案须由股东于临时股东大会上(2016年11月1日)以普通决议案方式通过。H股", "agm")).toBe(
      "2016-11-01",
    );
    expect(
      value(
        '(Stock code: 0576) The Company held an extraordinary general meeting (the "EGM") at 3:00 p.m. on Thursday, October 17, 2013 at Hangzhou.',
        "agm",
      ),
    ).toBe("2013-10-17");
    expect(value("(HK:3968) A final dividend of RMB 1.972 per share, with shareholder approval received on June 25, 2024.", "agm")).toBe(
      "2024-06-25",
    );
    expect(value("H shares. Due to the change of the date of the AGM to 23 June 2015, the closure will change.", "agm")).toBe("2015-06-23");
  });

  it("reads US-style ranges, year-less Chinese ranges, and a glued table row with an empty cell", () => {
    expect(
      values("(HK:3968) The ex-dividend date is set for July 3, 2024, with a book close period from July 5 to July 10, 2024."),
    ).toMatchObject({
      hEx: "2024-07-03",
      hCloseFrom: "2024-07-05",
      hCloseTo: "2024-07-10",
    });
    // The second date of "6月25日至7月3日" used to swallow the 至, so the closure was never read.
    const t = "青岛港(06198)除净日为2026年6月23日,最后递交股份过户文件的时限为6月24日16:30,暂停办理股份过户登记日期为6月25日至7月3日。";
    expect(values(t)).toMatchObject({
      hEx: "2026-06-23",
      hLodge: "2026-06-24T16:30+08:00",
      hCloseFrom: "2026-06-25",
      hCloseTo: "2026-07-03",
    });
    const row = "证券代码:600036 股份类别 股权登记日 最后交易日 除权(息)日 现金红利发放日\nA股2022/7/14-2022/7/152022/7/15";
    expect(values(row)).toMatchObject({ aRecord: "2022-07-14", aEx: "2022-07-15", aPay: "2022-07-15" });
  });

  it("reads amounts: ﹒ as a point, a currency after the number, 元 of a dividend declared in RMB, 相等于", () => {
    expect(values("新华保险(01336)(沪:601336)拟向全体股东派发现金股息每 股0﹒32056元(人民币.下同)。")).toMatchObject({
      cash: "3.2056",
      cashCurrency: "RMB",
    });
    expect(values("復星醫藥(股份代號02196)宣布將派發每股0.27人民幣的末期普通股息。")).toMatchObject({
      classes: "H",
      cash: "2.7",
      cashCurrency: "RMB",
    });
    expect(values("青岛港(06198)此次派息以人民币宣派,每10股1.988元,H股股息为每10股2.2868港元。")).toMatchObject({
      cash: "1.988",
      cashCurrency: "RMB",
      hCash: "2.2868",
    });
    expect(value("国药控股(01099)按人民币兑港元的平均汇率(即1.00港元相等于人民币0.92元)计算。", "hRate")).toBe("0.92");
  });

  it("never takes an interim already paid or the year's total for this dividend, nor a B-share rate for the H rate", () => {
    const t =
      "中国石化(00386)董事会建议按每股人民币0.11元(含税)进行末期现金股利分配(合计人民币95.37亿元),加上中期已派发现金股利每股人民币0.04元,全年合计现金股利每股人民币0.15元。H股";
    expect(value(t, "cash")).toBe("1.1");
    const b =
      "股票代码:000022、200022 每10股派5.00元人民币现金(含税)。A股股权登记日为2009年7月16日。B股股息折算汇率按中国人民银行公布的港币兑人民币的中间价(1港币=0.8802元人民币)计算。";
    expect(values(b).hRate).toBeUndefined();
    expect(values(b).classes).toBe("A");
  });

  it("reads chained share clauses, a label joined with a listing date, and new shares or reserves declined in English", () => {
    expect(values("证券代码:600889 每10股送1股转增1股派现金红利0.30元(含税)。")).toMatchObject({ bonus: "1", cap: "1", cash: "0.3" });
    expect(value("证券代码:002594 本次权益分派股权登记日为2025年7月28日,除权除息日及新增股份上市日为7月29日。", "aEx")).toBe("2025-07-29");
    const t =
      "(HK:0719) A cash dividend of RMB 0.025 per share, to be paid to both A Share and H Share shareholders. The dividend distribution will not involve capitalization of capital reserves or issuance of bonus shares.";
    expect(values(t)).toMatchObject({ classes: "A,H", cash: "0.25", bonus: "0", cap: "0" });
  });

  it("reads record and payment sentences of Hong Kong digests and the 上交所 of a Mainland one", () => {
    expect(value("中國鐵塔(0788)中期股息將於2024年11月29日或前後支付給名列於2024年9月26日股東名冊上的股東。", "hRecord")).toBe(
      "2024-09-26",
    );
    const t =
      "新华保险(01336)(沪:601336)分红派息对象为截至2012年8月15日15:00上海证券交易所收市后,在中登公司上海分公司登记在册的全体A股股东。A股股东的股息发放日为2012年8月24日,早于H股股东2012年9月28日发放特别分红的日期。";
    expect(values(t)).toMatchObject({ classes: "A,H", aRecord: "2012-08-15", aPay: "2012-08-24", hPay: "2012-09-28" });
    expect(
      values("中国石化(00386)H股股东的登记过户手续将于2007年6月11日(星期一)至2007年6月15日(星期五)(首尾两天包括在内)暂停。"),
    ).toMatchObject({
      hCloseFrom: "2007-06-11",
      hCloseTo: "2007-06-15",
    });
    expect(value("在上交所網站上,更正后每10股派發現金紅利人民幣4.20元(稅前)。", "classes")).toBe("A");
  });
});

describe("rules from held-out batch 9 (each a family of wordings the first run missed or misread)", () => {
  it("never takes a total for a per-share amount, nor a tax amount or what is paid after it", () => {
    // 奥特维 2022: "每股现金红利=拟派发现金红利总额245,942,073.60元(含税)÷…" was read as 2,459,420,736 per 10 shares.
    const t =
      "证券代码:688516 更正前:每股现金红利=拟派发现金红利总额245,942,073.60元(含税)÷实际参与分配的股本总数154,071,047股≈1.5963元/股。";
    expect(value(t, "cash")).toBeUndefined();
    const u =
      "证券代码:600866 每10股派现金红利0.3元。公司按10%的税率代扣个人所得税每股0.003元后,实际派发红利为每股0.027元;机构投资者实际发放现金红利为每股0.03元。";
    expect(value(u, "cash")).toBe("0.3");
  });

  it("reads fen, an adjustment in 繁體, and both markets named as paid", () => {
    const t =
      "中信銀行(00998)(滬:601998)按照維持分配總額不變的原則,由每股A股和H股派息35.6分人民幣,調整為每股32.61分人民幣,而港幣派發的股息每股約35.78港仙。";
    // 32.61 fen = RMB 0.3261 per share = 3.261 per 10; 35.78 Hong Kong cents = HK$0.3578 = 3.578 per 10.
    expect(values(t)).toMatchObject({ classes: "A,H", cash: "3.261", cashCurrency: "RMB", hCash: "3.578" });
  });

  it("reads a B-share rate written 港币:人民币 as no H rate", () => {
    const t =
      "江铃汽车(000550.SZ)每10股派34.76元人民币现金(含税)。B股股息折算汇率按人民币兑港币的中间价(港币:人民币=1:0.8321)折合港币兑付。其中,A股股权登记日为2021年7月15日。";
    expect(values(t)).toMatchObject({ classes: "A", aRecord: "2021-07-15" });
    expect(values(t).hRate).toBeUndefined();
  });

  it("leaves out a meeting that only let the board decide", () => {
    const t =
      "股票代码:600028 本公司于2024年6月28日召开了2023年年度股东大会,审议通过了授权本公司董事会决定2024年半年度利润分配方案的议案。每股派发现金红利0.1元(含税)。";
    expect(value(t, "agm")).toBeUndefined();
  });

  it("reads digests' English: recorded on the register, closed … through, the meeting scheduled, payment scheduled, per H share … will be", () => {
    const t =
      "Bank of Communications (Stock Code: 03328): the ESM is scheduled for 12 December 2025 at 9:30 a.m. in Shanghai. If approved, shareholders recorded on the H-share register on 24 December 2025 will be eligible. The register of H-share members will be closed from 19 December 2025 through 24 December 2025 (both dates inclusive).";
    expect(values(t)).toMatchObject({ agm: "2025-12-12", hRecord: "2025-12-24", hCloseFrom: "2025-12-19", hCloseTo: "2025-12-24" });
    expect(value("China CITIC Bank (HK:0998): an interim cash dividend with payment scheduled for January 15, 2025.", "hPay")).toBe(
      "2025-01-15",
    );
    const w =
      "Weigao (01066.HK) will distribute a final dividend of RMB 0.0943 per share to all shareholders included in the company's shareholder register on June 11, 2024. The company's dividend per H share before tax (i.e. RMB 0.0943) will be HK$0.1035.";
    expect(values(w)).toMatchObject({ hRecord: "2024-06-11", hCash: "1.035", cash: "0.943" });
  });

  it("reads 每10股以资本公积金转增股本8股, and 审议通过 with a space a joined line left inside", () => {
    expect(value("证券代码:301153 每 10 股以资本公积金转增股本 8 股。", "cap")).toBe("8");
    expect(value("证券代码:601390 本次利润分配方案经公司2025 年 6 月 20 日的2024年年度股东会审 议通过。", "agm")).toBe("2025-06-20");
  });
});

describe("rules from held-out batch 10", () => {
  it("reads an HKEX announcement of an A-share implementation as A, in its one-value-a-line form", () => {
    const t = [
      "(Stock Code: 1065)",
      "Announcement on the Implementation of",
      "2011 Profit Distribution for A Shares",
      "Cash dividend per share (before tax):",
      "RMB0.04",
      "Cash dividend per share (after tax):",
      "RMB0.036",
      "Registration date: 3 July 2012",
      "Ex-rights (ex-dividend) date: 4 July 2012",
      "Cash dividend payment date: 10 July 2012",
    ].join("\n");
    expect(values(t)).toMatchObject({
      classes: "A",
      cash: "0.4",
      cashCurrency: "RMB",
      aRecord: "2012-07-03",
      aEx: "2012-07-04",
      aPay: "2012-07-10",
    });
  });

  it("leaves out a rate that contradicts the text's own amounts", () => {
    const t =
      "Sichuan Expressway (HK:0107): a final dividend of RMB 0.24 per share, at the exchange rate of RMB 1 to HKD 0.91082, resulting in HKD 0.263499 per share.";
    // 0.24 ÷ 0.263499 = 0.9108 RMB per HK$1, not 1 ÷ 0.91082 = 1.0979.
    expect(values(t)).toMatchObject({ cash: "2.4", hCash: "2.63499" });
    expect(values(t).hRate).toBeUndefined();
  });

  it("reads the Mainland labels of a Hong Kong digest as H, unless the sentence is about Northbound (A-share) investors", () => {
    const t =
      "光大证券(06178)发布公告。此次末期股利以人民币计值,A股股东以人民币收取。股权登记日定为2026年7月21日,派息日为2026年8月28日。公司将于2026年7月16日至7月21日暂停办理H股股份过户登记手续。";
    expect(values(t)).toMatchObject({ classes: "H", hRecord: "2026-07-21", hPay: "2026-08-28" });
    const u =
      "福耀玻璃(03606)將於2025年5月16日至22日期間暫停辦理H股股份過戶登記手續。對於滬股通投資者,其股權登記日為2025年5月8日,除息日及現金股利派發日為2025年5月9日。";
    expect(values(u)).toMatchObject({ classes: "A,H", aRecord: "2025-05-08", aEx: "2025-05-09", aPay: "2025-05-09" });
  });

  it("reads a table row cut short at its end, a cut-off for transfers, and meetings to come", () => {
    const t =
      "证券代码:600835 股份类别 股权登记日 最后交易日 除权(息)日 现金红利发放日\nA股 2024/6/3 - 2024/6/4\nB股 2024/6/6 2024/6/3 2024/6/18";
    expect(values(t)).toMatchObject({ aRecord: "2024-06-03", aEx: "2024-06-04" });
    expect(values(t).aPay).toBeUndefined();
    expect(value("(HK:3606) H shares: the cut-off for transfer registration being 4:30 p.m. on October 13, 2025.", "hLodge")).toBe(
      "2025-10-13T16:30+08:00",
    );
    expect(value("(HK:6690) Shareholders are scheduled to approve this dividend on October 16, 2025.", "agm")).toBe("2025-10-16");
    expect(value("(HK:6178) A final dividend, with shareholders’ approval on May 28, 2024.", "agm")).toBe("2024-05-28");
  });
});

describe("rules from held-out batch 11", () => {
  it("reads the last day cum, the first day ex, and a lodgement that follows them, in a Chinese timetable", () => {
    const t =
      "潍柴动力(02338) - H股买卖附现金股息权利最后期限为2025年9月24日,扣除权利首日为9月25日 - 递交H股过户文件以享有现金股息最后期限为2025年9月26日下午4时30分 - H股暂停办理股份过户登记手续时间为2025年9月29日至10月3日";
    expect(values(t)).toMatchObject({
      hLastCum: "2025-09-24",
      hEx: "2025-09-25",
      hLodge: "2025-09-26T16:30+08:00",
      hCloseFrom: "2025-09-29",
      hCloseTo: "2025-10-03",
    });
  });

  it("reads a record date named after its date, and a payment told as done", () => {
    const t =
      "紫金矿业(02899)已于2020年7月17日就截至2019年12月31日止年度派付每10股人民币1元(含税)的末期股息。该等款项已支付予于2020年6月24日记录日期名列于该公司H股股东名册的股东。";
    expect(values(t)).toMatchObject({ cash: "1", hPay: "2020-07-17", hRecord: "2020-06-24" });
  });

  it("never takes the clauses after one 扣税后 for the declared cash, nor misses a meeting whose words a line broke", () => {
    const t =
      "证券代码:600583 扣税前每股派发现金红利 0.23 元\n扣税后自然人股东和证券投资基金每股派发现金红利 0.2185 元;\n合格境外机构投资者每股派发现金红利 0.2070 元;香港联交所投资者(沪港通)每股派发现金红利 0.2070 元。";
    expect(value(t, "cash")).toBe("2.3");
    const u =
      'H Shares. The Company held an extraordinary general\nmeeting (the "EGM") at 3:00 p.m. on Thursday, October 13, 2011 at Hangzhou.';
    expect(value(u, "agm")).toBe("2011-10-13");
  });
});

describe("rules from held-out batch 12", () => {
  it("reads 定於 and 則為 as copulas, a record at the close of business, and a year inside the per-share words", () => {
    const t = "中國農業銀行(01288)股息派發日定於2024年6月28日。除淨日為2024年5月30日,記錄日期則為2024年6月6日。";
    expect(values(t)).toMatchObject({ hPay: "2024-06-28", hEx: "2024-05-30", hRecord: "2024-06-06" });
    expect(value("中國南方航空(01055)末期股息將派發予于2018年6月27日營業結束時名列該公司股東名冊的股東。", "hRecord")).toBe("2018-06-27");
    expect(value("中国铝业(02600)应付H股股东的股息以港元支付,每股H股应付2024年中期股息为0.0887港元(含税)。", "hCash")).toBe("0.887");
  });

  it("reads a meeting dated before the words that say it was held", () => {
    expect(
      value(
        "On 28 November 2025, Agricultural Bank of China Limited (1288) held its 2025 second extraordinary shareholders’ meeting in Beijing.",
        "agm",
      ),
    ).toBe("2025-11-28");
  });
});

describe("rules from held-out batch 13", () => {
  it("never reads net profit per share as a dividend, nor a period's end written 截至…止 as a meeting", () => {
    expect(
      value("证券代码:300197 按新股本摊薄计算,2011年半年度每股净利润为0.44元。以资本公积金向全体股东每10股转增9股。", "cash"),
    ).toBeUndefined();
    const t =
      "江苏宁沪高速(00177.HK)公告,派发截至2019年12月31日止年度末期股息每股人民币0.46元(含税)予公司所有股东方案,已在年度股东大会通过。";
    expect(value(t, "agm")).toBeUndefined();
  });

  it("reads the SZSE form's meeting sentence with 决议通过, a long subject, and 'approval set for'", () => {
    expect(value("证券代码:002840 2019年度权益分派方案已获2020年5月19日召开的2019年度股东大会决议通过。", "agm")).toBe("2020-05-19");
    const t = "证券代码:000002 1、2021 年 6 月 30 日,万科企业股份有限公司(以下简称“公司”)2020 年度股东大会审议通过了利润分配方案。";
    expect(value(t, "agm")).toBe("2021-06-30");
    expect(value("BAIC Motor (HK:1958): a final dividend, with shareholder approval set for June 24, 2024.", "agm")).toBe("2024-06-24");
  });
});

describe("rules from held-out batch 14", () => {
  it("reads the market a sentence opens on, whoever else it names as paid with it", () => {
    const t = [
      "(Stock Code: 1234) Shareholders whose names appear on the H Share register of members on 30 June 2021 are entitled.",
      "The dividend for holders of A Shares, including holders of A Shares through the Northbound Trading Link and holders of",
      "H Shares through the Southbound Trading Link, will be paid in RMB on 20 July 2021.",
    ].join(" ");
    expect(values(t)).toMatchObject({ aPay: "2021-07-20", hRecord: "2021-06-30", classes: "A,H" });
    const u = "(Stock Code: 1234) The final dividend for holders of H Shares, other than A Shares holders, will be paid on 9 August 2021.";
    expect(values(u)).toMatchObject({ hPay: "2021-08-09" });
  });

  it("reads the date of a meeting its notice says will be held, past the names and definitions before it", () => {
    const t =
      'NOTICE IS HEREBY GIVEN that the 2020 Annual General Meeting (the "AGM") of the shareholders of Foo Bar Company Limited (the "Company") will be held at 9:30 a.m. on Friday, 18 June 2021 at the Company\'s conference room, to approve a final dividend of RMB0.10 per share (tax inclusive).';
    expect(value(t, "agm")).toBe("2021-06-18");
  });

  it("reads a payment 'on or before' past an amount's decimal point", () => {
    const t =
      "(Stock Code: 1234) The Company will distribute the final dividend of RMB0.15 per Share (tax inclusive) to the H Shareholders on or before 31 August 2021.";
    expect(values(t)).toMatchObject({ cash: "1.5", hPay: "2021-08-31" });
  });

  it("takes the figure on the base net of repurchased shares, the total kept, over the plan's; and 元(含税)人民币 is RMB", () => {
    const t = [
      "证券代码:000999 分配方案为向全体股东每10股派发现金1.2元(含税)。",
      "因回购股份不参与分红,本次权益分派按扣除回购股份后的股本为基数,在现金分红总金额不变的前提下,向全体股东每10股派1.234567元人民币现金(含税)。",
    ].join("\n");
    expect(values(t)).toMatchObject({ cash: "1.234567", cashCurrency: "RMB" });
    expect(values("证券代码:300999 向全体股东每 10 股派发 1.50 元(含税)人民币现金。")).toMatchObject({ cash: "1.5", cashCurrency: "RMB" });
  });
});

describe("rules from held-out batch 15", () => {
  it("reads a Chinese sentence that dates both markets clause by clause (及于 starts the second)", () => {
    const t =
      "(股份代號:0999)末期股息將於2021年6月18日派發予名列於本公司2021年6月17日A股股東名冊及於2021年6月25日派發予名列於本公司2021年6月10日H股股東名冊上的股東。";
    expect(values(t)).toMatchObject({
      aPay: "2021-06-18",
      aRecord: "2021-06-17",
      hPay: "2021-06-25",
      hRecord: "2021-06-10",
      classes: "A,H",
    });
  });

  it("reads English digests' closures, lodging, meetings and per H-share amounts, and never a meeting's date as the payment", () => {
    const t = [
      "(HK:1234) The company announced the payment date for the final dividend, which is subject to approval at the upcoming annual general meeting on June 12, 2025.",
      "The final dividend is HKD 0.0731 per H-share (including tax).",
      "The company will suspend the handling of H-share transfers from June 18, 2025, to June 23, 2025.",
      "Shareholders should note the importance of lodging transfer documents by June 17, 2025, to ensure entitlement.",
    ].join(" ");
    const got = values(t);
    expect(got).toMatchObject({
      agm: "2025-06-12",
      hCash: "0.731",
      hCloseFrom: "2025-06-18",
      hCloseTo: "2025-06-23",
      hLodge: "2025-06-17",
    });
    expect(got.hPay).toBeUndefined();
    expect(value("Foo Glass approved an interim dividend at its shareholders' meeting held on 20 October 2024. H Shares.", "agm")).toBe(
      "2024-10-20",
    );
  });

  it("reads Chinese H-share sentences: a moved payment date, 将预期在…或之前, a meeting dated in its bracket, a converted HKD amount", () => {
    const moved = "某某(01234)董事會知會H股股東,向H股股東派付末期股息的日期,將由2017年8月31日更改為2017年7月14日。";
    expect(value(moved, "hPay")).toBe("2017-07-14");
    const t = [
      "某某(01234.HK)公布,惟須待股東於即將召開的公司股東周年大會(將於2020年5月15日舉行)上批准後,方可作實。",
      "H股股东的股息将预期在2020年7月10日或之前派发。",
      "1.00港元兑人民币0.90321元,按此平均价折算,公司每股H股末期股息为0.1107港元(税前)。",
    ].join("");
    expect(values(t)).toMatchObject({ agm: "2020-05-15", hPay: "2020-07-10", hCash: "1.107" });
  });

  it("takes a headline's HKD per share rounded to two places as the body's figure rounded", () => {
    const t =
      "某某(02607)将于8月24日派发末期息每股0.46港元。每10股派发人民币3.80元(含税)的现金红利已获股东周年大会通过。公司H股每股应得现金红利为0.461249港元(含税)。";
    expect(value(t, "hCash")).toBe("4.61249");
  });

  it("reads A-share notices: 到帐日, the source between basis and 送, the meeting with its class meetings, and never a holder's after-tax figure", () => {
    const t = [
      "证券代码:600999 现金红利到帐日 2011年5月18日",
      "本次分配方案经公司2011年4月8日的2010年年度股东大会、2011年第一次A股类别股东会和2011年第一次H股类别股东会审议通过。",
      "每10股以未分配利润送2股。",
      "向全体股东每10股派发现金红利1元(含税)。对于个人股东,按10%的税率代扣所得税,实际派发现金红利为每股0.09元。",
      "沪股通等投资者每10股派0.9元。",
    ].join("\n");
    expect(values(t)).toMatchObject({ aPay: "2011-05-18", agm: "2011-04-08", bonus: "2", cash: "1" });
  });
});

describe("rules from held-out batch 16", () => {
  it("reads an adjusted figure with the old one's basis, and per-share bases written 每1股 / 每一股 / per 1 share", () => {
    expect(value("证券代码:688999 每10股派发现金红利由2.50元(含税)调整为2.5123元(含税)。", "cash")).toBe("2.5123");
    expect(value("(01234)公司将派付末期股息,每1股派送人民币0.42元(含适用税项)现金股息。H股", "cash")).toBe("4.2");
    expect(value("Stock code 01234\nDividend declared           RMB        0.05 per      1      share", "cash")).toBe("0.5");
  });

  it("reads English notices: 'on or⏎before', a meeting 'to be held at <address> on' past 'Corp.', an ex-entitlements basis", () => {
    const t = [
      "(Stock Code: 1234) Final dividend for the year ended 31 December 2015 will be distributed on or",
      "before Friday, 26 August 2016.",
      "Notices convening the AGM and the H Shareholders Class Meeting of Foo Corp. to be held at Foo Hotel, 1 Bar Road, Beijing on Thursday, 26 May 2016 at 9:00 a.m. will be issued separately.",
      "Holders of H Shares should note that the existing H Shares are expected to be dealt in on an",
      "ex-entitlements basis from Monday, 6 June 2016.",
    ].join("\n");
    expect(values(t)).toMatchObject({ hPay: "2016-08-26", agm: "2016-05-26", hEx: "2016-06-06" });
  });

  it("reads a record 'at the end of business hours', a spaced 除 权 (除息) 日, and a header cell a PDF wrapped", () => {
    expect(value("(01234)末期股息將於2024年8月23日向於2024年7月19日營業時間結束時名列本公司H股股東名冊的H股股東派付。", "hRecord")).toBe(
      "2024-07-19",
    );
    expect(value("证券代码:600999 ●除 权 (除息) 日:2012年8月17日", "aEx")).toBe("2012-08-17");
    const table = [
      "证券代码:688999",
      "  股权登记日      除权(息)日    新增无限售条件  现金红利发放日",
      "                                    流通股份上市日",
      "    2024/6/3        2024/6/4        2024/6/4        2024/6/4",
    ].join("\n");
    expect(values(table)).toMatchObject({ aRecord: "2024-06-03", aEx: "2024-06-04", aPay: "2024-06-04" });
  });

  it("says A for an A+H issuer's notice that is for the A shares only, and never reads a list of earlier years' distributions", () => {
    const t = "证券代码:000999、01999 本公司全体股东每10股派发现金股利人民币5元(含税)。H 股股东的权益分派不适用于本公告。";
    expect(values(t)).toMatchObject({ classes: "A", cash: "5" });
    const history =
      "某某公司每10股派发现金红利人民币2.00元(含税)。公司2006年末期10股派现1.3元,2008年中期每10股转增6股,2009年度再度每股派现4.8元。";
    const got = values(history);
    expect(got.cap).toBeUndefined();
    expect(got.cash).toBe("2");
  });
});

describe("rules from held-out batch 17", () => {
  it("never takes an interim already paid 按每10股, nor the figure for the ex-price computation", () => {
    const t =
      "证券代码:000999 2024 年度每 10 股派发现金股利人民币 6.08 元(含税),其中:2024 年中期已按每 10 股派发现金股利人民币 2.46 元(含税);2024 年末期以每 10 股派发现金股利人民币 3.62 元(含税)。";
    expect(value(t, "cash")).toBe("3.62");
    const u =
      "证券代码:000776 公司每股派发现金红利(含税)为0.1元,每10股派发1元。除息价格计算时,每股现金红利应以0.0997425元计算,即每10股现金红利为0.997425元。";
    expect(value(u, "cash")).toBe("1");
  });

  it("reads a closure 暂停过户登记日期, a label's date in brackets, and a timetable's purpose bracket", () => {
    expect(values("(01766)股息信息 - 暂停过户登记日期为2025年9月30日至10月6日")).toMatchObject({
      hCloseFrom: "2025-09-30",
      hCloseTo: "2025-10-06",
    });
    expect(value("证券代码:002142 公司将向权益分派股权登记日(2019年7月9日)收市后登记在册的普通股股东派发现金红利。", "aRecord")).toBe(
      "2019-07-09",
    );
    const t = [
      "(Stock code: 2202) EXPECTED TIMETABLE",
      "Record date for H shares (to determine H Shareholders' eligibility to receive cash dividend)",
      "31 July 2017 (Monday)",
      "The plan was duly approved by the shareholders of the Company at the 2016 annual general meeting of the Company on 30 June 2017.",
    ].join("\n");
    expect(values(t)).toMatchObject({ hRecord: "2017-07-31", agm: "2017-06-30" });
  });
});

describe("rules from held-out batch 18", () => {
  it("never takes the after-tax figure 扣除适用税项后, nor a year's total from which the paid interim is taken", () => {
    const t =
      "证券代码:601999 ● 每股派发现金股利人民币0.05元(含适用税项);扣除适用税项后每股现金股利人民币0.045元\n本次派发现金股利人民币0.05元(含税)。";
    expect(value(t, "cash")).toBe("0.5");
    const u =
      "证券代码:601999 公司按每股人民币0.30元(含税)向全体股东派发2024年度现金红利,扣除2024年中期已派发现金红利每股人民币0.10元(含税),按每股人民币0.20元(含税)向全体股东派发2024年末期现金红利。";
    expect(value(u, "cash")).toBe("2");
  });

  it("takes a plan adjusted with its new shares first, and reads 股东年会 and a meeting named before its date", () => {
    const t = "证券代码:600999 董事会审议通过每10股送1股,每10股派红利0.12元(含税)的方案,实施时将调整为每10股送0.9股,派现金0.1元(含税)。";
    expect(values(t)).toMatchObject({ cash: "0.1", bonus: "0.9" });
    expect(value("证券代码:600999 2007年5月24日公司2006年度股东年会审议通过了利润分配方案。", "agm")).toBe("2007-05-24");
    expect(value("证券代码:002999 2023年年度权益分派方案经2023年度股东大会于2024年5月22日审议通过。", "agm")).toBe("2024-05-22");
  });

  it("reads 兌換 in a 繁體 rate, a meeting 'for the year ended … held on', and cash paid 'by' the clearing house on a date", () => {
    expect(value("紫金礦業(股份代號:02899)每10股將派發2人民幣(RMB),並以1 RMB兌換1.099696港幣(HKD)的匯率進行派發。", "hRate")).toBe(
      "0.9093422182",
    );
    const t =
      '(Stock Code: 0753) The results of the resolutions passed at the annual general meeting of the Company for the year ended 31 December 2011 held on 24 May 2012 (the "AGM").';
    expect(value(t, "agm")).toBe("2012-05-24");
    const u = "证券代码:002338 A股股东的现金红利将由公司委托中国结算深圳分公司于2024年7月19日直接划入股东资金账户。";
    expect(value(u, "aPay")).toBe("2024-07-19");
  });
});

describe("line breaks found by the CRLF and joined-lines tests with batch 18", () => {
  it("keeps a blank CRLF line a boundary, and reads 元人⏎民币 joined with a space", () => {
    const lf =
      "某某2014年度权益分派实施公告\n来源:某某信息网 发布时间:2015/5/21 9:56:29 以及更多的来源文字在这一行\n\n福建省某某铝业股份有限公司\n\n证券代码:002999";
    expect(value(lf.replace(/\n/g, "\r\n"), "name")).toBe("福建省某某铝业股份有限公司");
    expect(value("证券代码:000999 向全体股东每10股派1.00元人 民幣現金(含稅)。", "cashCurrency")).toBe("RMB");
  });
});

describe("rules from held-out batch 19", () => {
  it("never reads a price as a dividend, but reads an HKD amount converted at a central parity rate", () => {
    const t =
      "证券代码:000417 向全体股东每10股派发现金红利1元人民币(含税)。本次实施权益分派方案后,承诺的最低减持价格将相应调整为每股1.68元。";
    expect(value(t, "cash")).toBe("1");
    const u = "(01234)派發每股人民幣0.21元(含稅)的末期股息,按人民銀行公佈的港幣對人民幣中間價平均值換算為每股港幣0.2301元。H股";
    expect(value(u, "hCash")).toBe("2.301");
  });

  it("reads an English digest of an A-share notice: CNY, and its ex-dividend date as A's", () => {
    const t =
      "上海某某: 2024年年度权益分派实施公告\nThe company announced a cash dividend of 0.114 CNY per share (including tax) for its A shares. - Record date: July 16, 2025 - Ex-dividend date: July 17, 2025";
    expect(values(t)).toMatchObject({ classes: "A", cash: "1.14", cashCurrency: "RMB", aRecord: "2025-07-16", aEx: "2025-07-17" });
  });

  it("never takes an interim 'together with' the final, its payment date, nor the year's total", () => {
    const t =
      "(Stock Code: 0576) The Directors have recommended to pay a final dividend of Rmb20.0 cents per share. Together with an interim dividend of Rmb7.0 cents per share paid on November 30, 2006, total dividend for the Period amounted to Rmb27.0 cents per share.";
    const got = values(t);
    expect(got.cash).toBe("2");
    expect(got.hPay).toBeUndefined();
  });

  it("reads 除 息 日 with a copy's spaces, and no name where 证券简称 is empty", () => {
    expect(value("证券代码:601038 ●除 息 日:2013年7月15日", "aEx")).toBe("2013-07-15");
    expect(value("证券代码:001236 证券简称: 公告编号:2024-037\n每10股派0.04元人民币现金(含税)。", "name")).toBeUndefined();
  });
});

describe("the HKEX dividend form in English (the same fields as the 简体 form of HTSC 2025)", () => {
  it("reads every field, the approval date as the meeting's, and the rate written RMB first", () => {
    const t = [
      "Dividend declared: RMB 0.15 per share",
      "Date of shareholders' approval: 17 Oct 2025",
      "Default currency and amount in which the dividend will be paid: HKD 0.1642997 per share",
      "Exchange rate: RMB 1 : HKD 1.095331",
      "Ex-dividend date: 31 Oct 2025",
      "Latest time to lodge transfer documents for registration with the registrar: 03 Nov 2025 16:30",
      "Book close period: From 04 Nov 2025 to 09 Nov 2025",
      "Record date: 09 Nov 2025",
      "Payment date: 12 Dec 2025",
    ].join("\n");
    const r = extractTerms(t);
    const got = Object.fromEntries(Object.entries(r.fields).map(([k, f]) => [k, f?.value]));
    // RMB 0.15 per share = 1.5 per 10; HKD 0.1642997 per share = 1.642997 per 10; 1 ÷ 1.095331 to 10 decimals.
    expect(got).toMatchObject({
      classes: "H",
      cash: "1.5",
      cashCurrency: "RMB",
      hCash: "1.642997",
      hRate: "0.9129660349",
      agm: "2025-10-17",
      hEx: "2025-10-31",
      hLodge: "2025-11-03T16:30+08:00",
      hCloseFrom: "2025-11-04",
      hCloseTo: "2025-11-09",
      hRecord: "2025-11-09",
      hPay: "2025-12-12",
    });
    expect(value("Date of shareholders’ approval: 5 June 2024\nH shares", "agm")).toBe("2024-06-05");
  });
});

describe("a name from broken text", () => {
  it("carries a lone surrogate as U+FFFD, so the terms and the fields give the same name", () => {
    const t = "证券代码:600999 证券简称:中\uD800国 公告编号:2024-01\n向全体股东每10股派发现金红利人民币1元(含税)。";
    const r = extractTerms(t);
    expect(r.fields.name?.value).toBe("中\uFFFD国");
    expect(new URLSearchParams(r.terms).get("name")).toBe(r.fields.name?.value);
    expect(t.includes(r.fields.name?.quote ?? "\u0000")).toBe(true);
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
