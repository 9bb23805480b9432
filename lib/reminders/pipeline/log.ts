import "server-only";

export type LogLevel = "debug" | "info" | "warn" | "error";

export type Log = (level: LogLevel, msg: string, fields?: Record<string, unknown>) => void;

/** One JSON object per line on stdout: easy to grep, easy to ship. Never logs subscription keys. */
export function jsonLog(component: string, write: (line: string) => void = (line) => process.stdout.write(`${line}\n`)): Log {
  return (level, msg, fields = {}) => {
    write(JSON.stringify({ time: new Date().toISOString(), level, component, msg, ...fields }));
  };
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
