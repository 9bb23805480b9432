import { spawn } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, statSync } from "node:fs";
import { connect } from "node:net";
import { networkInterfaces, tmpdir } from "node:os";
import { join } from "node:path";
import { expect, it } from "vitest";
import { freePort } from "../../scripts/free-port";
import { startRedisCluster } from "../support/redis-cluster";

/** Every file under `dir` with its permission bits. */
function modes(dir: string): [string, number][] {
  return readdirSync(dir, { withFileTypes: true, recursive: true }).map((e) => {
    const path = join(e.parentPath, e.name);
    return [path, statSync(path).mode & 0o777];
  });
}

/** The first line a Redis server answers to `command` (unauthenticated). */
function redisSays(port: number, command: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: "127.0.0.1", port }, () => socket.write(`${command}\r\n`));
    socket.once("data", (d) => {
      resolve(d.toString().split("\r\n")[0] ?? "");
      socket.destroy();
    });
    socket.once("error", reject);
  });
}

/** Whether a TCP connection to host:port is accepted. */
function accepts(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port }, () => {
      socket.destroy();
      resolve(true);
    });
    socket.setTimeout(2000, () => {
      socket.destroy();
      resolve(false);
    });
    socket.once("error", () => resolve(false));
  });
}

async function waitFor(url: string, timeoutMs: number): Promise<Response> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const res = await fetch(url);
      if (res.status < 500) return res;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) throw new Error(`${url} did not answer in ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** `npm start` in its own process group (Ctrl-C reaches all it starts), without REDIS_URL or HOST from outside. */
function npmStart(extra: Record<string, string>): { child: ReturnType<typeof spawn>; readonly log: string } {
  const env: NodeJS.ProcessEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", ...extra };
  delete env.REDIS_URL;
  delete env.HOST;
  const child = spawn("npm", ["start"], { env, stdio: ["ignore", "pipe", "pipe"], detached: true });
  let log = "";
  child.stdout?.on("data", (d) => (log += d));
  child.stderr?.on("data", (d) => (log += d));
  return {
    child,
    get log() {
      return log;
    },
  };
}

it("npm start runs its own redis-server, the web server and the worker, honours PORT, and stops them all", async () => {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), "entitle-start-"));
  const started = npmStart({ PORT: String(port), DATA_DIR: dataDir });
  const { child } = started;
  try {
    const page = await waitFor(`http://127.0.0.1:${port}/en`, 240_000);
    expect(page.status).toBe(200);
    const key = await waitFor(`http://127.0.0.1:${port}/api/v1/push/public-key`, 30_000);
    expect(key.status, started.log).toBe(200);
    expect((await key.json()).publicKey).toMatch(/^[A-Za-z0-9_-]{87}$/);
    await expect.poll(() => started.log, { timeout: 30_000 }).toContain("worker started");
    expect(started.log).toContain("Started a local redis-server");
    // The local Redis keeps its data (AOF) where the operator said.
    expect(readdirSync(join(dataDir, "redis")).length).toBeGreaterThan(0);

    // Issue 13, finding 6: the data is this user's only, and the local Redis wants a password.
    expect(statSync(dataDir).mode & 0o777).toBe(0o700);
    for (const [path, mode] of modes(dataDir)) {
      expect(mode & 0o077, `${path} is ${mode.toString(8)}`).toBe(0);
    }
    const password = readFileSync(join(dataDir, "redis.password"), "utf8").trim();
    expect(password).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(started.log).not.toContain(password);
    const redisPort = Number(/redis-server at redis:\/\/127\.0\.0\.1:(\d+)/.exec(started.log)?.[1]);
    expect(redisPort).toBeGreaterThan(0);
    expect(await redisSays(redisPort, "GET x")).toMatch(/^-NOAUTH/);
    expect(await redisSays(redisPort, `AUTH ${password}`)).toBe("+OK");

    // The default HOST is loopback: the server does not answer on the machine's other addresses.
    const others = Object.values(networkInterfaces())
      .flat()
      .filter((a) => a && !a.internal && a.family === "IPv4")
      .map((a) => a?.address ?? "");
    for (const address of others) expect(await accepts(address, port), address).toBe(false);
    expect(await accepts("127.0.0.1", port)).toBe(true);
  } finally {
    const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
    // Ctrl-C in a terminal: SIGINT to the whole process group.
    if (child.pid) process.kill(-child.pid, "SIGINT");
    await exited;
  }
  // Everything it started is gone: nothing answers on the port any more.
  await expect(fetch(`http://127.0.0.1:${port}/en`)).rejects.toThrow();
  // npm may exit before the worker has finished its graceful stop; its started.log line still arrives on the pipe.
  await expect.poll(() => started.log, { timeout: 20_000 }).toContain('"msg":"stopped"');
}, 300_000);

it("npm start with REDIS_CLUSTER_NODES runs no Redis of its own: web and worker use the Cluster", async () => {
  const cluster = await startRedisCluster();
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), "entitle-start-cluster-"));
  const started = npmStart({ PORT: String(port), DATA_DIR: dataDir, REDIS_CLUSTER_NODES: cluster.nodes });
  const { child } = started;
  try {
    await expect.poll(() => started.log, { timeout: 240_000, interval: 200 }).toContain("worker started");
    const line = started.log.split("\n").find((l) => l.includes("worker started")) ?? "";
    expect(JSON.parse(line.slice(line.indexOf("{"))).redis).toEqual({ kind: "cluster", seedNodes: 6, eventShards: 16 });
    expect(started.log).not.toContain("Started a local redis-server");
    expect(readdirSync(dataDir)).not.toContain("redis");
    const key = await waitFor(`http://127.0.0.1:${port}/api/v1/push/public-key`, 60_000);
    expect(key.status, started.log).toBe(200);
    // The shard layout the worker recorded lives on the Cluster: the web server and the worker share it.
    const client = cluster.client();
    try {
      expect(await client.get("entitle:event-shards")).toBe("16");
    } finally {
      client.disconnect();
    }
  } finally {
    const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
    if (child.pid) process.kill(-child.pid, "SIGINT");
    await exited;
    await cluster.destroy();
  }
}, 300_000);
