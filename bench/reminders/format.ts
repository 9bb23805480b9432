/** Text for the benchmark summaries. */
import type { ProcessFigures } from "./proc-meter";
import { round } from "./stats";

/** "worker 78%, pushService 43%, …" */
export function cpuLine(processes: Record<string, ProcessFigures>): string {
  return Object.entries(processes)
    .map(([name, p]) => `${name} ${p.cpuPercent}%`)
    .join(", ");
}

export function cpuPercents(processes: Record<string, ProcessFigures>): Record<string, number> {
  return Object.fromEntries(Object.entries(processes).map(([name, p]) => [name, p.cpuPercent]));
}

export function loadLine(loadAverage: readonly number[]): string {
  return loadAverage.map((l) => round(l, 2)).join(" → ");
}
