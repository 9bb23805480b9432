import { spawn } from "node:child_process";
import { mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, it } from "vitest";
import { freePort } from "../../scripts/free-port";

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

it("npm start runs its own redis-server, the web server and the worker, honours PORT, and stops them all", async () => {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), "entitle-start-"));
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), DATA_DIR: dataDir, NEXT_TELEMETRY_DISABLED: "1" };
  delete env.REDIS_URL;
  const child = spawn("npm", ["start"], { env, stdio: ["ignore", "pipe", "pipe"], detached: true });
  let log = "";
  child.stdout?.on("data", (d) => (log += d));
  child.stderr?.on("data", (d) => (log += d));
  try {
    const page = await waitFor(`http://127.0.0.1:${port}/en`, 240_000);
    expect(page.status).toBe(200);
    const key = await waitFor(`http://127.0.0.1:${port}/api/v1/push/public-key`, 30_000);
    expect(key.status, log).toBe(200);
    expect((await key.json()).publicKey).toMatch(/^[A-Za-z0-9_-]{87}$/);
    await expect.poll(() => log, { timeout: 30_000 }).toContain("worker started");
    expect(log).toContain("Started a local redis-server");
    // The local Redis keeps its data (AOF) where the operator said.
    expect(readdirSync(join(dataDir, "redis")).length).toBeGreaterThan(0);
  } finally {
    const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
    // Ctrl-C in a terminal: SIGINT to the whole process group.
    if (child.pid) process.kill(-child.pid, "SIGINT");
    await exited;
  }
  // Everything it started is gone: nothing answers on the port any more.
  await expect(fetch(`http://127.0.0.1:${port}/en`)).rejects.toThrow();
  // npm may exit before the worker has finished its graceful stop; its log line still arrives on the pipe.
  await expect.poll(() => log, { timeout: 20_000 }).toContain('"msg":"stopped"');
}, 300_000);
