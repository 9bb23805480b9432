/**
 * The system parts the tests and `npm start` need, and how to get them. Used by `npm test` (which installs what
 * is missing when it can: root on Debian/Ubuntu) and by `npm start` (which only explains).
 */
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

export interface SystemDep {
  name: string;
  /** Debian package that provides it. */
  debian: string;
  present: () => boolean;
}

const onPath = (cmd: string) => spawnSync("sh", ["-c", `command -v ${cmd}`], { stdio: "ignore" }).status === 0;

export const REDIS: SystemDep = { name: "redis-server", debian: "redis-server", present: () => onPath("redis-server") };
export const CHROMIUM: SystemDep = { name: "chromium", debian: "chromium", present: () => existsSync(chromiumPath()) };
/** Firefox ESR: the one headless browser that subscribes to Web Push offline (test/e2e-push). */
export const FIREFOX: SystemDep = { name: "firefox-esr", debian: "firefox-esr", present: () => existsSync(firefoxPath()) };

export function chromiumPath(): string {
  return process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
}

export function firefoxPath(): string {
  return process.env.FIREFOX_PATH ?? "/usr/bin/firefox-esr";
}

export function installCommand(deps: SystemDep[]): string {
  return `sudo apt-get update && sudo apt-get install -y ${deps.map((d) => d.debian).join(" ")}`;
}

/** Installs the missing deps with apt-get when we are root on a Debian-like system; otherwise says how, and fails. */
export function ensureSystemDeps(deps: SystemDep[]): void {
  const missing = deps.filter((d) => !d.present());
  if (missing.length === 0) return;
  const canApt = process.getuid?.() === 0 && onPath("apt-get");
  if (!canApt) {
    throw new Error(`Missing: ${missing.map((d) => d.name).join(", ")}. Install with:\n  ${installCommand(missing)}`);
  }
  console.log(`Installing ${missing.map((d) => d.debian).join(", ")} with apt-get …`);
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  execFileSync("apt-get", ["update", "-qq"], { stdio: "inherit", env });
  execFileSync("apt-get", ["install", "-y", "-qq", "--no-install-recommends", ...missing.map((d) => d.debian)], { stdio: "inherit", env });
  const still = missing.filter((d) => !d.present());
  if (still.length > 0) throw new Error(`apt-get did not provide: ${still.map((d) => d.name).join(", ")}`);
}
