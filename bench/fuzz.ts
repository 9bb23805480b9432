/**
 * npm run fuzz [-- --runs N] — random and hostile inputs (fast-check) against the entitlement API, the
 * subscriptions API, the import API (POST /api/v1/import: announcement text) and the CLI. Every answer must be
 * 2xx or a 4xx with { "error": { code, message } }; any 5xx, crash or malformed refusal is a failure. Prints
 * counts; the last line is one JSON object. Default 10,000 inputs: 4,500 entitlement API, 3,000 subscriptions
 * API, 1,000 import API, 1,500 CLI (1,450 in process and 50 as real processes).
 */
import { execFile } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { MAX_TEXT_BYTES } from "../lib/import";
import { runEntitlementCli } from "../scripts/entitlement-cli";
import { startRedis } from "../test/support/redis";
import { startWebServer } from "../test/support/web-server";

const seedArg = process.argv.indexOf("--seed");
// A fixed seed makes a run repeatable (npm test uses one); by default each run explores new inputs.
const seed = seedArg > 0 ? Number(process.argv[seedArg + 1]) : Date.now() % 2 ** 31;
fc.configureGlobal({ seed });
const runsArg = process.argv.indexOf("--runs");
const total = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 10_000;
const share = {
  entitlement: Math.round(total * 0.45),
  subscriptions: Math.round(total * 0.3),
  import: Math.round(total * 0.1),
  cli: Math.round(total * 0.15),
};
const cliProcesses = Math.min(50, Math.round(share.cli / 10));

const counts: Record<string, Record<string, number>> = { entitlement: {}, subscriptions: {}, import: {}, cli: {} };
const failures: string[] = [];
const count = (target: string, key: string | number) => {
  const bucket = counts[target] ?? {};
  bucket[key] = (bucket[key] ?? 0) + 1;
  counts[target] = bucket;
};
const fail = (what: string) => {
  if (failures.length < 20) failures.push(what.slice(0, 400));
};

function isErrorBody(text: string): boolean {
  try {
    const body = JSON.parse(text) as { error?: { code?: unknown; message?: unknown } };
    return typeof body.error?.code === "string" && typeof body.error?.message === "string" && body.error.message.length > 0;
  } catch {
    return false;
  }
}

// --- arbitraries ---------------------------------------------------------------------------------------
const hostileText = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: "grapheme", maxLength: 20 }),
  fc.constantFrom(
    "",
    " ",
    "0",
    "-1",
    "1e3",
    "1E+400",
    "1.5",
    ".5",
    "1,234",
    "１２３４",
    "12,34",
    "Infinity",
    "NaN",
    "0x10",
    "  1234  ",
    "99999999999999999999999999",
    "125466000",
    "125466001",
    "713621782",
    "__proto__",
    "constructor",
    "toString",
    "<script>alert(1)</script>",
    "'; DROP TABLE x; --",
    "%00",
    "\u0000",
    "\u202e1234",
    "𝟏𝟐𝟑",
    "H",
    "A",
    "h",
    "B",
    "hk-individual",
    "qfii",
    "jlmag-2022-final",
  ),
  fc.integer().map(String),
  fc.double().map(String),
  fc.bigInt().map(String),
);
const paramName = fc.oneof(fc.constantFrom("event", "class", "shares", "holder", "price"), fc.string({ maxLength: 12 }));
// Half hostile, half plausible (so the engine's success path is fuzzed too, not only its refusals).
const plausible = fc
  .tuple(
    fc.constantFrom("H", "A", "h"),
    fc.integer({ min: -5, max: 800_000_000 }),
    fc.constantFrom(undefined, "hk-individual", "prc-individual", "qfii", "northbound", "southbound-fund"),
    fc.option(fc.double({ min: 0, max: 1000, noNaN: true })),
  )
  .map(
    ([cls, shares, holder, price]) =>
      [
        ["class", cls],
        ["shares", shares.toLocaleString("en-US")],
        ...(holder ? [["holder", holder]] : []),
        ...(price !== null ? [["price", price.toFixed(2)]] : []),
      ] as [string, string][],
  );
const query = fc.oneof(fc.array(fc.tuple(paramName, hostileText), { maxLength: 7 }), plausible);

