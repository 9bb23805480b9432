/**
 * npm run bench:web [-- --quick]: on a production build,
 *  - the calculator page's first-load JS (gzip) against an empty Next page built in the same run (ratio, ≤ 1.2);
 *  - Lighthouse scores (mobile preset) of /en;
 *  - latency and throughput of GET /api/v1/entitlement under load on loopback (autocannon).
 * Prints a summary and, last, one JSON line. --quick: short load runs (used by npm test so it cannot rot).
 */
import { rmSync } from "node:fs";
import { freePort } from "../scripts/free-port";
import { startWebServer } from "../test/support/web-server";
import { buildEmptyNextApp, serveNextApp } from "./empty-next";
import { firstLoadJsGzip } from "./first-load-js";
import { runLighthouse } from "./lighthouse";
import { load } from "./load";

const quick = process.argv.includes("--quick");
const duration = quick ? 1 : 10;

const ours = firstLoadJsGzip(".", "en.html");
const emptyDir = buildEmptyNextApp();
const empty = firstLoadJsGzip(emptyDir, "index.html");
// Lighthouse's performance score depends on this machine and its load: the empty page, scored in the same
// run, is the ceiling to read ours against.
const emptyServer = await serveNextApp(emptyDir, await freePort());
const lighthouseEmptyPage = await runLighthouse(emptyServer.url);
emptyServer.stop();
rmSync(emptyDir, { recursive: true, force: true });
console.log(`lighthouse (mobile), empty Next page: ${JSON.stringify(lighthouseEmptyPage)}`);
const round3 = (x: number) => Math.round(x * 1000) / 1000;
// The ratio compares script files, as Next's "First Load JS" does; the inline RSC payload is reported beside it.
const ratio = round3(ours.jsBytes / empty.jsBytes);
const ratioWithInline = round3((ours.jsBytes + ours.inlineBytes) / (empty.jsBytes + empty.inlineBytes));
console.log(
  `first-load JS (gzip): calculator ${ours.jsBytes} B in ${ours.files} files (+${ours.inlineBytes} B inline payload); ` +
    `empty Next page ${empty.jsBytes} B in ${empty.files} files (+${empty.inlineBytes} B inline); ratio ${ratio} (${ratioWithInline} with inline)`,
);

const server = await startWebServer();
try {
  const lighthouse = await runLighthouse(`${server.url}/en`);
  console.log(`lighthouse (mobile): ${JSON.stringify(lighthouse)}`);
  const entitlement = await load({ url: `${server.url}/api/v1/entitlement?class=H&shares=1234&holder=hk-individual`, duration });
  console.log(
    `GET /api/v1/entitlement: ${entitlement.throughputRps} req/s, p50 ${entitlement.latencyP50Ms} ms, p99 ${entitlement.latencyP99Ms} ms, failures ${entitlement.failures}`,
  );
  console.log(
    JSON.stringify({
      bench: "web",
      quick,
      firstLoadJsGzip: ours.jsBytes,
      inlinePayloadGzip: ours.inlineBytes,
      emptyNextFirstLoadJsGzip: empty.jsBytes,
      emptyNextInlinePayloadGzip: empty.inlineBytes,
      ratio,
      ratioWithInline,
      lighthouse,
      lighthouseEmptyPage,
      performanceVsEmptyPage: round3(lighthouse.performance / Math.max(1, lighthouseEmptyPage.performance)),
      entitlement,
    }),
  );
} finally {
  await server.stop();
}
