/**
 * npm run bench:web [-- --quick]: on a production build,
 *  - the calculator page's first-load JS (gzip) against an empty Next page built in the same run (ratio, ≤ 1.2);
 *  - Lighthouse scores (mobile preset) of /en;
 *  - latency and throughput of GET /api/v1/entitlement under load on loopback (autocannon).
 * Prints a summary and, last, one JSON line. --quick: short load runs (used by npm test so it cannot rot).
 */
import { rmSync } from "node:fs";
import { startWebServer } from "../test/support/web-server";
import { buildEmptyNextApp } from "./empty-next";
import { firstLoadJsGzip } from "./first-load-js";
import { runLighthouse } from "./lighthouse";
import { load } from "./load";

const quick = process.argv.includes("--quick");
const duration = quick ? 1 : 10;

const ours = firstLoadJsGzip(".", "en.html");
const emptyDir = buildEmptyNextApp();
const empty = firstLoadJsGzip(emptyDir, "index.html");
rmSync(emptyDir, { recursive: true, force: true });
const ratio = Math.round((ours.bytes / empty.bytes) * 1000) / 1000;
console.log(
  `first-load JS (gzip): calculator ${ours.bytes} B in ${ours.files} files; empty Next page ${empty.bytes} B in ${empty.files} files; ratio ${ratio}`,
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
      firstLoadJsGzip: ours.bytes,
      emptyNextFirstLoadJsGzip: empty.bytes,
      ratio,
      lighthouse,
      entitlement,
    }),
  );
} finally {
  await server.stop();
}