const validKeys = {
  p256dh: "BNcRdreALRFXTkOOUHK1EtK2wtaz5Ry4YfYCA_0QTpQtUbVlUls0VJXg7A8u-Ts1XbjhazAkj7I99e8QcYP7DkM",
  auth: "tBHItJI5svbpez7KI4CCXg",
};
const validBody = {
  subscription: { endpoint: "https://fcm.googleapis.com/fcm/send/abc", expirationTime: null, keys: validKeys },
  event: "jlmag-2022-final",
  class: "H",
  milestones: ["h-lodgement-deadline"],
  leads: ["PT2H"],
  locale: "en",
};
const mutatedBody = fc
  .tuple(
    fc.constantFrom(...Object.keys(validBody), "subscription.endpoint", "subscription.keys", "subscription.keys.p256dh", "extra"),
    fc.jsonValue(),
  )
  .map(([path, value]) => {
    const body = structuredClone(validBody) as Record<string, unknown>;
    const [head, ...rest] = path.split(".");
    let node = body;
    for (const k of rest.length ? [head as string, ...rest.slice(0, -1)] : []) node = (node[k] ?? {}) as Record<string, unknown>;
    node[rest.length ? (rest.at(-1) as string) : (head as string)] = value;
    return JSON.stringify(body);
  });
const hostileEndpoint = fc
  .constantFrom(
    "http://fcm.googleapis.com/x",
    "https://user:pass@fcm.googleapis.com/x",
    "https://fcm.googleapis.com.evil.example/x",
    "https://127.0.0.1/x",
    "https://169.254.169.254/latest",
    "https://[::1]/x",
    "https://[::ffff:127.0.0.1]/x",
    "https://10.0.0.1/x",
    "https://fcm.googleapis.com:8443/x",
    "javascript:alert(1)",
    "file:///etc/passwd",
    `https://fcm.googleapis.com/${"a".repeat(5000)}`,
    // Spellings of one push address (issue 13): each must be refused, never stored as another subscription.
    "https://FCM.GOOGLEAPIS.COM/fcm/send/abc",
    " https://fcm.googleapis.com/fcm/send/abc",
    "https://fcm.googleapis.com/fcm/send/abc\t",
    "https://fcm.googleapis.com/fcm/send/\nabc",
    "https://ｆｃｍ.googleapis.com/fcm/send/abc",
    "https://fcm.googleapis.com:443/fcm/send/abc",
    "https://fcm.googleapis.com./fcm/send/abc",
    "https://fcm.googleapis.com/fcm/send/../send/abc",
  )
  .map((endpoint) => JSON.stringify({ ...validBody, subscription: { ...validBody.subscription, endpoint } }));
// Someone else's endpoint with their own keys (issue 13): refused with 403, never a takeover.
const takeover = fc.uint8Array({ minLength: 16, maxLength: 16 }).map((auth) =>
  JSON.stringify({
    ...validBody,
    subscription: { ...validBody.subscription, keys: { ...validKeys, auth: Buffer.from(auth).toString("base64url") } },
  }),
);
// Typed-in events (issue 8): §3.4 terms, plausible or hostile, for POST; DELETE bodies naming an event.
const termName = fc.oneof(
  fc.constantFrom("event", "name", "classes", "cash", "cashCurrency", "hCash", "hRate", "bonus", "cap", "hLot", "aLot"),
  fc.constantFrom("agm", "hLastCum", "hEx", "hLodge", "hCloseFrom", "hCloseTo", "hRecord", "hPay", "aRecord", "aEx", "aPay"),
  fc.string({ maxLength: 10 }),
);
const termValue = fc.oneof(
  hostileText,
  fc.constantFrom(
    "H",
    "A,H",
    "HKD",
    "RMB",
    "2.60",
    "0",
    "2026-12-15",
    "2027-01-05T16:30+08:00",
    "2030-01-01",
    "2020-01-01",
    "x".repeat(90),
  ),
);
const terms = fc.oneof(
  fc.array(fc.tuple(termName, termValue), { maxLength: 9 }).map((pairs) => new URLSearchParams(pairs).toString()),
  fc.constant("classes=H&cash=1.5&cashCurrency=HKD&hLodge=2026-12-15&hRecord=2026-12-18&hPay=2027-01-20&name=Fuzz+Co"),
  fc.string({ maxLength: 300 }),
  fc.constant("a=1&".repeat(700)),
);
const customEventBody = fc
  .tuple(terms, fc.constantFrom(["h-lodgement-deadline"], ["h-payment", "h-record-date"], ["a-payment"], ["__proto__"]))
  .map(([t, milestones]) => JSON.stringify({ ...validBody, event: "custom", terms: t, milestones }));
