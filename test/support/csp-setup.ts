/** For every e2e test: a Content-Security-Policy violation in any page it opened fails it (test/support/browser.ts). */
import { afterEach } from "vitest";
import { takeCspViolations } from "./browser";

afterEach(() => {
  const seen = takeCspViolations();
  if (seen.length > 0) throw new Error(`Content-Security-Policy violations:\n${seen.map((v) => `  ${v}`).join("\n")}`);
});
