// @ts-check
// Configurator mode: `serwist build` runs after `next build`, so the prerendered pages of every locale are
// precached and the calculator works offline on the first visit. Works with Turbopack (Next 16's default).
import { serwist } from "@serwist/next/config";

export default serwist({
  swSrc: "sw/sw.ts",
  swDest: "public/sw.js",
  precachePrerendered: true,
});
