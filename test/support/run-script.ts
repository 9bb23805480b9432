import { execFile } from "node:child_process";

export interface ScriptRun {
  code: number;
  /** The script's last stdout line, parsed (every benchmark ends with one JSON object). */
  last: Record<string, unknown>;
  output: string;
}

/** `npm run --silent <script> -- <args>`, as an operator runs a benchmark. */
export function runScript(script: string, args: string[]): Promise<ScriptRun> {
  return new Promise((resolve) => {
    const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
    execFile("npm", ["run", "--silent", script, "--", ...args], { maxBuffer: 32 * 1024 * 1024, env }, (error, stdout, stderr) => {
      let last: Record<string, unknown> = {};
      try {
        last = JSON.parse(stdout.trim().split("\n").at(-1) ?? "{}");
      } catch {
        // left empty: the caller's assertions report it with the output
      }
      resolve({ code: error ? (typeof error.code === "number" ? error.code : 1) : 0, last, output: `${stdout}\n${stderr}` });
    });
  });
}
