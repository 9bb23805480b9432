/**
 * First-load JS of a prerendered Next page: the gzip size of every script file its HTML loads (what Next's
 * build calls "First Load JS"), and separately the inline scripts (the RSC payload), which the browser also
 * parses before the page is interactive.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";

export interface FirstLoad {
  files: number;
  jsBytes: number;
  inlineBytes: number;
}

export function firstLoadJsGzip(projectDir: string, htmlFile: string): FirstLoad {
  const html = readFileSync(join(projectDir, ".next/server/app", htmlFile), "utf8");
  const srcs = new Set([...html.matchAll(/<script[^>]+src="(\/_next\/static\/[^"]+\.js)"/g)].map((m) => m[1] ?? ""));
  let jsBytes = 0;
  for (const src of srcs) jsBytes += gzipSync(readFileSync(join(projectDir, ".next", src.replace("/_next/", "")))).length;
  let inlineBytes = 0;
  for (const m of html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)) inlineBytes += gzipSync(m[1] ?? "").length;
  return { files: srcs.size, jsBytes, inlineBytes };
}
