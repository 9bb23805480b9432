/**
 * CPU and memory of the processes in a benchmark, read from /proc (Linux): which process is the bottleneck
 * (one near 100 % of a core is), and the worker's peak resident memory.
 */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { loadavg } from "node:os";

const TICKS_PER_SECOND = (() => {
  try {
    return Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/** Resident and peak resident memory in KiB; undefined once the process is gone. */
export function memoryKb(pid: number): { rssKb: number; hwmKb: number } | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const field = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, "m").exec(status)?.[1] ?? 0);
    return { rssKb: field("VmRSS"), hwmKb: field("VmHWM") };
  } catch {
    return undefined;
  }
}

/** User + system CPU seconds the process has used; undefined once it is gone. */
export function cpuSeconds(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name (field 2) may contain spaces: count fields after its closing parenthesis.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return undefined;
  }
}

/** Busy and total jiffies of the whole machine (all cores), from the first line of /proc/stat. */
function machineJiffies(): { busy: number; total: number } {
  const [, ...values] = (readFileSync("/proc/stat", "utf8").split("\n")[0] ?? "").trim().split(/\s+/);
  const n = values.map(Number);
  const total = n.slice(0, 8).reduce((a, b) => a + b, 0);
  const idle = (n[3] ?? 0) + (n[4] ?? 0);
  return { busy: total - idle, total };
}

export interface ProcessFigures {
  /** Share of one core used over the measured window, in percent (200 = both cores of two). */
  cpuPercent: number;
  peakRssMb: number;
}

interface Tracked {
  pids: number[];
  cpuAtStart: Map<number, number>;
  cpuLast: Map<number, number>;
  peakKb: number;
}

/** Samples named processes (a name may cover several pids over time, e.g. restarted workers). */
export class ProcMeter {
  private readonly tracked = new Map<string, Tracked>();
  private timer: NodeJS.Timeout | undefined;
  private startedAt = 0;
  private machineAtStart = machineJiffies();
  private loadAtStart: number = loadavg()[0] ?? 0;

  track(name: string, pid: number | undefined): void {
    if (pid === undefined) return;
    const t: Tracked = this.tracked.get(name) ?? { pids: [], cpuAtStart: new Map(), cpuLast: new Map(), peakKb: 0 };
    t.pids.push(pid);
    this.tracked.set(name, t);
    const cpu = cpuSeconds(pid);
    if (cpu !== undefined && this.timer) {
      t.cpuAtStart.set(pid, cpu);
      t.cpuLast.set(pid, cpu);
    }
  }

  /** Starts the CPU window (and memory sampling every `everyMs`). */
  start(everyMs = 200): void {
    this.startedAt = Date.now();
    this.machineAtStart = machineJiffies();
    this.loadAtStart = loadavg()[0] ?? 0;
    for (const t of this.tracked.values()) {
      for (const pid of t.pids) {
        const cpu = cpuSeconds(pid);
        if (cpu !== undefined) {
          t.cpuAtStart.set(pid, cpu);
          t.cpuLast.set(pid, cpu);
        }
      }
    }
    this.timer = setInterval(() => this.sample(), everyMs);
    this.timer.unref();
  }

  /** Reads memory and CPU now; a killed process keeps its last readings. */
  sample(): void {
    for (const t of this.tracked.values()) {
      for (const pid of t.pids) {
        const mem = memoryKb(pid);
        if (mem) t.peakKb = Math.max(t.peakKb, mem.hwmKb, mem.rssKb);
        const cpu = cpuSeconds(pid);
        if (cpu !== undefined) {
          if (!t.cpuAtStart.has(pid)) t.cpuAtStart.set(pid, cpu);
          t.cpuLast.set(pid, cpu);
        }
      }
    }
  }

  /** Ends the window: per-name CPU share and peak memory, the whole machine's busy share and load average. */
  stop(): { processes: Record<string, ProcessFigures>; machineBusyPercent: number; loadAverage: number[] } {
    this.sample();
    if (this.timer) clearInterval(this.timer);
    const seconds = Math.max((Date.now() - this.startedAt) / 1000, 0.001);
    const processes: Record<string, ProcessFigures> = {};
    for (const [name, t] of this.tracked) {
      let used = 0;
      for (const pid of t.pids) used += (t.cpuLast.get(pid) ?? 0) - (t.cpuAtStart.get(pid) ?? 0);
      processes[name] = { cpuPercent: Math.round((used / seconds) * 100), peakRssMb: Math.round(t.peakKb / 1024) };
    }
    const machine = machineJiffies();
    const busy = (machine.busy - this.machineAtStart.busy) / Math.max(machine.total - this.machineAtStart.total, 1);
    return { processes, machineBusyPercent: Math.round(busy * 100), loadAverage: [this.loadAtStart, loadavg()[0] ?? 0] };
  }
}
