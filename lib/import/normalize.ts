/**
 * A matching view of the announcement: the same length as the input, one character for one character, so a
 * match at [start, end) in the view is the quote text.slice(start, end) in the original. Full-width forms
 * become ASCII, traditional characters that matter to the rules become simplified, letters lower case.
 * The original is never changed: every quote is cut from it.
 */

const TRADITIONAL =
  "過过戶户記记錄录權权紅红轉转發发暫暂辦办東东會会週周時时兩两內内幣币兌兑淨净遞递間间後后於于為为與与將将須须獲获資资積积餘余潤润稅税據据準准議议舉举現现實实讀读勝胜億亿團团號号鋪铺國国區区灣湾銀银證证額额當当無无這这個个關关該该單单類类別别應应屆届決决項项註注條条並并務务產产處处從从價价報报買买賣卖開开場场稱称們们點点還还變变種种總总計计達达認认擬拟徵征扣扣繳缴滬沪龍龙電电車车長长級级頁页戶户寄寄郵邮誤误險险錢钱營营業业團团聯联結结擁拥減减組组網网經经歷历傳传書书執执聲声氣气臨临復复遲迟厘厘釐厘參参確确讓让檔档樓楼簡简詞词匯汇義义帶带數数張张麼么適适佈布財财屬属歸归銷销劃划賬账冊册僅仅權权滙汇額额續续連连價价殘残碎碎與与併并紀纪樣样齊齐覽览閱阅圖图檢检驗验請请則则規规範范審审進进選选擇择調调換换"; // pairs: traditional, simplified

const MAP = new Map<string, string>();
for (let i = 0; i + 1 < TRADITIONAL.length; i += 2) MAP.set(TRADITIONAL[i] as string, TRADITIONAL[i + 1] as string);
// Punctuation and forms with a one-character ASCII equivalent.
for (const [from, to] of [
  ["（", "("],
  ["）", ")"],
  ["：", ":"],
  ["，", ","],
  ["；", ";"],
  ["　", " "],
  ["\u00a0", " "],
  ["〇", "零"],
  ["○", "零"],
  ["Ｏ", "零"],
  ["－", "-"],
  ["–", "-"],
  ["—", "-"],
  ["／", "/"],
  ["．", "."],
  ["﹒", "."],
  ["“", '"'],
  ["”", '"'],
  ["「", '"'],
  ["」", '"'],
  ["’", "'"],
  ["‘", "'"],
  ["＄", "$"],
  ["＝", "="],
] as const)
  MAP.set(from, to);

/** The matching view (see above). Length and positions equal the input's. */
export function matchingView(text: string): string {
  let out = "";
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    let mapped: string;
    if (code >= 0xff01 && code <= 0xff5e && !MAP.has(ch)) mapped = String.fromCharCode(code - 0xfee0);
    else mapped = MAP.get(ch) ?? ch;
    // Keep one UTF-16 unit per unit: astral characters stay as they are.
    if (mapped.length !== ch.length) mapped = ch;
    const lower = mapped.toLowerCase();
    out += lower.length === mapped.length ? lower : mapped;
  }
  return out;
}
