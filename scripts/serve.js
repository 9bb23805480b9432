// @ts-check
/**
 * The web server `npm start` runs: Next's request handler behind Node's own HTTP server, so that the app
 * knows the address of the socket a request came on (`next start` only passes on an X-Forwarded-For header,
 * which a client can write itself). The address goes into the x-entitle-peer header, replacing whatever a
 * client sent under that name, and the process is marked so that lib/reminders believes that header only here
 * (see lib/reminders/api/client-ip.ts and docs/security.md).
 *
 *   node scripts/serve.js [--dev]      PORT (default 3000), HOST (default 127.0.0.1: this machine only)
 */
const dev = process.argv.includes("--dev");
// Next reads NODE_ENV when it loads; set it before it does, as `next start` would.
Object.assign(process.env, { NODE_ENV: dev ? "development" : "production", NEXT_TELEMETRY_DISABLED: "1" });

const { createServer } = await import("node:http");
const { default: next } = await import("next");

const PEER_HEADER = "x-entitle-peer";
/** @type {Record<symbol, unknown>} */ (globalThis)[Symbol.for("entitle.web-server")] = true;

const port = Number(process.env.PORT || 3000);
const host = process.env.HOST?.trim() || "127.0.0.1";

const app = next({ dev, hostname: host, port, dir: process.cwd() });
const handle = app.getRequestHandler();
await app.prepare();

const server = createServer((req, res) => {
  req.headers[PEER_HEADER] = req.socket.remoteAddress ?? "";
  handle(req, res).catch((/** @type {unknown} */ error) => {
    console.error(error);
    if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain" });
    res.end("internal error");
  });
});
if (dev) server.on("upgrade", app.getUpgradeHandler());
server.keepAliveTimeout = 65_000;

server.listen(port, host, () => {
  console.log(`web server listening on http://${host.includes(":") ? `[${host}]` : host}:${port}`);
});

let stopping = false;
for (const signal of /** @type {const} */ (["SIGINT", "SIGTERM"])) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    const force = setTimeout(() => process.exit(0), 5_000);
    force.unref();
    server.close(() => process.exit(0));
    server.closeIdleConnections();
  });
}
