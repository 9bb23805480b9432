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
