/**
 * Draws the app icons with headless Chromium from one SVG and writes them to public/icons/.
 * Run once after changing the design: `npx tsx scripts/make-icons.ts` (the PNGs are committed).
 */
import { writeFileSync } from "node:fs";
import { chromium } from "playwright-core";
import { chromiumPath } from "./system-deps";

const glyph = (fill: string) =>
  `<text x="50%" y="54%" text-anchor="middle" dominant-baseline="middle" font-family="DejaVu Sans, sans-serif" font-weight="700" font-size="56" fill="${fill}">E</text>
   <rect x="30" y="76" width="40" height="6" rx="3" fill="${fill}" opacity="0.8"/>`;

const svg = (size: number, opts: { rounded: boolean; safe: number; bg: string | null; fg: string }) => `
<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 100 100">
  ${opts.bg ? `<rect width="100" height="100" rx="${opts.rounded ? 22 : 0}" fill="${opts.bg}"/>` : ""}
  <g transform="translate(${50 - 50 * opts.safe} ${50 - 50 * opts.safe}) scale(${opts.safe})">${glyph(opts.fg)}</g>
</svg>`;

const ICONS = [
  { file: "icon-192.png", size: 192, rounded: true, safe: 1, bg: "#1d4ed8", fg: "#ffffff" },
  { file: "icon-512.png", size: 512, rounded: true, safe: 1, bg: "#1d4ed8", fg: "#ffffff" },
  { file: "icon-maskable-512.png", size: 512, rounded: false, safe: 0.8, bg: "#1d4ed8", fg: "#ffffff" },
  { file: "apple-touch-icon.png", size: 180, rounded: false, safe: 0.9, bg: "#1d4ed8", fg: "#ffffff" },
  { file: "badge-72.png", size: 72, rounded: false, safe: 1, bg: null, fg: "#ffffff" },
];

const browser = await chromium.launch({ executablePath: chromiumPath(), args: ["--no-sandbox", "--disable-gpu"] });
const page = await browser.newPage();
for (const icon of ICONS) {
  await page.setViewportSize({ width: icon.size, height: icon.size });
  await page.setContent(`<html><body style="margin:0;background:transparent">${svg(icon.size, icon)}</body></html>`);
  writeFileSync(`public/icons/${icon.file}`, await page.screenshot({ omitBackground: true }));
}
await browser.close();
console.log(`wrote ${ICONS.length} icons to public/icons/`);
