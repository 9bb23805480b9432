import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Browser, launch } from "puppeteer-core";
import { firefoxPath } from "../../../scripts/system-deps";

/**
 * Debian's Firefox ESR, headless, driven over WebDriver BiDi by puppeteer-core, with its push client pointed at
 * the local autopush service. The first five prefs are each needed (each was found so, when this recipe was
 * measured, by leaving it out: the comment says what then fails); the retry interval only makes the reconnect
 * after a simulated push-service reset quick.
 * Firefox's push client source is dom/push/PushService*.sys.mjs, inside /usr/lib/firefox-esr/omni.ja.
 */
export function firefoxPrefs(pushServerUrl: string): Record<string, unknown> {
  return {
    "dom.push.serverURL": pushServerUrl,
    // Else a ws:// push server is ignored and subscribe() fails with AbortError.
    "dom.push.testing.allowInsecureServerURL": true,
    // The remote agent turns the push connection off by default.
    "dom.push.connection.enabled": true,
    // Notification permission granted, as a person does at the browser's prompt (a headless prompt hangs).
    "permissions.default.desktop-notification": 1,
    // Without D-Bus the system alert backend never settles showNotification().
    "alerts.useSystemBackend": false,
    // Reconnect 200 ms after the push service drops the connection (default 5 s, doubling).
    "dom.push.retryBaseInterval": 200,
  };
}

export interface RunningFirefox {
  browser: Browser;
  close(): Promise<void>;
}

/** One Firefox (one profile, one push connection); `browser.createBrowserContext()` gives separate "devices". */
export async function launchFirefox(pushServerUrl: string): Promise<RunningFirefox> {
  const profile = mkdtempSync(join(tmpdir(), "entitle-firefox-"));
  const browser = await launch({
    browser: "firefox",
    executablePath: firefoxPath(),
    headless: true,
    userDataDir: profile,
    extraPrefsFirefox: firefoxPrefs(pushServerUrl),
  });
  return {
    browser,
    async close() {
      await browser.close().catch(() => undefined);
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
