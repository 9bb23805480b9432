/**
 * What every reminder benchmark starts from: a private redis-server (AOF, noeviction), the push service in
 * its own process, N subscriptions to the reminder stored in Redis, a tally of what the push service
 * receives, and the worker's environment with the app clock standing just before the reminder is due.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Redis } from "ioredis";
import { clockAnchorKey } from "../../lib/clock";
import type { FakeSubscription } from "../../test/support/push-service";
import { type RunningRedis, startRedis } from "../../test/support/redis";
import { onCleanup } from "./cleanup";
import { type PushProcess, startPushProcess } from "./push-process";
import { ReceiptTally } from "./receipt-tally";
import { REMINDER_AT, REMINDER_TAG } from "./reminder";
import { seedSubscriptions } from "./seed";

export interface Scenario {
  redis: RunningRedis;
  push: PushProcess;
  subscriptions: FakeSubscription[];
  /** The store's id of each subscription, in the same order. */
  storeIds: string[];
  /** Receipts of the reminder, for the N subscriptions. */
  tally: ReceiptTally;
  /** From now on count receipts in `tally` instead (the baseline's phase); flush the push service first. */
  routeReceipts(tally: ReceiptTally): void;
  /** The worker's environment (add APP_CLOCK_START with `anchorClock`). */
  env: Record<string, string>;
  /** Redis's own pid, for CPU and memory readings. */
  redisPid(): Promise<number | undefined>;
  /** Seconds spent making and storing the subscriptions. */
  setupSeconds: number;
}

/** A client that stays quiet while a drill has stopped Redis on purpose. */
export function benchRedisClient(url: string): Redis {
  const redis = new Redis(url, { maxRetriesPerRequest: null });
  redis.on("error", () => undefined);
  return redis;
}

/**
 * How the worker trusts the push service's self-signed certificate. "system": added to the process's root
 * store (NODE_EXTRA_CA_CERTS), the way a production worker trusts FCM or Mozilla through the system roots,
 * with PUSH_CA_FILE unset as in production. "ca-file": PUSH_CA_FILE, as the integration tests do, which puts
 * every root certificate plus this one on the agent (see BENCHMARKS.md for what that costs).
 */
export type Trust = "system" | "ca-file";
export const TRUSTS: readonly Trust[] = ["system", "ca-file"];

export async function startScenario(subscribers: number, workerEnv: Record<string, string>, trust: Trust = "system"): Promise<Scenario> {
  const setupStart = Date.now();
  const [redis, push] = await Promise.all([startRedis(), startPushProcess()]);
  onCleanup("redis-server", () => redis.destroy());
  onCleanup("push service", () => push.close());
  const subscriptions = await push.subscribe(subscribers);
  // Subscribed an hour (app time) before the reminder is due: the worker skips reminders due before a subscription.
  const storeIds = await seedSubscriptions(redis.url, subscriptions, REMINDER_AT - 60 * 60_000);
  const tally = new ReceiptTally(
    subscriptions.map((s) => s.id),
    REMINDER_TAG,
  );
  let target = tally;
  push.onReceipts((receipts) => target.add(receipts));
  const dataDir = mkdtempSync(join(tmpdir(), "entitle-bench-data-"));
  onCleanup("data dir", () => rmSync(dataDir, { recursive: true, force: true }));
  const env = {
    REDIS_URL: redis.url,
    PUSH_ENDPOINT_HOSTS: push.hostPort,
    PUSH_ALLOW_LOOPBACK: "1",
    ...(trust === "system" ? { NODE_EXTRA_CA_CERTS: push.caFile, PUSH_CA_FILE: "" } : { PUSH_CA_FILE: push.caFile }),
    // The VAPID key pair is generated here once and reused by every worker (re)started in the run.
    DATA_DIR: dataDir,
    ...workerEnv,
  };
  return {
    redis,
    push,
    subscriptions,
    storeIds,
    tally,
    routeReceipts(next) {
      target = next;
    },
    env,
    async redisPid() {
      const client = new Redis(redis.url);
      try {
        const info = await client.info("server");
        const pid = Number(/process_id:(\d+)/.exec(info)?.[1]);
        return Number.isSafeInteger(pid) ? pid : undefined;
      } finally {
        await client.quit();
      }
    },
    setupSeconds: (Date.now() - setupStart) / 1000,
  };
}

/**
 * Starts the shared app clock now, `leadMs` before the reminder is due (what anchorClock in the integration
 * harness does). Returns APP_CLOCK_START for the worker and the real time at which the reminder is due.
 */
export async function anchorClock(redisUrl: string, leadMs: number): Promise<{ clockStart: string; dueAt: number }> {
  const startMs = REMINDER_AT - leadMs;
  const redis = new Redis(redisUrl);
  const anchor = Date.now();
  await redis.set(clockAnchorKey(startMs), String(anchor));
  await redis.quit();
  return { clockStart: new Date(startMs).toISOString(), dueAt: anchor + leadMs };
}
