import "server-only";
import { Redis } from "ioredis";

/**
 * For workers: BullMQ requires `maxRetriesPerRequest: null` (a blocked worker must wait for Redis to come
 * back rather than fail its commands), and keeps retrying the connection forever.
 */
export function workerConnection(url: string, options: { autoPipelining?: boolean } = {}): Redis {
  return new Redis(url, {
    maxRetriesPerRequest: null,
    enableAutoPipelining: options.autoPipelining === true,
    enableReadyCheck: true,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2000),
  });
}

/**
 * For the web server: fail fast so that a request answers 503 within a couple of seconds when Redis is away,
 * instead of hanging; reconnects in the background.
 */
export function webConnection(url: string): Redis {
  return new Redis(url, {
    lazyConnect: true,
    connectTimeout: 2000,
    commandTimeout: 3000,
    maxRetriesPerRequest: 1,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2000),
  });
}

/** Resolves once the connection is ready, or rejects after `timeoutMs`. */
export async function whenReady(redis: Redis, timeoutMs: number): Promise<void> {
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
