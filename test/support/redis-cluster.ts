import { type ChildProcess, execFile, spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { Cluster, Redis } from "ioredis";
import { freePort } from "../../scripts/free-port";
import { pingRedis } from "../../scripts/local-redis";
import { waitUntil } from "./wait";

const run = promisify(execFile);

export interface ClusterNode {
  port: number;
  child: ChildProcess;
}

export interface RunningCluster {
  /** `host:port,…` of every node, as REDIS_CLUSTER_NODES would list them. */
  nodes: string;
  ports: number[];
  /** A client for the test (ioredis.Cluster), quiet while a node is down on purpose. */
  client(): Cluster;
  /** Stops every node and removes their data. */
  destroy(): Promise<void>;
}

/**
 * A real Redis Cluster for one test file: 3 masters and 3 replicas (`redis-cli --cluster create`, offline),
 * loopback only, free ports, AOF on, noeviction, a short `cluster-node-timeout` so a replica takes over quickly.
 */
export async function startRedisCluster(): Promise<RunningCluster> {
  const root = mkdtempSync(join(tmpdir(), "entitle-cluster-"));
  const ports: number[] = [];
  for (let i = 0; i < 6; i++) {
    let port = await freePort();
    // The cluster bus listens on port + 10000: keep both free of each other's range.
    while (ports.includes(port) || port + 10_000 > 65_535) port = await freePort();
    ports.push(port);
  }
  const nodes: ClusterNode[] = [];
  const stopAll = async () => {
    await Promise.all(
      nodes.map(
        (n) =>
          new Promise<void>((resolve) => {
            if (n.child.exitCode !== null || n.child.signalCode !== null) return resolve();
            n.child.once("exit", () => resolve());
            n.child.kill("SIGKILL");
          }),
      ),
    );
    rmSync(root, { recursive: true, force: true });
  };
  try {
    for (const port of ports) {
      const dir = join(root, String(port));
      mkdirSync(dir);
      const child = spawn(
        "redis-server",
        [
          "--port",
          String(port),
          "--bind",
          "127.0.0.1",
          "--dir",
          dir,
          "--cluster-enabled",
          "yes",
          "--cluster-config-file",
          "nodes.conf",
          "--cluster-node-timeout",
          "1000",
          "--appendonly",
          "yes",
          "--save",
          "",
          "--maxmemory-policy",
          "noeviction",
          "--daemonize",
          "no",
        ],
        { stdio: "ignore" },
      );
      nodes.push({ port, child });
    }
    await Promise.all(ports.map((port) => waitUntil(() => pingRedis(port), 10_000, `redis-server on ${port}`)));
    await run("redis-cli", ["--cluster", "create", ...ports.map((p) => `127.0.0.1:${p}`), "--cluster-replicas", "1", "--cluster-yes"]);
    // Ready when every node sees the whole cluster as ok.
    await waitUntil(
      async () => {
        const states = await Promise.all(
          ports.map(async (port) => {
            const redis = new Redis(port, "127.0.0.1", { lazyConnect: true, maxRetriesPerRequest: 1 });
            redis.on("error", () => undefined);
            try {
              await redis.connect();
              // Settled: the cluster is ok and this node knows every replica (roles spread by gossip a moment
              // after `--cluster create`; a client reading the slot map before that sees it change under it).
              if (!/cluster_state:ok/.test(String(await redis.cluster("INFO")))) return false;
              return (String(await redis.cluster("NODES")).match(/slave/g) ?? []).length === 3;
            } catch {
              return false;
            } finally {
              redis.disconnect();
            }
          }),
        );
        return states.every(Boolean);
      },
      30_000,
      "the cluster to be ok on every node",
    );
  } catch (error) {
    await stopAll();
    throw error;
  }
  return {
    nodes: ports.map((p) => `127.0.0.1:${p}`).join(","),
    ports,
    client() {
      const cluster = new Cluster(
        ports.map((port) => ({ host: "127.0.0.1", port })),
        { redisOptions: { maxRetriesPerRequest: null } },
      );
      cluster.on("error", () => undefined);
      return cluster;
    },
    destroy: stopAll,
  };
}