const deleteBody = fc
  .record({
    endpoint: fc.constantFrom(validBody.subscription.endpoint, "https://fcm.googleapis.com/fcm/send/other"),
    auth: fc.constantFrom(validKeys.auth, "AAAAAAAAAAAAAAAAAAAAAA"),
    event: fc.option(fc.oneof(fc.constantFrom("jlmag-2022-final", "custom", "custom-0123456789abcdef0123456789abcdef"), fc.string()), {
      nil: undefined,
    }),
    terms: fc.option(terms, { nil: undefined }),
  })
  .map((b) => JSON.stringify(b));
// Forwarding headers a client invents (issue 13): they must not change who the server thinks it is.
const forgedHeaders = fc.option(
  fc.record({
    "x-forwarded-for": fc.oneof(
      fc.ipV4(),
      fc.ipV6(),
      fc.string({ maxLength: 60 }).filter((v) => !/[\r\n\0]/.test(v)),
    ),
    "x-real-ip": fc.ipV4(),
    "x-entitle-peer": fc.oneof(fc.ipV4(), fc.ipV6()),
    "x-forwarded-host": fc.constantFrom("evil.example", "entitle.example:1", "[::1]"),
  }),
  { nil: undefined },
);
const subscriptionRequest = fc.record({
  method: fc.constantFrom("POST", "DELETE", "POST", "PUT", "PATCH"),
  contentType: fc.constantFrom("application/json", "application/json", "text/plain", "application/x-www-form-urlencoded", ""),
  body: fc.oneof(
    fc.jsonValue().map((v) => JSON.stringify(v)),
    mutatedBody,
    hostileEndpoint,
    takeover,
    customEventBody,
    deleteBody,
    fc.string({ maxLength: 200 }),
    fc.constant("{".repeat(3000)),
    fc.constant("x".repeat(20_000)),
  ),
  headers: forgedHeaders,
});
// Announcements (issue 15, DESIGN §3.5): real ones cut, spliced and corrupted, hostile text and bytes, sizes
// around the 256 KB limit, every content type, streamed (chunked) or not.
const ANNOUNCEMENTS = readdirSync("test/fixtures/announcements")
  .filter((f) => f.endsWith(".txt"))
  .map((f) => readFileSync(join("test/fixtures/announcements", f), "utf8"));
const utf8 = (text: string) => new TextEncoder().encode(text);
const announcement = fc.constantFrom(...ANNOUNCEMENTS);
/** A piece of a real announcement, with hostile text spliced in at random places. */
const spliced = fc
  .tuple(announcement, fc.nat(), fc.nat(), fc.array(fc.tuple(fc.nat(), hostileText), { maxLength: 6 }))
  .map(([text, a, b, inserts]) => {
    let piece = text.slice(Math.min(a, b) % (text.length + 1), Math.max(a, b) % (text.length + 1) || text.length);
    for (const [at, insert] of inserts) {
      const i = at % (piece.length + 1);
      piece = `${piece.slice(0, i)}${insert}${piece.slice(i)}`;
    }
    return utf8(piece);
  });
/** Lines an extractor's patterns may chew on for long: numbers, dates and ratios, repeated. */
const patternStorm = fc
  .tuple(
    fc.constantFrom(
      "每10股派发现金红利",
      "每10股转增",
      "每10股送红股",
      "HK$",
      "人民币",
      "RMB ",
      "per share ",
      "2023年6月27日",
      "2023-06-27 ",
      "16:30",
      "1.234567",
      "0.",
      "9",
      "（",
      "）",
      " ",
      "\n",
      "股权登记日：",
      "Record date: ",
    ),
    fc.integer({ min: 1, max: 20_000 }),
  )
  .map(([unit, times]) => utf8(unit.repeat(times)));
