// @ts-check
// Configurator mode: `serwist build` runs after `next build`, so the prerendered page of every locale is
// precached and the calculator works offline on the first visit. Works with Turbopack (Next 16's default).
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { serwist } from "@serwist/next/config";

// pdf.js and its worker (about 1.7 MB, used only by "choose a PDF" on the custom event form) are left out of
// the precache so a first visit stays light; the runtime cache keeps them after their first use.
const PDF_JS_MARKERS = ["GlobalWorkerOptions", "Invalid PDF structure"];
const isPdfJs = (/** @type {string} */ file) => {
  if (!file.endsWith(".js")) return false;
  const text = readFileSync(file, "utf8");
  return PDF_JS_MARKERS.some((m) => text.includes(m));
};

const revisionOf = (/** @type {string} */ file) => createHash("sha256").update(readFileSync(file)).digest("hex").slice(0, 16);

export default serwist({
  swSrc: "sw/sw.ts",
  swDest: "public/sw.js",
  precachePrerendered: true,
  // Serwist 9.5.12 maps public/*.html to "/public/<name>" (it strips ".html" before the public/ rewrite):
  // keep the offline page out of the glob and list it once, by hand.
  globIgnores: ["public/offline.html"],
  additionalPrecacheEntries: [{ url: "/offline.html", revision: revisionOf("public/offline.html") }],
  manifestTransforms: [(entries) => ({ manifest: entries.filter((e) => !isPdfJs(e.url)), warnings: [] })],
});
