/**
 * The environment, parsed once with zod. A bad value stops the process with a message that names the
 * variable and says what is expected, rather than surfacing later as a failed push.
 *
 * Everything is optional for the calculator: without REDIS_URL (or REDIS_CLUSTER_NODES) the web app still serves
 * it and answers the reminder routes with 503. The worker requires one of them (`requireRedis`).
 */
import { z } from "zod";

/** One entry of PUSH_ENDPOINT_HOSTS: a host name (matched exactly or as a dot-suffix) or an IP literal, and a port. */
export interface PushHostRule {
  /** Lower case; IPv6 literals keep their brackets, as URL.hostname writes them. */
  host: string;
  port: number;
  /** IP literals match only exactly; names also match their subdomains. */
  exactOnly: boolean;
}

/** A seed node of a Redis Cluster. */
export interface RedisNode {
  host: string;
  port: number;
}

/**
 * Where reminders are kept: one Redis (REDIS_URL) or a Redis Cluster (REDIS_CLUSTER_NODES, seed nodes). `shards`
 * is how many sets each event's subscribers are spread over (EVENT_SHARDS: 1 on one Redis, 16 on a Cluster by
 * default), so one event's fan-out and ledger are spread over as many hash slots (docs/reminders.md).
 */
export type RedisTarget =
  | { kind: "single"; url: string; shards: number }
  | { kind: "cluster"; nodes: RedisNode[]; username?: string; password?: string; tls: boolean; shards: number };

export interface Config {
  /** REDIS_URL as given (one Redis); undefined on a Cluster or without Redis. */
  redisUrl: string | undefined;
  /** One Redis or a Cluster; undefined when neither is configured. */
  redis: RedisTarget | undefined;
  vapid: { publicKey: string | undefined; privateKey: string | undefined; subject: string };
  push: {
    hosts: PushHostRule[];
    allowLoopback: boolean;
    /** Extra certificate authorities (PEM file) trusted for push services, besides the system roots. */
    caFile: string | undefined;
    timeoutMs: number;
  };
  /** APP_CLOCK_START as epoch milliseconds; undefined means the real clock. */
  clockStartMs: number | undefined;
  dataDir: string;
  rateLimit: { points: number; windowSeconds: number };
  /**
   * Which address a request comes from: the socket's peer (0 hops, the default), or the address that many
   * trusted proxies in front of the web server saw (TRUST_PROXY_HOPS), or the first address in
   * X-Forwarded-For, read from the right, that is not a listed proxy (TRUST_PROXY_ADDRESSES).
   */
  trustProxy: { hops: number; addresses: string[] };
  /** The most subscriptions (devices) Redis holds; a new one past it is refused with 503. */
  maxSubscriptions: number;
  /** Where the app is reached from outside (PUBLIC_ORIGIN), for absolute links; never taken from request headers. */
  publicOrigin: string | undefined;
  worker: {
    deliverConcurrency: number;
    lockMs: number;
    reconcileEveryMs: number;
    fanOutPageSize: number;
    deliverAttempts: number;
    retryBaseMs: number;
  };
}

export class ConfigError extends Error {
  override name = "ConfigError";
}

/**
 * Chrome (FCM), Firefox (Mozilla autopush), Safari (Apple) and Edge (WNS, any *.notify.windows.com).
 * Names match as a dot-suffix too, so updates.push.services.mozilla.com is covered by push.services.mozilla.com.
 */
export const DEFAULT_PUSH_HOSTS =
  "fcm.googleapis.com,updates.push.services.mozilla.com,push.services.mozilla.com,web.push.apple.com,notify.windows.com";

const HOST_NAME = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/;
const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

/** Parses "host[:port]" entries; returns the rules or the entry that is wrong. */
export function parsePushHosts(list: string): { ok: true; rules: PushHostRule[] } | { ok: false; entry: string } {
  const rules: PushHostRule[] = [];
  for (const raw of list.split(",")) {
    const entry = raw.trim().toLowerCase();
    if (entry === "") continue;
    // Let the URL parser split host and port, and normalise IPv6 the way endpoint URLs will be normalised.
    let url: URL;
    try {
      url = new URL(`https://${entry}`);
    } catch {
      return { ok: false, entry: raw };
    }
    if (url.username || url.password || url.pathname !== "/" || url.search || url.hash) {
      return { ok: false, entry: raw };
    }
    const host = url.hostname;
    const isIp = host.startsWith("[") || IPV4.test(host);
    if (!isIp && !HOST_NAME.test(host)) return { ok: false, entry: raw };
    rules.push({ host, port: url.port === "" ? 443 : Number(url.port), exactOnly: isIp });
  }
  return rules.length > 0 ? { ok: true, rules } : { ok: false, entry: list };
}

