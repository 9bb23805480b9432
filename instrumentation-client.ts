/**
 * Runs in the browser before the app's code (Next's instrumentation-client). The pages' Content-Security-Policy
 * allows no eval (security-headers.js), and zod probes `new Function("")` once to decide whether to compile its
 * parsers; the probe is caught, but the browser still reports it as a CSP violation. zod reads this shared global
 * config (`globalThis.__zod_globalConfig`) and skips the probe under `jitless`.
 */
const g = globalThis as typeof globalThis & { __zod_globalConfig?: { jitless?: boolean } };
g.__zod_globalConfig ??= {};
g.__zod_globalConfig.jitless = true;