const sizedBody = fc.constantFrom(MAX_TEXT_BYTES - 1, MAX_TEXT_BYTES, MAX_TEXT_BYTES + 1, 4 * MAX_TEXT_BYTES).map((n) => {
  const line = utf8("派息每10股人民币2.60元（含税）。股权登记日为2023年6月30日。\n");
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i += line.length) out.set(line.subarray(0, Math.min(line.length, n - i)), i);
  return out; // may end inside a character: refused as not text, or read; never a 5xx
});
const importBody = fc.oneof(
  announcement.map(utf8),
  spliced,
  patternStorm,
  sizedBody,
  fc.uint8Array({ maxLength: 2000 }),
  hostileText.map(utf8),
  fc.constantFrom(
    new Uint8Array(),
    utf8(" \n\t "),
    Uint8Array.of(0xef, 0xbb, 0xbf),
    Uint8Array.of(0xff, 0xfe, 0x41, 0x00),
    Uint8Array.of(0xc0, 0xaf),
    Uint8Array.of(0xed, 0xa0, 0x80),
    Uint8Array.of(0xe6, 0xb4),
    utf8("%PDF-1.7\n"),
    utf8("\u0000".repeat(1000)),
    utf8("\r".repeat(5000)),
    utf8("<script>alert(1)</script>"),
  ),
);
const importRequest = fc.record({
  method: fc.constantFrom("POST", "POST", "POST", "PUT", "GET"),
  contentType: fc.constantFrom(
    "text/plain; charset=utf-8",
    "text/plain; charset=utf-8",
    "text/plain",
    "TEXT/PLAIN;CHARSET=UTF8",
    'text/plain; charset="utf-8"',
    "text/plain; charset=latin1",
    "text/plain; charset=",
    "text/plainx",
    "text/html",
    "application/json",
    "application/pdf",
    "application/octet-stream",
    "multipart/form-data; boundary=x",
    "",
  ),
  body: importBody,
  /** Streamed, the server cannot trust a Content-Length: it must count the bytes itself. */
  chunked: fc.boolean(),
});
function streamOf(bytes: Uint8Array): ReadableStream<Uint8Array> {
  let at = 0;
  return new ReadableStream({
    pull(controller) {
      if (at >= bytes.length) return controller.close();
      controller.enqueue(bytes.slice(at, at + 16_384));
      at += 16_384;
    },
  });
}

const argv = fc.array(
  fc.oneof(
    fc.constantFrom("--class", "--shares", "--holder", "--price", "--event", "--help", "-h", "--", "-x", "--shares=1e3"),
    hostileText,
  ),
  { maxLength: 8 },
);

