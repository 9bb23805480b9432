import "server-only";
import { appClock, type Clock } from "../../clock";
import { type Config, ConfigError, LOOPBACK_WARNING, loadConfig } from "../../config";
import { type CustomEventStore, customEventStore } from "../pipeline/events";
import { errorMessage, jsonLog, type Log } from "../pipeline/log";
import { type ReminderQueues, reminderQueues } from "../pipeline/queues";
import { type RedisClient, webConnection, whenReady } from "../pipeline/redis";
import { checkShardLayout, migrateStore, type SubscriptionStore, subscriptionStore } from "../pipeline/store";
import { apiError, fail, ok, type Result } from "./api-error";
import { type RequestLimiter, requestLimiter } from "./rate-limit";

/** What the reminder routes need, made once per web process. */
export interface WebContext {
  config: Config;
  clock: Clock;
  store: SubscriptionStore;
  customEvents: CustomEventStore;
  queues: ReminderQueues;
  limiter: RequestLimiter;
  log: Log;
}

interface Shared {
  log: Log;
  config?: Result<Config>;
  redis?: RedisClient;
  context?: Promise<WebContext>;
}

// Next may load each route in its own module graph; one Redis connection per process, not per route.
const SHARED = Symbol.for("entitle.reminders.web");
type WithShared = typeof globalThis & { [SHARED]?: Shared };

function shared(): Shared {
  const g = globalThis as WithShared;
  g[SHARED] ??= { log: jsonLog("web") };
  return g[SHARED];
}

const unavailable = (message: string) => apiError(503, "reminders_unavailable", message);

/** The configuration, or 503 when it is invalid (logged once; the calculator keeps working). */
export function webConfig(): Result<Config> {
  const s = shared();
  if (!s.config) {
    try {
      const config = loadConfig();
      if (config.push.allowLoopback) s.log("warn", LOOPBACK_WARNING);
      s.config = ok(config);
    } catch (error) {
      s.log("error", error instanceof ConfigError ? error.message : `configuration failed: ${errorMessage(error)}`);
      s.config = fail(unavailable("reminders are not configured correctly on this server"));
    }
  }
  return s.config;
}

/** The shared context, or 503 when Redis is not configured or cannot be reached right now. */
export async function webContext(): Promise<Result<WebContext>> {
  const s = shared();
  const config = webConfig();
  if (!config.ok) return config;
  const target = config.value.redis;
  if (!target) return fail(unavailable("reminders are not available on this server (no Redis configured)"));
  if (!s.redis) {
    s.redis = webConnection(target);
    s.redis.on("error", () => undefined); // reported per request as 503; ioredis keeps reconnecting
  }
  const redis = s.redis;
  s.context ??= (async () => {
    await whenReady(redis, 2000);
    const clock = await appClock(config.value.clockStartMs, redis);
    // Release 1's subscriptions keep working: converted to the many-events layout before the first request.
    const migrated = await migrateStore(redis);
    if (migrated.scanned > 0) s.log("info", "subscription store migrated", { ...migrated });
    await checkShardLayout(redis, target.shards);
    return {
      config: config.value,
      clock,
      store: subscriptionStore(redis, target.shards),
      customEvents: customEventStore(redis),
      queues: reminderQueues(
        redis,
        { attempts: config.value.worker.deliverAttempts, retryBaseMs: config.value.worker.retryBaseMs },
        target.kind === "cluster",
      ),
      limiter: requestLimiter(redis, config.value.rateLimit),
      log: s.log,
    };
  })();
  let context: WebContext;
  try {
    context = await s.context;
  } catch (error) {
    s.context = undefined; // try again from scratch on the next request
    s.log("warn", "reminders unavailable", { error: errorMessage(error) });
    return fail(unavailable("reminders are unavailable right now; try again later"));
  }
  try {
    await whenReady(redis, 2000);
  } catch (error) {
    s.log("warn", "reminders unavailable", { error: errorMessage(error) });
    return fail(unavailable("reminders are unavailable right now; try again later"));
  }
  return ok(context);
}
