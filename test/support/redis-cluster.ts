import { type ChildProcess, execFile, spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { Cluster, Redis } from "ioredis";
import { canListen, freePort } from "../../scripts/free-port";
import { pingRedis } from "../../scripts/local-redis";
import { waitUntil } from "./wait";

const run = promisify(execFile);

export interface ClusterNode {
  port: number;
  child: ChildProcess;
}

export interface ClusterAuth {
  /** An ACL user with every right; the default user is switched off, so nothing gets in without these. */
  username: string;
  password: string;
}

export interface RunningCluster {
  /** `host:port,…` of every node, as REDIS_CLUSTER_NODES would list them. */
  nodes: string;
  /** The credentials every client must give, when the cluster was started with them. */
  auth?: ClusterAuth;
  ports: number[];
  /** A client for the test (ioredis.Cluster), quiet while a node is down on purpose. */
  client(): Cluster;
  /** Each node's redis-server pid, by port (for CPU readings). */
  pids: Map<number, number | undefined>;
  /**
   * The port of the master serving a key's slot, as the cluster says (CLUSTER KEYSLOT, then CLUSTER SLOTS asked of
   * a live node); undefined while no master serves it (after a master died, until its replica takes over).
   */
  masterOf(key: string): Promise<number | undefined>;
  /** Kills one node with SIGKILL (a crash: no shutdown, no last AOF write) and resolves once it has exited. */
  killNode(port: number): Promise<void>;
  /** Whether every live node says cluster_state:ok and agrees which master serves every slot range. */
  healthy(): Promise<boolean>;
  /** Stops every node and removes their data. */
  destroy(): Promise<void>;
}

/**
 * A real Redis Cluster for one test file: 3 masters and 3 replicas (`redis-cli --cluster create`, offline),
 * loopback only, free ports, AOF on, noeviction, a short `cluster-node-timeout` so a replica takes over quickly.
 * With `auth`, every node refuses clients (and replicas) that do not log in as that ACL user.
 */
export async function startRedisCluster(options: { auth?: ClusterAuth } = {}): Promise<RunningCluster> {
  const { auth } = options;
  const ask = <T>(port: number, question: (redis: Redis) => Promise<T>) => askNode(port, question, auth);
  // redis-server joins the words after an option into its line ("--user default off"); one word each.
  const authArgs = auth
    ? ["--user", "default", "off", "--user", auth.username, "on", `>${auth.password}`, "~*", "&*", "+@all"].concat([
        "--masteruser",
        auth.username,
        "--masterauth",
        auth.password,
      ])
    : [];
  const root = mkdtempSync(join(tmpdir(), "entitle-cluster-"));
  const ports: number[] = [];
  // The cluster bus listens on port + 10000: that port must be free too, and no node's port may be another's bus
  // (a node whose port was taken exits at once, and the wait below timed out after 10 s: a CI flake, 2026-12-01).
  const clashes = (port: number) => ports.some((p) => p === port || p + 10_000 === port || p === port + 10_000);
  while (ports.length < 6) {
    const port = await freePort();
    if (port + 10_000 > 65_535 || clashes(port) || !(await canListen(port + 10_000))) continue;
    ports.push(port);
  }
  const nodes: ClusterNode[] = [];
  const alive = () => nodes.filter((n) => n.child.exitCode === null && n.child.signalCode === null);
  const stop = (n: ClusterNode) =>
    new Promise<void>((resolve) => {
      if (n.child.exitCode !== null || n.child.signalCode !== null) return resolve();
      n.child.once("exit", () => resolve());
      n.child.kill("SIGKILL");
    });
  const stopAll = async () => {
    await Promise.all(nodes.map(stop));
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
          ...authArgs,
        ],
        { stdio: "ignore" },
      );
      nodes.push({ port, child });
    }
    const up = (port: number) => (auth ? ask(port, async (r) => (await r.ping()) === "PONG") : pingRedis(port));
    await Promise.all(ports.map((port) => waitUntil(async () => (await up(port)) === true, 10_000, `redis-server on ${port}`)));
    const login = auth ? ["--user", auth.username, "--pass", auth.password, "--no-auth-warning"] : [];
    await run("redis-cli", [
      ...login,
      "--cluster",
      "create",
      ...ports.map((p) => `127.0.0.1:${p}`),
      "--cluster-replicas",
      "1",
      "--cluster-yes",
    ]);
    // Ready when every node sees the whole cluster as ok.
    await waitUntil(
      async () => {
        const states = await Promise.all(
          ports.map((port) =>
            ask(port, async (redis) => {
              // Settled: the cluster is ok and this node knows every replica (roles spread by gossip a moment
              // after `--cluster create`; a client reading the slot map before that sees it change under it).
              if (!/cluster_state:ok/.test(String(await redis.cluster("INFO")))) return false;
              if ((String(await redis.cluster("NODES")).match(/slave/g) ?? []).length !== 3) return false;
              // And every master streams to its replica (a failover, or a WAIT, needs the link up).
              const role = (await redis.call("ROLE")) as [string, number, unknown[]?];
              return role[0] !== "master" || (Array.isArray(role[2]) && role[2].length === 1);
            }),
          ),
        );
        return states.every((s) => s === true);
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
    auth,
    ports,
    client() {
      const cluster = new Cluster(
        ports.map((port) => ({ host: "127.0.0.1", port })),
        { redisOptions: { maxRetriesPerRequest: null, username: auth?.username, password: auth?.password } },
      );
      cluster.on("error", () => undefined);
      return cluster;
    },
    pids: new Map(nodes.map((n) => [n.port, n.child.pid])),
    async masterOf(key) {
      for (const { port } of alive()) {
        const found = await ask(port, async (redis) => {
          const slot = Number(await redis.cluster("KEYSLOT", key));
          const ranges = await redis.cluster("SLOTS");
          return ranges.find(([from, to]) => slot >= from && slot <= to)?.[2]?.[1] ?? null;
        });
        // A node that answered knows the slot map (null: no master serves the slot); one that did not: ask another.
        if (found !== undefined) return found ?? undefined;
      }
      return undefined;
    },
    async killNode(port) {
      const node = nodes.find((n) => n.port === port);
      if (!node) throw new Error(`no cluster node on port ${port}`);
      await stop(node);
    },
    async healthy() {
      const views = await Promise.all(
        alive().map(({ port }) =>
          ask(port, async (redis) => {
            if (!/cluster_state:ok/.test(String(await redis.cluster("INFO")))) return null;
            const ranges = await redis.cluster("SLOTS");
            return ranges
              .map(([from, to, master]) => `${from}-${to}@${master?.[1]}`)
              .sort()
              .join(",");
          }),
        ),
      );
      return views.length > 0 && views.every((v) => typeof v === "string" && v === views[0]);
    },
    destroy: stopAll,
  };
}

/** Runs `question` on a fresh connection to one node; undefined when the node does not answer. */
async function askNode<T>(port: number, question: (redis: Redis) => Promise<T>, auth?: ClusterAuth): Promise<T | undefined> {
  const redis = new Redis(port, "127.0.0.1", {
    username: auth?.username,
    password: auth?.password,
    lazyConnect: true,
    maxRetriesPerRequest: 1,
    connectTimeout: 1000,
    retryStrategy: () => null,
  });
  redis.on("error", () => undefined);
  try {
    await redis.connect();
    return await question(redis);
  } catch {
    return undefined;
  } finally {
    redis.disconnect();
  }
}
