import "server-only";
import { Cluster, type ClusterOptions, Redis, type RedisOptions } from "ioredis";
import type { RedisTarget } from "../../config";

/** One Redis or a Redis Cluster: the store, the ledger and BullMQ take either. */
export type RedisClient = Redis | Cluster;

const retryStrategy = (attempt: number) => Math.min(attempt * 200, 2000);

function cluster(target: Extract<RedisTarget, { kind: "cluster" }>, redisOptions: RedisOptions, options: Partial<ClusterOptions>): Cluster {
  return new Cluster(target.nodes, {
    ...options,
    clusterRetryStrategy: retryStrategy,
    // Read and write on masters only: a replica's copy may lag behind a ledger record just made.
    scaleReads: "master",
    redisOptions: {
      ...redisOptions,
      username: target.username,
      password: target.password,
      ...(target.tls ? { tls: {} } : {}),
    },
    // A failover moves slots: follow MOVED/ASK, and try again a little later while the cluster re-forms.
    retryDelayOnFailover: 200,
    retryDelayOnClusterDown: 300,
    retryDelayOnTryAgain: 200,
    maxRedirections: 32,
  });
}

/**
 * For workers: BullMQ requires `maxRetriesPerRequest: null` (a blocked worker must wait for Redis to come
 * back rather than fail its commands), and keeps retrying the connection forever.
 */
export function workerConnection(target: RedisTarget, options: { autoPipelining?: boolean } = {}): RedisClient {
  const redisOptions: RedisOptions = { maxRetriesPerRequest: null, enableReadyCheck: true, retryStrategy };
  // Not on a Cluster: ioredis groups auto-pipelined commands by the slot of their first argument, which for a
  // script with a variable number of keys (the ledger's page claim) is the key count, not a key, so a batch can
  // mix slots and fail ("All keys in the pipeline should belong to the same slots allocation group"). Commands
  // sent together still leave without waiting for each other's answers.
  if (target.kind === "cluster") return cluster(target, redisOptions, { enableReadyCheck: true });
  return new Redis(target.url, { ...redisOptions, enableAutoPipelining: options.autoPipelining === true });
}

/**
 * For the web server: fail fast so that a request answers 503 within a couple of seconds when Redis is away,
 * instead of hanging; reconnects in the background.
 */
export function webConnection(target: RedisTarget): RedisClient {
  const redisOptions: RedisOptions = { connectTimeout: 2000, commandTimeout: 3000, maxRetriesPerRequest: 1, retryStrategy };
  if (target.kind === "cluster") return cluster(target, redisOptions, { lazyConnect: true });
  return new Redis(target.url, { ...redisOptions, lazyConnect: true });
}

/** The masters of a Cluster (each holds its own keys: a SCAN must visit every one), or the one Redis. */
export function primaries(redis: RedisClient): Redis[] {
  return redis instanceof Cluster ? redis.nodes("master") : [redis];
}

const keySlots = new Map<string, number>();

/**
 * On a Cluster: waits until this client's writes so far on the master serving `key` have reached one of its
 * replicas (WAIT 1), for at most `timeoutMs`, and returns how many replicas confirmed. A write a master confirmed
 * in its last instant can otherwise vanish when its replica takes over (replication is asynchronous). Undefined
 * at once on one Redis, or when the master has no replica.
 */
export async function waitForReplica(redis: RedisClient, key: string, timeoutMs: number): Promise<number | undefined> {
  if (!(redis instanceof Cluster)) return undefined;
  let slot = keySlots.get(key);
  if (slot === undefined) {
    slot = Number(await redis.cluster("KEYSLOT", key));
    keySlots.set(key, slot);
  }
  const master = redis.slots[slot]?.[0];
  const node = master ? redis.nodes("master").find((n) => `${n.options.host}:${n.options.port}` === master) : undefined;
  if (!node || (await replicasOf(node)) === 0) return undefined;
  return Number(await node.call("WAIT", "1", String(timeoutMs)));
}

const replicaCounts = new WeakMap<Redis, { count: number; atMs: number }>();

/** How many replicas a master has (ROLE), read at most every 10 s: a master with none is not waited for. */
async function replicasOf(node: Redis): Promise<number> {
  const known = replicaCounts.get(node);
  if (known && Date.now() - known.atMs < 10_000) return known.count;
  const role = (await node.call("ROLE")) as [string, number, unknown[]?];
  const count = role[0] === "master" && Array.isArray(role[2]) ? role[2].length : 0;
  replicaCounts.set(node, { count, atMs: Date.now() });
  return count;
}

/** Resolves once the connection is ready, or rejects after `timeoutMs`. */
export async function whenReady(redis: RedisClient, timeoutMs: number): Promise<void> {
  if (redis.status === "ready") return;
  if (redis.status === "wait") redis.connect().catch(() => undefined);
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`Redis not ready within ${timeoutMs} ms (status ${redis.status})`));
    }, timeoutMs);
    const onReady = () => {
      cleanup();
      resolve();
    };
    const cleanup = () => {
      clearTimeout(timer);
      redis.off("ready", onReady);
    };
    redis.on("ready", onReady);
  });
}
