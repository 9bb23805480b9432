/** First-load JS of a prerendered Next page: the gzip size of every script its HTML loads. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";

export function firstLoadJsGzip(projectDir: string, htmlFile: string): { files: number; bytes: number } {
  const html = readFileSync(join(projectDir, ".next/server/app", htmlFile), "utf8");
  const srcs = new Set([...html.matchAll(/<script[^>]+src="(\/_next\/static\/[^"]+\.js)"/g)].map((m) => m[1] ?? ""));
  let bytes = 0;
  for (const src of srcs) bytes += gzipSync(readFileSync(join(projectDir, ".next", src.replace("/_next/", "")))).length;
  // Inline scripts (the RSC payload) are part of what the browser must parse before the page is interactive.
  for (const m of html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)) bytes += gzipSync(m[1] ?? "").length;
  return { files: srcs.size, bytes };
}