/** An empty variable (VAR= in a compose file) means "not set". */
const blankAsUnset = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : typeof v === "string" ? v.trim() : v);

const flag = z.preprocess(
  (v) => (typeof v === "string" ? v.trim().toLowerCase() : v),
  z
    .enum(["1", "0", "true", "false", "yes", "no", "on", "off", ""], { error: "must be 1 or 0 (or true/false)" })
    .default("")
    .transform((v) => ["1", "true", "yes", "on"].includes(v)),
);

/** A whole number from `min` to `max`, one message for every way it can be wrong. */
const wholeNumber = (min: number, max: number) => {
  const error = `must be a whole number from ${min} to ${max}`;
  return z.coerce.number({ error }).int({ error }).min(min, { error }).max(max, { error });
};

const positiveInt = (fallback: number, max = Number.MAX_SAFE_INTEGER) => z.preprocess(blankAsUnset, wholeNumber(1, max).default(fallback));

const optionalText = z
  .string()
  .transform((v) => v.trim())
  .optional()
  .transform((v) => (v === "" ? undefined : v));

const base64url = /^[A-Za-z0-9_-]+$/;

const envSchema = z.object({
  REDIS_URL: optionalText.pipe(
    z
      .string()
      .regex(/^rediss?:\/\//, "must start with redis:// or rediss://")
      .optional(),
  ),
  REDIS_CLUSTER_NODES: optionalText,
  REDIS_USERNAME: optionalText,
  REDIS_PASSWORD: optionalText,
  REDIS_TLS: flag,
  EVENT_SHARDS: z.preprocess(blankAsUnset, wholeNumber(1, 1024).optional()),
  VAPID_PUBLIC_KEY: optionalText.pipe(z.string().regex(base64url, "must be URL-safe base64 (as web-push prints it)").length(87).optional()),
  VAPID_PRIVATE_KEY: optionalText.pipe(
    z.string().regex(base64url, "must be URL-safe base64 (as web-push prints it)").length(43).optional(),
  ),
  VAPID_SUBJECT: optionalText.pipe(
    z
      .string()
      .regex(/^(mailto:[^@\s]+@[^@\s]+|https:\/\/\S+)$/, "must be a mailto: address or an https: URL")
      .default("mailto:reminders@entitle.example"),
  ),
  PUSH_ENDPOINT_HOSTS: optionalText.pipe(z.string().default(DEFAULT_PUSH_HOSTS)),
  PUSH_ALLOW_LOOPBACK: flag,
  PUSH_CA_FILE: optionalText,
  PUSH_TIMEOUT_MS: positiveInt(10_000, 120_000),
  APP_CLOCK_START: optionalText.pipe(
    z.iso.datetime({ offset: true, message: "must be an ISO 8601 time with an offset, e.g. 2023-06-27T14:25:00+08:00" }).optional(),
  ),
  DATA_DIR: optionalText.pipe(z.string().default(".data")),
  RATE_LIMIT_POINTS: positiveInt(30, 1_000_000),
  RATE_LIMIT_WINDOW_SECONDS: positiveInt(60, 86_400),
  TRUST_PROXY_HOPS: z.preprocess(blankAsUnset, wholeNumber(0, 10).default(0)),
  TRUST_PROXY_ADDRESSES: optionalText,
  MAX_SUBSCRIPTIONS: positiveInt(100_000, 100_000_000),
  PUBLIC_ORIGIN: optionalText,
  WORKER_CONCURRENCY: positiveInt(20, 1000),
  WORKER_LOCK_MS: positiveInt(30_000, 600_000),
  RECONCILE_EVERY_MS: positiveInt(5 * 60_000, 24 * 60 * 60_000),
  FANOUT_PAGE_SIZE: positiveInt(500, 10_000),
  DELIVER_ATTEMPTS: positiveInt(8, 100),
  DELIVER_RETRY_BASE_MS: positiveInt(30_000, 3_600_000),
});

const present = (value: string | undefined) => (value ?? "").trim() !== "";

/** Rules across variables, checked on the raw text so they are reported together with every other mistake. */
function crossChecks(env: Record<string, string | undefined>): string[] {
  const problems: string[] = [];
  if (present(env.VAPID_PUBLIC_KEY) !== present(env.VAPID_PRIVATE_KEY)) {
    problems.push("VAPID_PRIVATE_KEY: set both VAPID_PUBLIC_KEY and VAPID_PRIVATE_KEY, or neither");
  }
  const hosts = parsePushHosts(present(env.PUSH_ENDPOINT_HOSTS) ? (env.PUSH_ENDPOINT_HOSTS ?? "") : DEFAULT_PUSH_HOSTS);
  if (!hosts.ok) {
    problems.push(
      `PUSH_ENDPOINT_HOSTS: "${hosts.entry}" is not a comma-separated list of host[:port] (e.g. fcm.googleapis.com,push.example.com:8443)`,
    );
  }
  if (present(env.TRUST_PROXY_ADDRESSES) && !parseProxyAddresses(env.TRUST_PROXY_ADDRESSES ?? "").ok) {
    problems.push("TRUST_PROXY_ADDRESSES: must be a comma-separated list of IP addresses or CIDR ranges (e.g. 10.0.0.0/8,::1)");
  }
  if (present(env.TRUST_PROXY_ADDRESSES) && present(env.TRUST_PROXY_HOPS) && Number(env.TRUST_PROXY_HOPS) !== 0) {
    problems.push("TRUST_PROXY_HOPS: set TRUST_PROXY_HOPS or TRUST_PROXY_ADDRESSES, not both");
  }
  if (present(env.REDIS_URL) && present(env.REDIS_CLUSTER_NODES)) {
    problems.push("REDIS_CLUSTER_NODES: set REDIS_URL (one Redis) or REDIS_CLUSTER_NODES (a Redis Cluster), not both");
  }
  if (present(env.REDIS_CLUSTER_NODES) && parseRedisNodes(env.REDIS_CLUSTER_NODES ?? "") === undefined) {
    problems.push("REDIS_CLUSTER_NODES: must be a comma-separated list of host:port (e.g. 10.0.0.1:7000,10.0.0.2:7000)");
  }
  for (const name of ["REDIS_USERNAME", "REDIS_PASSWORD"] as const) {
    if (present(env[name]) && !present(env.REDIS_CLUSTER_NODES)) {
      problems.push(`${name}: only used with REDIS_CLUSTER_NODES (with one Redis, put it in REDIS_URL)`);
    }
  }
  if (present(env.PUBLIC_ORIGIN) && parsePublicOrigin(env.PUBLIC_ORIGIN ?? "") === undefined) {
    problems.push("PUBLIC_ORIGIN: must be an origin such as https://entitle.example (scheme, host and port only)");
  }
  return problems;
}

const IP_OR_CIDR = /^(?:\d{1,3}(?:\.\d{1,3}){3}|[0-9a-f:.]*:[0-9a-f:.]*)(?:\/\d{1,3})?$/i;

/** TRUST_PROXY_ADDRESSES: IP addresses and CIDR ranges, IPv4 or IPv6 (checked for shape here, for range by the reader). */
export function parseProxyAddresses(list: string): { ok: true; entries: string[] } | { ok: false } {
  const entries = list
    .split(",")
    .map((e) => e.trim().toLowerCase())
    .filter((e) => e !== "");
  if (entries.length === 0 || !entries.every((e) => IP_OR_CIDR.test(e))) return { ok: false };
  return { ok: true, entries };
}

/** REDIS_CLUSTER_NODES: `host:port` entries (a name, an IPv4 address or a bracketed IPv6 one); undefined when one is wrong. */
export function parseRedisNodes(list: string): RedisNode[] | undefined {
  const nodes: RedisNode[] = [];
  for (const raw of list.split(",")) {
    const entry = raw.trim().toLowerCase();
    if (entry === "") continue;
    const match = /^(\[[0-9a-f:.]+\]|[^:[\]]+):(\d{1,5})$/.exec(entry);
    const port = Number(match?.[2]);
    if (!match || port < 1 || port > 65_535) return undefined;
    const host = match[1] as string;
    if (!host.startsWith("[") && !IPV4.test(host) && !HOST_NAME.test(host)) return undefined;
    nodes.push({ host: host.startsWith("[") ? host.slice(1, -1) : host, port });
  }
  return nodes.length > 0 ? nodes : undefined;
}

/** PUBLIC_ORIGIN as `new URL().origin` (http or https, no path, query, fragment or user), or undefined when it is not one. */
export function parsePublicOrigin(value: string): string | undefined {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    return undefined;
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return undefined;
  if (url.username || url.password || url.search || url.hash || (url.pathname !== "/" && url.pathname !== "")) return undefined;
  return url.origin;
}

/** Parses an environment; throws ConfigError naming every wrong variable. */
export function parseConfig(env: Record<string, string | undefined>): Config {
  const parsed = envSchema.safeParse(env);
  const problems = [
    ...(parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join(".") || "environment"}: ${i.message}`)),
    ...crossChecks(env),
  ];
  if (!parsed.success || problems.length > 0) throw new ConfigError(`Invalid environment:\n${problems.map((p) => `  ${p}`).join("\n")}`);
  const e = parsed.data;
  const hosts = parsePushHosts(e.PUSH_ENDPOINT_HOSTS);
  return {
    redisUrl: e.REDIS_URL,
    redis: redisTarget(e),
    vapid: { publicKey: e.VAPID_PUBLIC_KEY, privateKey: e.VAPID_PRIVATE_KEY, subject: e.VAPID_SUBJECT },
    push: {
      hosts: hosts.ok ? hosts.rules : [],
      allowLoopback: e.PUSH_ALLOW_LOOPBACK,
      caFile: e.PUSH_CA_FILE,
      timeoutMs: e.PUSH_TIMEOUT_MS,
    },
    clockStartMs: e.APP_CLOCK_START === undefined ? undefined : Date.parse(e.APP_CLOCK_START),
    dataDir: e.DATA_DIR,
    rateLimit: { points: e.RATE_LIMIT_POINTS, windowSeconds: e.RATE_LIMIT_WINDOW_SECONDS },
    trustProxy: {
      hops: e.TRUST_PROXY_HOPS,
      addresses: e.TRUST_PROXY_ADDRESSES ? (parseProxyAddresses(e.TRUST_PROXY_ADDRESSES) as { entries: string[] }).entries : [],
    },
    maxSubscriptions: e.MAX_SUBSCRIPTIONS,
    publicOrigin: e.PUBLIC_ORIGIN ? parsePublicOrigin(e.PUBLIC_ORIGIN) : undefined,
    worker: {
      deliverConcurrency: e.WORKER_CONCURRENCY,
      lockMs: e.WORKER_LOCK_MS,
      reconcileEveryMs: e.RECONCILE_EVERY_MS,
      fanOutPageSize: e.FANOUT_PAGE_SIZE,
      deliverAttempts: e.DELIVER_ATTEMPTS,
      retryBaseMs: e.DELIVER_RETRY_BASE_MS,
    },
  };
}

/** Subscriber sets per event on a Cluster unless EVENT_SHARDS says otherwise (one Redis: 1, the layout of release 1). */
export const CLUSTER_DEFAULT_SHARDS = 16;

function redisTarget(e: z.infer<typeof envSchema>): RedisTarget | undefined {
  if (e.REDIS_URL) return { kind: "single", url: e.REDIS_URL, shards: e.EVENT_SHARDS ?? 1 };
  const nodes = e.REDIS_CLUSTER_NODES ? parseRedisNodes(e.REDIS_CLUSTER_NODES) : undefined;
  if (!nodes) return undefined;
  return {
    kind: "cluster",
    nodes,
    username: e.REDIS_USERNAME,
    password: e.REDIS_PASSWORD,
    tls: e.REDIS_TLS,
    shards: e.EVENT_SHARDS ?? CLUSTER_DEFAULT_SHARDS,
  };
}

let cached: Config | undefined;

/** The process's configuration, parsed from process.env on first use. Throws ConfigError. */
export function loadConfig(): Config {
  cached ??= parseConfig(process.env);
  return cached;
}

/** One Redis or a Cluster, or a ConfigError saying the worker cannot run without either. */
export function requireRedis(config: Config): RedisTarget {
  if (!config.redis)
    throw new ConfigError(
      "REDIS_URL is required (e.g. redis://127.0.0.1:6379/0), or REDIS_CLUSTER_NODES for a Redis Cluster: reminders are kept in Redis.",
    );
  return config.redis;
}

export const LOOPBACK_WARNING =
  "PUSH_ALLOW_LOOPBACK is on: push endpoints on 127.0.0.1 are accepted. Use it only for tests and demos, never in production.";
