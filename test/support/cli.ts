import { execFile } from "node:child_process";

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the entitlement CLI as a user would (through tsx, without npm's banner). */
export function runEntitlementCli(args: string[]): Promise<CliRun> {
  return new Promise((resolve) => {
    execFile(process.execPath, ["--import", "tsx", "scripts/entitlement.ts", ...args], { encoding: "utf8" }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === "number" ? error.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}
