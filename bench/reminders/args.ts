/** Command-line flags of the reminder benchmarks: `--name value` pairs after `npm run <script> --`. */

/** A whole number given as `--name N` (underscores and commas allowed: 100_000, 100,000), or the fallback. */
export function intArg(name: string, fallback: number, argv: readonly string[] = process.argv): number {
  const at = argv.indexOf(`--${name}`);
  if (at < 0) return fallback;
  const raw = argv[at + 1] ?? "";
  const value = Number(raw.replace(/[_,]/g, ""));
  if (!Number.isSafeInteger(value) || value < 0) throw new Error(`--${name} must be a whole number, not "${raw}"`);
  return value;
}

/** A word given as `--name word`, checked against the allowed ones. */
export function choiceArg<T extends string>(name: string, allowed: readonly T[], fallback: T, argv: readonly string[] = process.argv): T {
  const at = argv.indexOf(`--${name}`);
  if (at < 0) return fallback;
  const raw = argv[at + 1] ?? "";
  const found = allowed.find((a) => a === raw);
  if (!found) throw new Error(`--${name} must be one of ${allowed.join(", ")}, not "${raw}"`);
  return found;
}

/** A value given as `--name value`, or the fallback. */
export function stringArg(name: string, fallback: string, argv: readonly string[] = process.argv): string {
  const at = argv.indexOf(`--${name}`);
  if (at < 0) return fallback;
  const raw = argv[at + 1];
  if (raw === undefined || raw.startsWith("--")) throw new Error(`--${name} needs a value`);
  return raw;
}

/** Whether a bare `--name` switch was given. */
export function flagArg(name: string, argv: readonly string[] = process.argv): boolean {
  return argv.includes(`--${name}`);
}
