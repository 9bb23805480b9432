/**
 * The redis-server `npm start` runs when REDIS_URL is unset: loopback only, a free port, a password, data in
 * DATA_DIR/redis, AOF on, a memory cap and `maxmemory-policy noeviction` (BullMQ must never lose a job to
 * eviction: a full Redis refuses writes instead, and the app answers 503).
 *
 * The password is generated once into DATA_DIR/redis.password (mode 0600) and reused; redis-server reads it
 * from a config file (mode 0600), never from its command line (which every local user can read in `ps`).
 * Directories are 0700 and files 0600, so other local users can read neither the subscriptions nor the key.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { createConnection } from "node:net";
import { join, resolve } from "node:path";

export interface LocalRedis {
  /** redis://:<password>@127.0.0.1:<port> — pass it on, never print it (see `safeUrl`). */
  url: string;
  /** The URL without the password, for logs. */
  safeUrl: string;
  stop(): Promise<void>;
}

export interface LocalRedisOptions {
  /** DATA_DIR: the password file lives here, the data in its redis/ folder. */
  dataDir: string;
  port: number;
  /** redis-server's maxmemory, e.g. "256mb". */
  maxMemory: string;
}

/** Whether a redis-server answers PING on 127.0.0.1:port (no client library needed); `password` to AUTH first. */
export function pingRedis(port: number, password?: string): Promise<boolean> {
  return new Promise((done) => {
    const socket = createConnection({ host: "127.0.0.1", port }, () =>
      socket.write(password ? `AUTH ${password}\r\nPING\r\n` : "PING\r\n"),
    );
    socket.setTimeout(500, () => socket.destroy());
    let reply = "";
    socket.on("data", (d) => {
      reply += d.toString();
      if (reply.includes("+PONG") || reply.includes("-")) {
        done(reply.includes("+PONG"));
        socket.destroy();
      }
    });
    socket.on("error", () => done(false));
    socket.on("close", () => done(false));
  });
}

/** Makes `dir` (and its parents) with mode 0700, and tightens it when it already exists (release 1 made it 0755). */
export function privateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700);
}

/** Tightens every file under `dir` to 0600 and every folder to 0700 (data written by an earlier release). */
export function tightenTree(dir: string): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      chmodSync(path, 0o700);
      tightenTree(path);
    } else if (entry.isFile() && (statSync(path).mode & 0o077) !== 0) chmodSync(path, 0o600);
  }
}

/** The local Redis password: read from DATA_DIR/redis.password, or generated there (0600) on first start. */
export function localRedisPassword(dataDir: string): string {
  const file = join(dataDir, "redis.password");
  if (existsSync(file)) {
    chmodSync(file, 0o600);
    const stored = readFileSync(file, "utf8").trim();
    if (/^[A-Za-z0-9_-]{32,}$/.test(stored)) return stored;
    throw new Error(`${file} is not a password this app wrote: delete it and start again`);
  }
  const password = randomBytes(32).toString("base64url");
  writeFileSync(file, `${password}\n`, { mode: 0o600, flag: "wx" });
  return password;
}

export async function startLocalRedis(options: LocalRedisOptions): Promise<LocalRedis> {
  const dataDir = resolve(options.dataDir);
  privateDir(dataDir);
  const dir = join(dataDir, "redis");
  privateDir(dir);
  tightenTree(dir);
  const password = localRedisPassword(dataDir);
  const conf = join(dir, "redis.conf");
  const lines = [
    `port ${options.port}`,
    "bind 127.0.0.1",
    "protected-mode yes",
    `dir ${JSON.stringify(dir)}`,
    "appendonly yes",
    'save ""',
    `maxmemory ${options.maxMemory}`,
    "maxmemory-policy noeviction",
    `requirepass ${password}`,
  ];
  writeFileSync(conf, `${lines.join("\n")}\n`, { mode: 0o600 });
  chmodSync(conf, 0o600);
  // A process group of its own: Ctrl-C in the terminal reaches web and worker, which finish their work against
  // Redis, and `stop()` ends Redis after them (Redis gone first would leave the worker unable to close cleanly).
  const child: ChildProcess = spawn("redis-server", [conf], { stdio: ["ignore", "ignore", "inherit"], detached: true });
  process.once("exit", () => {
    if (child.exitCode === null) child.kill("SIGTERM");
  });
  const deadline = Date.now() + 15_000;
  while (!(await pingRedis(options.port, password))) {
    if (child.exitCode !== null) throw new Error(`redis-server exited with code ${child.exitCode}`);
    if (Date.now() > deadline) throw new Error("redis-server did not answer within 15 s");
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url: `redis://:${password}@127.0.0.1:${options.port}`,
    safeUrl: `redis://127.0.0.1:${options.port}`,
    stop: () =>
      new Promise<void>((done) => {
        if (child.exitCode !== null) return done();
        child.once("exit", () => done());
        child.kill("SIGTERM"); // redis-server saves the AOF and exits cleanly on SIGTERM
      }),
  };
}