// --- run -------------------------------------------------------------------------------------------------
const redis = await startRedis();
const web = await startWebServer({
  REDIS_URL: redis.url,
  RATE_LIMIT_POINTS: "1000000",
  DATA_DIR: mkdtempSync(join(tmpdir(), "entitle-fuzz-")),
});
const started = Date.now();
try {
  await fc.assert(
    fc.asyncProperty(query, async (pairs) => {
      const qs = pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join("&");
      const res = await fetch(`${web.url}/api/v1/entitlement?${qs}`);
      const text = await res.text();
      count("entitlement", res.status);
      if (res.status >= 500) fail(`entitlement ${res.status} for ?${qs}`);
      else if (res.status >= 400 && !isErrorBody(text)) fail(`entitlement ${res.status} without error JSON for ?${qs}`);
      return true;
    }),
    { numRuns: share.entitlement },
  );
  await fc.assert(
    fc.asyncProperty(subscriptionRequest, async (r) => {
      const res = await fetch(`${web.url}/api/v1/subscriptions`, {
        method: r.method,
        headers: { ...(r.contentType ? { "content-type": r.contentType } : {}), ...r.headers },
        body: r.body,
      }).catch((e: Error) => ({ status: 0, text: async () => e.message }));
      const text = await res.text();
      count("subscriptions", res.status);
      if (res.status === 0 || res.status >= 500)
        fail(`subscriptions ${res.status} for ${r.method} ${r.body.slice(0, 120)}: ${text.slice(0, 120)}`);
      else if (res.status >= 400 && res.status !== 405 && !isErrorBody(text)) fail(`subscriptions ${res.status} without error JSON`);
      return true;
    }),
    { numRuns: share.subscriptions },
  );
  await fc.assert(
    fc.asyncProperty(importRequest, async (r) => {
      const withBody = r.method !== "GET";
      const res = await fetch(`${web.url}/api/v1/import`, {
        method: r.method,
        headers: r.contentType ? { "content-type": r.contentType } : {},
        ...(withBody ? (r.chunked ? { body: streamOf(r.body), duplex: "half" } : { body: r.body }) : {}),
      } as RequestInit).catch((e: Error) => ({ status: 0, text: async () => `${e.message} (${String(e.cause)})` }));
      const text = await res.text().catch((e: Error) => `(body unread: ${e.message})`);
      const what = `import ${res.status} for ${r.method} ${JSON.stringify(r.contentType)}, ${r.body.length} bytes${r.chunked ? " chunked" : ""}`;
      if (res.status === 0 && r.body.length > MAX_TEXT_BYTES && /EPIPE|ECONNRESET|other side closed|UND_ERR_SOCKET/.test(text)) {
        // The server refuses an oversized body with 413 and closes the connection before reading the rest
        // (HTTP/1.1 gives it no other way to stop an upload): a client still writing may see the reset before
        // the answer. Not a server error, as long as the server still answers the next request.
        const alive = await fetch(`${web.url}/api/v1/import`, { method: "POST", headers: { "content-type": "text/plain" }, body: "" })
          .then((a) => a.status)
          .catch(() => 0);
        count("import", "reset after refusing an oversized upload");
        if (alive !== 400) fail(`${what}: the connection was reset and the server then answered ${alive} (not 400 import_empty)`);
        return true;
      }
      count("import", res.status);
      if (res.status === 0 || res.status >= 500) fail(`${what}: ${text.slice(0, 160)}`);
      else if (res.status >= 400 && res.status !== 405 && !isErrorBody(text)) fail(`${what} without error JSON`);
      return true;
    }),
    { numRuns: share.import },
  );
  fc.assert(
    fc.property(argv, (args) => {
      const out = runEntitlementCli(args);
      count("cli", `exit ${out.code}`);
      if (out.code === 2 && !isErrorBody(out.stdout)) fail(`cli exit 2 without error JSON for ${JSON.stringify(args)}`);
      return true;
    }),
    { numRuns: share.cli - cliProcesses },
  );
  // A sample as real processes: the entry point, exit codes and stdout as a shell sees them.
  // (argv cannot carry a NUL byte: the operating system refuses it before the CLI runs.)
  const samples = fc.sample(
    argv.filter((args) => args.every((a) => !a.includes("\0"))),
    cliProcesses,
  );
  for (const args of samples) {
    const { code, stdout } = await new Promise<{ code: number; stdout: string }>((done) =>
      execFile(process.execPath, ["--import", "tsx", "scripts/entitlement.ts", ...args], (error, out) =>
        done({ code: error ? (typeof error.code === "number" ? error.code : -1) : 0, stdout: out }),
      ),
    );
    count("cli", `process exit ${code}`);
    if (code !== 0 && code !== 2) fail(`cli process exit ${code} for ${JSON.stringify(args)}`);
    else if (code === 2 && !isErrorBody(stdout)) fail(`cli process exit 2 without error JSON for ${JSON.stringify(args)}`);
  }
} finally {
  await web.stop();
  await redis.destroy();
}

const inputs = Object.values(counts).reduce((n, b) => n + Object.values(b).reduce((a, c) => a + c, 0), 0);
const fiveXX = Object.values(counts).reduce(
  (n, b) =>
    n +
    Object.entries(b)
      .filter(([k]) => /^5\d\d$|^0$/.test(k))
      .reduce((a, [, c]) => a + c, 0),
  0,
);
console.log(`fuzz: ${inputs} inputs in ${Math.round((Date.now() - started) / 1000)} s (seed ${seed}; repeat with --seed ${seed})`);
for (const [target, bucket] of Object.entries(counts)) console.log(`  ${target}: ${JSON.stringify(bucket)}`);
for (const f of failures) console.log(`  FAILURE ${f}`);
console.log(
  JSON.stringify({
    bench: "fuzz",
    seed,
    inputs,
    byTarget: counts,
    fiveXX,
    failures: failures.length,
    ratio: inputs ? (inputs - failures.length) / inputs : 0,
  }),
);
process.exitCode = failures.length === 0 ? 0 : 1;
