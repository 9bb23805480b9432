import "server-only";
import { readFileSync } from "node:fs";

/**
 * The subscription store's Lua scripts (./lua/*.lua). Each touches one key only, declared in KEYS, so they run
 * unchanged on one Redis and on a Redis Cluster. Every URL is written out for the bundler to find the file.
 */
export function storeScripts() {
  const convert = readFileSync(new URL("./lua/convert-release1.lua", import.meta.url), "utf8");
  return {
    setSelection: `${convert}\n${readFileSync(new URL("./lua/device-set-selection.lua", import.meta.url), "utf8")}`,
    remove: `${convert}\n${readFileSync(new URL("./lua/device-remove.lua", import.meta.url), "utf8")}`,
    migrate: `${convert}\n${readFileSync(new URL("./lua/device-migrate.lua", import.meta.url), "utf8")}`,
    admit: readFileSync(new URL("./lua/admit-device.lua", import.meta.url), "utf8"),
    deleteIfEqual: readFileSync(new URL("./lua/delete-if-equal.lua", import.meta.url), "utf8"),
    replaceIfEqual: readFileSync(new URL("./lua/replace-if-equal.lua", import.meta.url), "utf8"),
    runId: readFileSync(new URL("./lua/run-id.lua", import.meta.url), "utf8"),
  };
}
