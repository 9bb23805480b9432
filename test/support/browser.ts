import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";
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

/**
 * Every page of every context reports Content-Security-Policy violations (the `securitypolicyviolation` event,
 * and Chromium's console message for the ones the event does not reach). test/support/csp-setup.ts fails the
 * test during which one happened (after each e2e test), so the end-to-end tests run the app under its real CSP
 * and break on the first inline script, style, eval or connection it would block — and every test's own
 * cleanup still runs.
 */
const CSP_BINDING = "__entitleCspViolation";
const CSP_LISTENER = `document.addEventListener("securitypolicyviolation", (e) => {
  window.${CSP_BINDING}(\`\${e.effectiveDirective} blocked \${e.blockedURI || "inline"} at \${e.sourceFile || document.URL}:\${e.lineNumber}\`);
});`;

const violations: string[] = [];

/** The violations seen since the last call, and forgets them. */
export function takeCspViolations(): string[] {
  return [...new Set(violations.splice(0))];
}

async function watchCsp(ctx: BrowserContext): Promise<void> {
  await ctx.exposeFunction(CSP_BINDING, (text: string) => violations.push(text));
  await ctx.addInitScript({ content: CSP_LISTENER });
  const watchPage = (page: import("playwright-core").Page) =>
    page.on("console", (message) => {
      if (message.type() === "error" && /Content Security Policy/i.test(message.text())) violations.push(message.text());
    });
  for (const page of ctx.pages()) watchPage(page);
  ctx.on("page", watchPage);
}

/** Debian's Chromium, headless. Its contexts are incognito, and watched for CSP violations (see above). */
export async function launchChromium(): Promise<Browser> {
  const browser = await chromium.launch({ executablePath: chromiumPath(), headless: true, args: ARGS });
  const newContext = browser.newContext.bind(browser);
  browser.newContext = async (...args: Parameters<Browser["newContext"]>) => {
    const ctx = await newContext(...args);
    await watchCsp(ctx);
    return ctx;
  };
  return browser;
}

/** A non-incognito profile in a temporary folder (installability is never reported in incognito), watched for CSP violations. */
export async function launchProfile(
  options: Parameters<typeof chromium.launchPersistentContext>[1] = {},
): Promise<{ ctx: BrowserContext; close(): Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), "entitle-chromium-"));
  const ctx = await chromium.launchPersistentContext(dir, { executablePath: chromiumPath(), headless: true, args: ARGS, ...options });
  await watchCsp(ctx);
  return {
    ctx,
    close: async () => {
      await ctx.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Resolves once React has hydrated the element `selector` names (React puts its props on a hydrated element), so
 * that what a test types next reaches the page's handlers instead of racing the hydration on a loaded machine.
 */
export async function hydrated(page: Page, selector = "input[name=shares]"): Promise<void> {
  await page.waitForFunction(
    (sel) => {
      const el = document.querySelector(sel);
      return el !== null && Object.keys(el).some((k) => k.startsWith("__reactProps"));
    },
    selector,
    { timeout: 60_000 },
  );
}
