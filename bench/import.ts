/**
 * npm run bench:import [-- --rounds N] [-- --fixtures FILE]: field precision (right ÷ given) and recall (right ÷ stated)
 * of the importer over test/fixtures/announcements (or over the manifest FILE: a held-out batch's first run,
 * docs/held-out-protocol.md), and the time per text document. Last line: one JSON object.
 */
import { runImportCli } from "../scripts/import-cli";
import { extractTerms, FIXTURES_DIR, loadFixtures, readFixtureText, score } from "./import-score";

const roundsArg = process.argv.indexOf("--rounds");
const rounds = roundsArg > 0 ? Math.max(1, Number(process.argv[roundsArg + 1]) || 1) : 50;

let given = 0;
let right = 0;
let stated = 0;
const wrong: string[] = [];
const fixturesArg = process.argv.indexOf("--fixtures");
const fixtures = fixturesArg > 0 ? loadFixtures(process.argv[fixturesArg + 1]) : loadFixtures();
for (const f of fixtures) {
  let result: ReturnType<typeof extractTerms>;
  if (f.file.endsWith(".pdf")) {
    const out = await runImportCli([`${FIXTURES_DIR}${f.file}`]);
    result = JSON.parse(out.stdout);
  } else result = extractTerms(readFixtureText(f));
  const s = score(f, result);
  given += s.given;
  right += s.right;
  stated += s.stated;
  for (const w of s.wrong) wrong.push(`${f.file}: ${w.term} = ${w.got} (expected ${w.want ?? "nothing"})`);
  const missed = Object.keys(f.expected).filter((t) => t !== "name" && !(t in result.fields));
  console.log(
    `${f.file.padEnd(46)} given ${String(s.given).padStart(2)}  right ${String(s.right).padStart(2)}  stated ${String(s.stated).padStart(2)}${missed.length ? `  missed: ${missed.join(", ")}` : ""}`,
  );
}

const texts = fixtures.filter((f) => f.file.endsWith(".txt")).map(readFixtureText);
const start = performance.now();
for (let r = 0; r < rounds; r++) for (const t of texts) extractTerms(t);
const msPerText = (performance.now() - start) / (rounds * texts.length);
const largest = texts.reduce((a, b) => (b.length > a.length ? b : a));
const t0 = performance.now();
for (let r = 0; r < rounds; r++) extractTerms(largest);
const msLargest = (performance.now() - t0) / rounds;
// Adversarial inputs of the API's maximum size (256 KB): the extractor must stay well under a second.
const hostile: Record<string, string> = {
  dates: "股权登记日为2023年7月3日。".repeat(9000),
  amounts: "每10股派2.60元人民币现金(含税)".repeat(9000),
  englishDates: "The record date is Monday, 3 July 2023. ".repeat(6500),
  digits: "1".repeat(262_000),
  closures: "2016年9月14日至9月19日暂停办理".repeat(9000),
  gluedDates: "二零二三年七月三日".repeat(25_000),
  times: "2023年7月3日 16:30 下午4时30分 ".repeat(9000),
  // Table rows whose cells a copy glued together, and one endless run of them (too long to be a row: not read).
  gluedTableRows: "股权登记日除权(息)日现金红利发放日\n2024/7/112024/7/122024/7/12\n".repeat(4000),
  gluedRun: "2024/7/11".repeat(29_000),
  // Brackets that never close, and amounts in cents.
  openBrackets: "(含税;扣税后,每10股派1.35元;".repeat(9000),
  cents: "H shares: RMB 6.5 cents per share (equivalent to HK 7.1 cents) ".repeat(4000),
  // A form's runs of spaces around labels and dates (the HKEX "EF001" form as a web copy gives it).
  spacedForm:
    `除权除息日${" ".repeat(40)}2022年6月9日${" ".repeat(60)}Date of shareholders' approval${" ".repeat(25)}09 June 2022${" ".repeat(60)}\n`.repeat(
      1200,
    ),
};
const msHostile: Record<string, number> = {};
for (const [name, text] of Object.entries(hostile)) {
  const h0 = performance.now();
  extractTerms(text.slice(0, 262_000));
  msHostile[name] = Number((performance.now() - h0).toFixed(1));
}
const pdf = fixtures.find((f) => f.file.endsWith(".pdf"));
let msPdf: number | null = null;
if (pdf) {
  const p0 = performance.now();
  await runImportCli([`${FIXTURES_DIR}${pdf.file}`]);
  msPdf = performance.now() - p0;
}

for (const w of wrong) console.log(`WRONG ${w}`);
const summary = {
  bench: "import",
  fixtures: fixtures.length,
  given,
  right,
  stated,
  precision: Number((right / given).toFixed(4)),
  recall: Number((right / stated).toFixed(4)),
  msPerTextDocument: Number(msPerText.toFixed(3)),
  msLargestText: Number(msLargest.toFixed(3)),
  largestTextChars: largest.length,
  msPdfFirstCall: msPdf === null ? null : Number(msPdf.toFixed(1)),
  msHostile256k: msHostile,
  rounds,
  node: process.version,
};
console.log(
  `precision ${summary.precision} (target ≥ 0.98), recall ${summary.recall} (target ≥ 0.90), ${summary.msPerTextDocument} ms per text document (target < 50)`,
);
console.log(JSON.stringify(summary));
