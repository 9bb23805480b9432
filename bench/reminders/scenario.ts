/**
 * What every reminder benchmark starts from: a private redis-server (AOF, noeviction) or, with `cluster`, a
 * local Redis Cluster of 3 masters and 3 replicas (the integration tests' harness), the push service in its own
 * process, N subscriptions to the reminder stored in Redis, a tally of what the push service receives, and the
 * worker's environment with the app clock standing just before the reminder is due.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Redis } from "ioredis";
import { clockAnchorKey } from "../../lib/clock";
import { type RedisClient, workerConnection } from "../../lib/reminders/pipeline/redis";
import type { FakeSubscription } from "../../test/support/push-service";
import { type RunningRedis, startRedis } from "../../test/support/redis";
import { type RunningCluster, startRedisCluster } from "../../test/support/redis-cluster";
import { onCleanup } from "./cleanup";
import { type PushProcess, startPushProcess } from "./push-process";
import { ReceiptTally } from "./receipt-tally";
import { REMINDER_AT, REMINDER_TAG } from "./reminder";
import { seedSubscriptions } from "./seed";

/** Subscriber sets per event on the Cluster: the worker's default there (EVENT_SHARDS unset). */
export const CLUSTER_SHARDS = 16;

/** Where the benchmark keeps reminders: one redis-server, or a local Redis Cluster. */
export type BenchStore =
  | { kind: "single"; redis: RunningRedis; shards: 1 }
  | { kind: "cluster"; cluster: RunningCluster; shards: typeof CLUSTER_SHARDS };

export interface Scenario {
  store: BenchStore;
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
  /** A client of the store (ioredis.Cluster on the Cluster), quiet while a drill stops Redis on purpose. */
  client(): RedisClient;
  /** Each redis-server's pid (one, or every node of the Cluster), for CPU and memory readings. */
  redisPids(): Promise<number[]>;
  /** Seconds spent making and storing the subscriptions. */
  setupSeconds: number;
}

/**
 * A client that stays quiet while a drill has stopped Redis (or a node) on purpose: the worker's own connection
 * (lib/reminders/pipeline/redis.ts), so it follows a Cluster failover as the worker does.
 */
export function benchRedisClient(store: BenchStore): RedisClient {
  const redis = workerConnection(
    store.kind === "single"
      ? { kind: "single", url: store.redis.url, shards: store.shards }
      : {
          kind: "cluster",
          nodes: store.cluster.ports.map((port) => ({ host: "127.0.0.1", port })),
          tls: false,
          shards: store.shards,
        },
  );
  redis.on("error", () => undefined);
  return redis;
}

/** REDIS_URL or REDIS_CLUSTER_NODES (EVENT_SHARDS left to the worker's default for each). */
function storeEnv(store: BenchStore): Record<string, string> {
  return store.kind === "single" ? { REDIS_URL: store.redis.url } : { REDIS_CLUSTER_NODES: store.cluster.nodes };
}

/**
 * How the worker trusts the push service's self-signed certificate. "system": added to the process's root
 * store (NODE_EXTRA_CA_CERTS), the way a production worker trusts FCM or Mozilla through the system roots,
 * with PUSH_CA_FILE unset as in production. "ca-file": PUSH_CA_FILE, as the integration tests do, which puts
 * every root certificate plus this one on the agent (see BENCHMARKS.md for what that costs).
 */
export type Trust = "system" | "ca-file";
export const TRUSTS: readonly Trust[] = ["system", "ca-file"];

async function startStore(cluster: boolean): Promise<BenchStore> {
  if (cluster) {
    const running = await startRedisCluster();
    onCleanup("redis cluster", () => running.destroy());
    return { kind: "cluster", cluster: running, shards: CLUSTER_SHARDS };
  }
  const redis = await startRedis();
  onCleanup("redis-server", () => redis.destroy());
  return { kind: "single", redis, shards: 1 };
}

export async function startScenario(
  subscribers: number,
  workerEnv: Record<string, string>,
  trust: Trust = "system",
  options: { cluster?: boolean } = {},
): Promise<Scenario> {
  const setupStart = Date.now();
  const [store, push] = await Promise.all([startStore(options.cluster === true), startPushProcess()]);
  onCleanup("push service", () => push.close());
  const subscriptions = await push.subscribe(subscribers);
  // Subscribed an hour (app time) before the reminder is due: the worker skips reminders due before a subscription.
  const seeder = benchRedisClient(store);
  const storeIds = await seedSubscriptions(seeder, store.shards, subscriptions, REMINDER_AT - 60 * 60_000).finally(() =>
    seeder.disconnect(),
  );
  const tally = new ReceiptTally(
    subscriptions.map((s) => s.id),
    REMINDER_TAG,
  );
  let target = tally;
  push.onReceipts((receipts) => target.add(receipts));
  const dataDir = mkdtempSync(join(tmpdir(), "entitle-bench-data-"));
  onCleanup("data dir", () => rmSync(dataDir, { recursive: true, force: true }));
  const env = {
    ...storeEnv(store),
    PUSH_ENDPOINT_HOSTS: push.hostPort,
    PUSH_ALLOW_LOOPBACK: "1",
    ...(trust === "system" ? { NODE_EXTRA_CA_CERTS: push.caFile, PUSH_CA_FILE: "" } : { PUSH_CA_FILE: push.caFile }),
    // The VAPID key pair is generated here once and reused by every worker (re)started in the run.
    DATA_DIR: dataDir,
    ...workerEnv,
  };
  return {
    store,
    push,
    subscriptions,
    storeIds,
    tally,
    routeReceipts(next) {
      target = next;
    },
    env,
    client: () => benchRedisClient(store),
    async redisPids() {
      if (store.kind === "cluster") return [...store.cluster.pids.values()].filter((pid) => pid !== undefined);
      const client = new Redis(store.redis.url);
      try {
        const info = await client.info("server");
        const pid = Number(/process_id:(\d+)/.exec(info)?.[1]);
        return Number.isSafeInteger(pid) ? [pid] : [];
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
export async function anchorClock(redis: RedisClient, leadMs: number): Promise<{ clockStart: string; dueAt: number }> {
  const startMs = REMINDER_AT - leadMs;
  const anchor = Date.now();
  await redis.set(clockAnchorKey(startMs), String(anchor));
  return { clockStart: new Date(startMs).toISOString(), dueAt: anchor + leadMs };
}
