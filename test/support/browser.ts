import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Browser, type BrowserContext, chromium } from "playwright-core";
import { chromiumPath } from "../../scripts/system-deps";

// The flags this sandboxed, offline machine needs (no sandbox as root, no background calls to Google).
const ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-dev-shm-usage",
];

/** Debian's Chromium, headless. Its contexts are incognito. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath(), headless: true, args: ARGS });
}

/** A non-incognito profile in a temporary folder (installability is never reported in incognito). */
export async function launchProfile(
  options: Parameters<typeof chromium.launchPersistentContext>[1] = {},
): Promise<{ ctx: BrowserContext; close(): Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), "entitle-chromium-"));
  const ctx = await chromium.launchPersistentContext(dir, { executablePath: chromiumPath(), headless: true, args: ARGS, ...options });
  return {
    ctx,
    close: async () => {
      await ctx.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
