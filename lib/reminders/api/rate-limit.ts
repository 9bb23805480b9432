import "server-only";
import type { Cluster, Redis } from "ioredis";
import { RateLimiterRedis, RateLimiterRes } from "rate-limiter-flexible";
import type { Config } from "../../config";
import { keys } from "../pipeline/keys";
import { apiError, fail, ok, type Result } from "./api-error";

/** Per-IP limit on the subscription routes, counted in Redis so that every web process shares it. */
export interface RequestLimiter {
  /** Counts one request from this client (see client-ip.ts); 429 with Retry-After when over, 503 when Redis cannot be asked. */
  take(client: string): Promise<Result<void>>;
}

export function requestLimiter(redis: Redis | Cluster, limits: Config["rateLimit"]): RequestLimiter {
  const limiter = new RateLimiterRedis({
    storeClient: redis,
    keyPrefix: keys.rateLimitPrefix(),
    points: limits.points,
    duration: limits.windowSeconds,
  });
  return {
    async take(client) {
      try {
        await limiter.consume(client);
        return ok(undefined);
      } catch (error) {
        if (error instanceof RateLimiterRes) {
          const seconds = Math.max(1, Math.ceil(error.msBeforeNext / 1000));
          return fail(apiError(429, "rate_limited", `too many requests; try again in ${seconds} s`, { "retry-after": String(seconds) }));
        }
        // A Redis at its memory cap (noeviction) cannot count: let the request through, so that a DELETE still
        // frees memory; a POST is then refused by the store as full.
        if (error instanceof Error && /^OOM /.test(error.message)) return ok(undefined);
        return fail(apiError(503, "reminders_unavailable", "reminders are unavailable right now; try again later"));
      }
    },
  };
}
