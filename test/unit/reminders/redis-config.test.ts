/** Where reminders are kept: REDIS_URL or REDIS_CLUSTER_NODES, and how an event's subscribers are spread. */
import { describe, expect, it, vi } from "vitest";
import { ConfigError, parseConfig, parseRedisNodes } from "@/lib/config";
import { keys, shardOf } from "@/lib/reminders/pipeline/keys";

vi.mock("server-only", () => ({}));

const problems = (env: Record<string, string>) => {
  try {
    parseConfig(env);
    return "";
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
};

describe("REDIS_CLUSTER_NODES", () => {
  it("reads seed nodes as host:port (names, IPv4, bracketed IPv6)", () => {
    expect(parseRedisNodes(" 10.0.0.1:7000, redis-a.internal:7001,[::1]:7002 ")).toEqual([
      { host: "10.0.0.1", port: 7000 },
      { host: "redis-a.internal", port: 7001 },
      { host: "::1", port: 7002 },
    ]);
  });

  it.each(["10.0.0.1", "10.0.0.1:0", "10.0.0.1:65536", "redis://10.0.0.1:7000", "::1:7000", "a b:7000", ","])("refuses %j", (list) => {
    expect(parseRedisNodes(list)).toBeUndefined();
  });

  it("gives a Cluster with 16 subscriber sets per event unless EVENT_SHARDS says otherwise", () => {
    const config = parseConfig({ REDIS_CLUSTER_NODES: "127.0.0.1:7000,127.0.0.1:7001", REDIS_PASSWORD: "s3cret" });
    expect(config.redis).toEqual({
      kind: "cluster",
      nodes: [
        { host: "127.0.0.1", port: 7000 },
        { host: "127.0.0.1", port: 7001 },
      ],
      username: undefined,
      password: "s3cret",
      tls: false,
      shards: 16,
    });
    expect(parseConfig({ REDIS_CLUSTER_NODES: "127.0.0.1:7000", EVENT_SHARDS: "4", REDIS_TLS: "1" }).redis).toMatchObject({
      shards: 4,
      tls: true,
    });
  });

  it("keeps one Redis at one set per event (release 1's layout)", () => {
    expect(parseConfig({ REDIS_URL: "redis://127.0.0.1:6379/0" }).redis).toEqual({
      kind: "single",
      url: "redis://127.0.0.1:6379/0",
      shards: 1,
    });
    expect(parseConfig({}).redis).toBeUndefined();
  });

  it("names each wrong variable", () => {
    expect(problems({ REDIS_URL: "redis://a:1", REDIS_CLUSTER_NODES: "a:1" })).toContain("not both");
    expect(problems({ REDIS_CLUSTER_NODES: "a" })).toContain("REDIS_CLUSTER_NODES: must be a comma-separated list of host:port");
    expect(problems({ REDIS_URL: "redis://a:1", REDIS_PASSWORD: "x" })).toContain("REDIS_PASSWORD: only used with REDIS_CLUSTER_NODES");
    expect(problems({ REDIS_CLUSTER_NODES: "a:1", EVENT_SHARDS: "0" })).toContain("EVENT_SHARDS: must be a whole number from 1 to 1024");
    expect(problems({ REDIS_CLUSTER_NODES: "a:1", EVENT_SHARDS: "2000" })).toContain("EVENT_SHARDS");
  });
});

describe("subscriber sets", () => {
  it("one set on one Redis, under release 1's key", () => {
    expect(keys.eventSubscribers("ev", 0, 1)).toBe("entitle:event-subs:ev");
    expect(shardOf("anything", 1)).toBe(0);
    expect(keys.sent("ev", "m", "PT2H")).toBe("entitle:sent:{ev:m:PT2H}");
  });

  it("on a Cluster each set (and its ledger) has its own hash tag", () => {
    expect(keys.eventSubscribers("ev", 3, 16)).toBe("entitle:event-subs:{ev:3}");
    expect(keys.sent("ev", "m", "PT2H", 3)).toBe("entitle:sent:{ev:m:PT2H:3}");
    expect(keys.inFlight("id1", "ev", "m", "PT2H", 3)).toBe("entitle:inflight:{ev:m:PT2H:3}:id1");
  });

  it("spreads ids evenly: 16,000 random ids, each set within 20% of 1,000", () => {
    const counts = new Array<number>(16).fill(0);
    for (let i = 0; i < 16_000; i++) {
      const id = crypto.getRandomValues(new Uint8Array(16)).reduce((text, b) => text + b.toString(16).padStart(2, "0"), "");
      const shard = shardOf(id, 16);
      counts[shard] = (counts[shard] ?? 0) + 1;
    }
    for (const count of counts) {
      expect(count).toBeGreaterThan(800);
      expect(count).toBeLessThan(1200);
    }
    // The same id always lands in the same set.
    expect(shardOf("same-id", 16)).toBe(shardOf("same-id", 16));
  });
});
