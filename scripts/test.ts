/**
 * `npm test`: system parts → lint → types → production build → vitest (unit, integration, e2e, e2e-push).
 * Ends with one line "N passed, N failed" (static checks count as one test each).
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync } from "node:fs";
import { CHROMIUM, ensureSystemDeps, FIREFOX, REDIS } from "./system-deps";

const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
let passed = 0;
let failed = 0;

function step(title: string, cmd: string, args: string[]): boolean {
  console.log(`\n▶ ${title}`);
  const ok = spawnSync(cmd, args, { stdio: "inherit", env }).status === 0;
  console.log(ok ? `✓ ${title}` : `✗ ${title}`);
  return ok;
}

try {
  ensureSystemDeps([REDIS, CHROMIUM, FIREFOX]);
} catch (e) {
  console.error((e as Error).message);
  console.log("0 passed, 1 failed");
  process.exit(1);
}

for (const [title, cmd, args] of [
  ["lint and format (biome)", "npx", ["biome", "check", "."]],
  ["types (tsc: app, tests, scripts, service worker)", "npm", ["run", "--silent", "typecheck"]],
] as const) {
  if (step(title, cmd, [...args])) passed++;
  else failed++;
}

if (!step("production build (next build && serwist build)", "npm", ["run", "--silent", "build"])) {
  console.log(`${passed} passed, ${failed + 1} failed`);
  process.exit(1);
}

mkdirSync(".test-results", { recursive: true });
const vitestOk = step("tests (vitest: unit, integration, e2e, e2e-push in Firefox)", "npx", [
  "vitest",
  "run",
  "--reporter=default",
  "--reporter=json",
  "--outputFile.json=.test-results/vitest.json",
  ...process.argv.slice(2),
]);
try {
  const report = JSON.parse(readFileSync(".test-results/vitest.json", "utf8")) as {
    numPassedTests: number;
    numFailedTests: number;
    numTotalTests: number;
  };
  passed += report.numPassedTests;
  failed += report.numFailedTests;
  if (!vitestOk && report.numFailedTests === 0) failed++; // a suite that failed to load counts too
} catch {
  failed++;
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
