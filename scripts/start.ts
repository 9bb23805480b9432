/**
 * `npm start`: builds when the production build is missing or stale, then serves it on $PORT (default 3000).
 */
import { spawn, spawnSync } from "node:child_process";
import { buildIsStale } from "./build-state";

const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
const port = process.env.PORT ?? "3000";
const host = process.env.HOST ?? "0.0.0.0";

if (buildIsStale()) {
  console.log("Building the production app (first start, or the sources changed) …");
  const build = spawnSync("npm", ["run", "--silent", "build"], { stdio: "inherit", env });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const web = spawn(process.execPath, ["node_modules/next/dist/bin/next", "start", "-p", port, "-H", host], { stdio: "inherit", env });
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => web.kill(signal));
web.on("exit", (code) => process.exit(code ?? 0));
