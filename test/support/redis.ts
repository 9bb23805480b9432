import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort } from "../../scripts/free-port";
import { pingRedis } from "../../scripts/local-redis";

export interface RunningRedis {
  url: string;
  port: number;
  /** The data directory (AOF lives here); kept across restarts. */
  dir: string;
  /** Stops the server (SIGKILL when `hard`, like a crash; otherwise a clean SHUTDOWN). */
  stop(options?: { hard?: boolean }): Promise<void>;
  /** Starts it again on the same port with the same data directory. */
  start(): Promise<void>;
  /** Stops it and removes the data directory. */
  destroy(): Promise<void>;
}

/** Resolves when a PING gets PONG on the port, or rejects after `timeoutMs`. */
async function waitForPong(port: number, child: ChildProcess, output: () => string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`redis-server exited with ${child.exitCode}:\n${output()}`);
    const pong = await pingRedis(port);
    if (pong) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`redis-server did not answer on port ${port}:\n${output()}`);
}

/**
 * A private redis-server for one test file: loopback only, a free port, a temp data dir, AOF on and
 * `maxmemory-policy noeviction` as production should run it (never the system Redis on 6379). `extraArgs` are
 * passed on (e.g. `--maxmemory 4mb`).
 */
export async function startRedis(extraArgs: readonly string[] = []): Promise<RunningRedis> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), "entitle-redis-"));
  let child: ChildProcess | undefined;
  let log = "";

  const start = async () => {
    log = "";
    const proc = spawn(
      "redis-server",
      [
        "--port",
        String(port),
        "--bind",
        "127.0.0.1",
        "--dir",
        dir,
        "--appendonly",
        "yes",
        "--appendfsync",
        "everysec",
        "--save",
        "",
        "--maxmemory-policy",
        "noeviction",
        "--protected-mode",
        "yes",
        "--daemonize",
        "no",
        ...extraArgs,
      ],
      { stdio: ["ignore", "pipe", "pipe"] },
    );
    proc.stdout?.on("data", (d) => (log += d));
    proc.stderr?.on("data", (d) => (log += d));
    child = proc;
    await waitForPong(port, proc, () => log);
  };

  const stop = async ({ hard = false } = {}) => {
    const proc = child;
    child = undefined;
    if (!proc || proc.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      proc.once("exit", () => resolve());
      proc.kill(hard ? "SIGKILL" : "SIGTERM");
    });
  };

  await start();
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    dir,
    stop,
    start,
    async destroy() {
      await stop({ hard: true });
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
