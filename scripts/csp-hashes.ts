/**
 * After `next build`: the SHA-256 of every inline <script> in the prerendered pages, written to
 * .next/csp-hashes.json for proxy.ts, which lists them in the pages' Content-Security-Policy. Prerendered HTML is
 * served byte for byte as built, so these hashes are exactly what the browser computes; a page rendered per
 * request gets a nonce instead (proxy.ts). Run by `npm run build`.
 */
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { CSP_HASHES_FILE } from "../security-headers.js";

const APP_DIR = ".next/server/app";

function htmlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return htmlFiles(path);
    return entry.name.endsWith(".html") ? [path] : [];
  });
}

/** The text of every inline script that runs (no src; JavaScript, not JSON data). */
export function inlineScripts(html: string): string[] {
  const out: string[] = [];
  for (const match of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
    const attributes = match[1] ?? "";
    const type = /\btype\s*=\s*["']?([^"'\s>]+)/i.exec(attributes)?.[1]?.toLowerCase();
    if (/\bsrc\s*=/i.test(attributes)) continue;
    if (type && type !== "text/javascript" && type !== "module" && type !== "application/javascript") continue;
    out.push(match[2] ?? "");
  }
  return out;
}

export function scriptHash(text: string): string {
  return `'sha256-${createHash("sha256").update(text, "utf8").digest("base64")}'`;
}

const files = htmlFiles(APP_DIR);
const hashes = [...new Set(files.flatMap((file) => inlineScripts(readFileSync(file, "utf8")).map(scriptHash)))].sort();
writeFileSync(CSP_HASHES_FILE, `${JSON.stringify({ script: hashes }, null, 2)}\n`);
console.log(`CSP: ${hashes.length} inline script hashes from ${files.length} prerendered pages → ${CSP_HASHES_FILE}`);
