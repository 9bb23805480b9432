/** Helpers shared by the reminder integration tests: environment, clock, worker processes, waiting. */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Redis } from "ioredis";
import { clockAnchorKey } from "@/lib/clock";
import type { SubscriptionInput } from "@/lib/reminders/pipeline/store";
import type { FakeSubscription, PushService } from "../../support/push-service";
import type { RunningRedis } from "../../support/redis";
import type { RunningCluster } from "../../support/redis-cluster";

/** An instant given in Hong Kong local time, e.g. hkt("2023-06-27T14:30:00"). */
export const hkt = (local: string) => Date.parse(`${local}+08:00`);

/** The lodgement deadline, and its 2-hour reminder. */
export const LODGEMENT = { id: "h-lodgement-deadline", at: hkt("2023-06-27T16:30:00"), pt2h: hkt("2023-06-27T14:30:00") };

/** The environment a web server or worker gets in these tests: our Redis (or Cluster), our push service, fast retries. */
export function reminderEnv(
  redis: RunningRedis | RunningCluster,
  push: PushService,
  extra: Record<string, string> = {},
): Record<string, string> {
  return {
    ...("url" in redis ? { REDIS_URL: redis.url } : { REDIS_CLUSTER_NODES: redis.nodes }),
    ...("auth" in redis && redis.auth ? { REDIS_USERNAME: redis.auth.username, REDIS_PASSWORD: redis.auth.password } : {}),
    PUSH_ENDPOINT_HOSTS: push.hostPort,
    PUSH_ALLOW_LOOPBACK: "1",
    PUSH_CA_FILE: push.caFile,
    PUSH_TIMEOUT_MS: "1500",
    DATA_DIR: mkdtempSync(join(tmpdir(), "entitle-data-")),
    DELIVER_RETRY_BASE_MS: "300",
    WORKER_LOCK_MS: "3000",
    ...extra,
  };
}

/** A client for the test's own reads and writes; quiet while a test has stopped Redis on purpose. */
export function redisClient(url: string): Redis {
  const redis = new Redis(url, { maxRetriesPerRequest: null });
  redis.on("error", () => undefined);
  return redis;
}

/** Starts the shared app clock now at `startMs` (as the first process would), so the test knows when "now" is. */
export async function anchorClock(redisUrl: string, startMs: number): Promise<number> {
  const redis = new Redis(redisUrl);
  const anchor = Date.now();
  await redis.set(clockAnchorKey(startMs), String(anchor));
  await redis.quit();
  return anchor;
}

import { waitUntil } from "../../support/wait";

export { waitUntil };

export interface WorkerProcess {
  child: ChildProcess;
  /** Parsed JSON log lines so far. */
  logs: Record<string, unknown>[];
  output(): string;
  waitForLog(match: (line: Record<string, unknown>) => boolean, timeoutMs: number, what: string): Promise<void>;
  kill(signal: NodeJS.Signals): Promise<number | null>;
}

/** `npm run worker` as a real process (tsx with the react-server condition, as the npm script runs it). */
export function spawnWorker(env: Record<string, string>): WorkerProcess {
  const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "worker/index.ts"], {
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const logs: Record<string, unknown>[] = [];
  let text = "";
  let partial = "";
  child.stdout?.setEncoding("utf8");
  child.stdout?.on("data", (chunk: string) => {
    text += chunk;
    partial += chunk;
    const lines = partial.split("\n");
    partial = lines.pop() ?? "";
    for (const line of lines) {
      try {
        logs.push(JSON.parse(line) as Record<string, unknown>);
      } catch {
        // not ours (e.g. a library's warning)
      }
    }
  });
  child.stderr?.on("data", (chunk) => (text += chunk));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return {
    child,
    logs,
    output: () => text,
    async waitForLog(match, timeoutMs, what) {
      try {
        await waitUntil(
          () => {
            if (child.exitCode !== null) throw new Error(`worker exited (${child.exitCode}) while waiting for ${what}`);
            return logs.some(match);
          },
          timeoutMs,
          what,
        );
      } catch (error) {
        throw new Error(`${(error as Error).message}\nworker output:\n${text.slice(-4000)}`);
      }
    },
    async kill(signal) {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}

/** The body a browser's subscribe flow POSTs. */
export function subscribeBody(
  subscription: { endpoint: string; expirationTime: null; keys: { p256dh: string; auth: string } },
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    subscription: { endpoint: subscription.endpoint, expirationTime: subscription.expirationTime, keys: subscription.keys },
    event: "jlmag-2022-final",
    class: "H",
    milestones: [LODGEMENT.id],
    leads: ["PT2H"],
    locale: "en",
    ...overrides,
  };
}

/** A subscription (as the store takes it) to the lodgement deadline's 2-hour reminder, in English, for H shares. */
export function lodgementInput(
  fake: Pick<FakeSubscription, "endpoint" | "keys">,
  overrides: Partial<SubscriptionInput> = {},
): SubscriptionInput {
  return {
    endpoint: fake.endpoint,
    expirationTime: null,
    keys: fake.keys,
    event: "jlmag-2022-final",
    class: "H",
    milestones: [LODGEMENT.id],
    leads: ["PT2H"],
    locale: "en",
    ...overrides,
  };
}
