/** The machine and code a figure was measured on, printed with every benchmark. */
import { execFileSync } from "node:child_process";
import { availableParallelism, loadavg, totalmem } from "node:os";

export interface Machine {
  nproc: number;
  memoryGiB: number;
  node: string;
  date: string;
  commit: string;
  /** Uncommitted changes in the pipeline's code (lib/reminders, worker) when measured. */
  pipelineDirty: boolean;
  loadAverage1m: number;
}

function git(args: string[]): string {
  try {
    return execFileSync("git", args, { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
  } catch {
    return "";
  }
}

export function machine(): Machine {
  return {
    nproc: availableParallelism(),
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    date: new Date().toISOString(),
    commit: git(["rev-parse", "--short", "HEAD"]) || "unknown",
    pipelineDirty: git(["status", "--porcelain", "--", "lib/reminders", "lib/config.ts", "lib/clock.ts", "worker"]) !== "",
    loadAverage1m: Math.round((loadavg()[0] ?? 0) * 100) / 100,
  };
}

export function describeMachine(m: Machine): string {
  return `${m.date} · ${m.nproc} cores, ${m.memoryGiB} GiB, Node ${m.node} · commit ${m.commit}${m.pipelineDirty ? " (+ uncommitted pipeline changes)" : ""} · load average ${m.loadAverage1m}`;
}
