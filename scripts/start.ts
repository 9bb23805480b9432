/**
 * `npm start`: builds when the production build is missing or stale, then runs
 * (`npm run dev` is the same with `next dev` and no build):
 *  - a local redis-server when neither REDIS_URL nor REDIS_CLUSTER_NODES is set (free loopback port, a generated password, data in
 *    DATA_DIR/redis, AOF, REDIS_MAXMEMORY with noeviction);
 *  - the web server (scripts/serve.js) on $PORT (default 3000) and $HOST (default 127.0.0.1: only this machine
 *    can reach it; to serve others, put a reverse proxy in front — README "For operators");
 *  - the reminders worker.
 * Everything it writes is private to the user who runs it (umask 077: folders 0700, files 0600).
 * Without redis-server installed it says how to install it and still serves the calculator
 * (reminders then answer 503 and the page shows them as unavailable). Ctrl-C stops everything.
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { ConfigError, LOOPBACK_WARNING, parseConfig } from "../lib/config";
import { buildIsStale } from "./build-state";
import { freePort } from "./free-port";
import { type LocalRedis, privateDir, startLocalRedis } from "./local-redis";
import { installCommand, REDIS } from "./system-deps";

const dev = process.argv.includes("--dev");
const env: NodeJS.ProcessEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", NODE_ENV: dev ? "development" : "production" };
env.HOST = process.env.HOST?.trim() || "127.0.0.1";
env.PORT = process.env.PORT ?? "3000";
const port = process.env.PORT ?? "3000";
const host = process.env.HOST?.trim() || "127.0.0.1";
const dataDir = process.env.DATA_DIR?.trim() || ".data";
const redisMaxMemory = process.env.REDIS_MAXMEMORY?.trim() || "256mb";
// Files this process and its children create (VAPID keys, Redis AOF, the build) are readable by this user only.
process.umask(0o077);
const children: ChildProcess[] = [];
let redis: LocalRedis | null = null;
let stopping = false;

async function stopAll(code: number): Promise<never> {
  if (!stopping) {
    stopping = true;
    await Promise.all(
      children.map(
        (c) =>
          new Promise<void>((done) => {
            if (c.exitCode !== null || c.signalCode !== null) return done();
            c.once("exit", () => done());
            c.kill("SIGTERM");
          }),
      ),
    );
    await redis?.stop();
  }
  process.exit(code);
}

function run(name: string, args: string[]): ChildProcess {
  const child = spawn(process.execPath, args, { stdio: "inherit", env });
  child.on("exit", (code, signal) => {
    if (stopping) return;
    console.error(`${name} stopped (${signal ?? `exit code ${code}`}); stopping the rest.`);
    void stopAll(code ?? 1);
  });
  children.push(child);
  return child;
}

console.log(`Entitle starting on Node ${process.version} (${process.execPath})`);
if (Number(process.versions.node.split(".")[0]) < 24) {
  console.warn("WARNING: Entitle is made for Node 24; `npm ci` installs it into node_modules and `npm start` uses it.");
}

if (!dev && buildIsStale()) {
  console.log("Building the production app (first start, or the sources changed) …");
  const build = spawnSync("npm", ["run", "--silent", "build"], { stdio: "inherit", env });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => void stopAll(0));

// DATA_DIR holds the VAPID private key and the local Redis: this user's only, also when release 1 made it 0755.
privateDir(dataDir);

let reminders = true;
// A wrong reminder setting must not take the calculator down: say what is wrong and serve without reminders.
try {
  if (parseConfig(env).push.allowLoopback) console.warn(`WARNING: ${LOOPBACK_WARNING}`);
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  reminders = false;
  console.error(`${error.message}\nReminders are off until this is fixed; the calculator works.`);
}
// A Redis of our own only when none is configured (one Redis or a Cluster).
if (reminders && !env.REDIS_URL?.trim() && !env.REDIS_CLUSTER_NODES?.trim()) {
  if (!/^\d+(kb|mb|gb)?$/i.test(redisMaxMemory)) {
    console.error(`REDIS_MAXMEMORY: "${redisMaxMemory}" is not a size such as 256mb or 1gb.`);
    process.exit(1);
  }
  if (REDIS.present()) {
    redis = await startLocalRedis({ dataDir, port: await freePort(), maxMemory: redisMaxMemory });
    env.REDIS_URL = redis.url;
    // The password stays in DATA_DIR/redis.password and in the children's environment: never in the log.
    console.log(
      `Started a local redis-server at ${redis.safeUrl} (password in ${dataDir}/redis.password, data in ${dataDir}/redis, maxmemory ${redisMaxMemory}).`,
    );
  } else {
    reminders = false;
    console.warn(
      `redis-server is not installed, so push reminders are unavailable (the calculator works).\n` +
        `Install it with:  ${installCommand([REDIS])}\nor set REDIS_URL to a Redis server (REDIS_CLUSTER_NODES for a Redis Cluster).`,
    );
  }
}

run("web server", ["scripts/serve.js", ...(dev ? ["--dev"] : [])]);
if (reminders) run("reminders worker", ["--conditions=react-server", "--import", "tsx", "worker/index.ts"]);
const shown = host === "0.0.0.0" || host === "::" ? "localhost" : host.includes(":") ? `[${host}]` : host;
console.log(`Entitle is at http://${shown}:${port}${reminders ? " (reminders on)" : ""}`);
if (host !== "127.0.0.1" && host !== "::1" && host !== "localhost") {
  console.warn(
    `WARNING: HOST=${host} lets other machines reach this server directly. Serve the public behind a reverse proxy (HTTPS, TRUST_PROXY_HOPS=1, PUBLIC_ORIGIN); see README "For operators".`,
  );
}
