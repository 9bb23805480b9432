/**
 * The redis-server `npm start` runs when REDIS_URL is unset: loopback, a free port, data in .data/redis,
 * AOF on and `maxmemory-policy noeviction` (BullMQ must never lose a job to eviction).
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdirSync } from "node:fs";
import { createConnection } from "node:net";
import { resolve } from "node:path";

export interface LocalRedis {
  url: string;
  stop(): Promise<void>;
}

/** Whether a redis-server answers PING on 127.0.0.1:port (no client library needed). */
export function pingRedis(port: number): Promise<boolean> {
  return new Promise((done) => {
    const socket = createConnection({ host: "127.0.0.1", port }, () => socket.write("PING\r\n"));
    socket.setTimeout(500, () => socket.destroy());
    socket.on("data", (d) => {
      done(d.toString().startsWith("+PONG"));
      socket.destroy();
    });
    socket.on("error", () => done(false));
    socket.on("close", () => done(false));
  });
}

export async function startLocalRedis(port: number, dataDir: string): Promise<LocalRedis> {
  const dir = resolve(dataDir);
  mkdirSync(dir, { recursive: true });
  const args = ["--port", String(port), "--bind", "127.0.0.1", "--dir", dir, "--appendonly", "yes", "--save", ""];
  const child: ChildProcess = spawn("redis-server", [...args, "--maxmemory-policy", "noeviction", "--protected-mode", "yes"], {
    stdio: ["ignore", "ignore", "inherit"],
  });
  const deadline = Date.now() + 15_000;
  while (!(await pingRedis(port))) {
    if (child.exitCode !== null) throw new Error(`redis-server exited with code ${child.exitCode}`);
    if (Date.now() > deadline) throw new Error("redis-server did not answer within 15 s");
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url: `redis://127.0.0.1:${port}`,
    stop: () =>
      new Promise<void>((done) => {
        if (child.exitCode !== null) return done();
        child.once("exit", () => done());
        child.kill("SIGTERM"); // redis-server saves the AOF and exits cleanly on SIGTERM
      }),
  };
}
