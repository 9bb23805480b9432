/**
 * `npm start`: builds when the production build is missing or stale, then runs
 * (`npm run dev` is the same with `next dev` and no build):
 *  - a local redis-server when REDIS_URL is unset (free loopback port, data in .data/redis, AOF, noeviction);
 *  - the web server on $PORT (default 3000) and $HOST (default 0.0.0.0);
 *  - the reminders worker.
 * Without redis-server installed it says how to install it and still serves the calculator
 * (reminders then answer 503 and the page shows them as unavailable). Ctrl-C stops everything.
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { ConfigError, LOOPBACK_WARNING, parseConfig } from "../lib/config";
import { buildIsStale } from "./build-state";
import { freePort } from "./free-port";
import { type LocalRedis, startLocalRedis } from "./local-redis";
import { installCommand, REDIS } from "./system-deps";

const dev = process.argv.includes("--dev");
const env: NodeJS.ProcessEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", NODE_ENV: dev ? "development" : "production" };
const port = process.env.PORT ?? "3000";
const host = process.env.HOST ?? "0.0.0.0";
const dataDir = process.env.DATA_DIR ?? ".data";
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

let reminders = true;
// A wrong reminder setting must not take the calculator down: say what is wrong and serve without reminders.
try {
  if (parseConfig(env).push.allowLoopback) console.warn(`WARNING: ${LOOPBACK_WARNING}`);
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  reminders = false;
  console.error(`${error.message}\nReminders are off until this is fixed; the calculator works.`);
}
if (reminders && !env.REDIS_URL) {
  if (REDIS.present()) {
    redis = await startLocalRedis(await freePort(), `${dataDir}/redis`);
    env.REDIS_URL = redis.url;
    console.log(`Started a local redis-server at ${redis.url} (data in ${dataDir}/redis).`);
  } else {
    reminders = false;
    console.warn(
      `redis-server is not installed, so push reminders are unavailable (the calculator works).\n` +
        `Install it with:  ${installCommand([REDIS])}\nor set REDIS_URL to a Redis server.`,
    );
  }
}

run("web server", ["node_modules/next/dist/bin/next", dev ? "dev" : "start", "-p", port, "-H", host]);
if (reminders) run("reminders worker", ["--conditions=react-server", "--import", "tsx", "worker/index.ts"]);
console.log(`Entitle is at http://localhost:${port}${reminders ? " (reminders on)" : ""}`);
