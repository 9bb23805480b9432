/** Whether the production build is missing or older than the sources it was built from. */
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";

const SOURCES = [
  "app",
  "lib",
  "sw",
  "messages",
  "i18n",
  "public",
  "next.config.js",
  "serwist.config.js",
  "proxy.ts",
  "security-headers.js",
  "package-lock.json",
];
const GENERATED = new Set(["public/sw.js", "public/sw.js.map", "sw/tsconfig.tsbuildinfo"]);

function newestMtime(path: string): number {
  if (!existsSync(path) || GENERATED.has(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((max, name) => Math.max(max, newestMtime(join(path, name))), 0);
}

export function buildIsStale(root = "."): boolean {
  const marker = join(root, ".next/BUILD_ID");
  if (!existsSync(marker) || !existsSync(join(root, "public/sw.js")) || !existsSync(join(root, ".next/csp-hashes.json"))) return true;
  const built = statSync(marker).mtimeMs;
  return SOURCES.some((s) => newestMtime(join(root, s)) > built);
}
