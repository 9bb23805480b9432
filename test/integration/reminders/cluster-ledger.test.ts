/**
 * The sent-ledger and the pace on a real Redis Cluster (3 masters + 3 replicas): a page's "sent already? else
 * claim" is one script whose keys all share the reminder's hash tag, so it runs in one slot; two reminders'
 * keys may sit on different masters. The whole path on a cluster: cluster.test.ts.
 */
import type { Cluster } from "ioredis";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { keys } from "@/lib/reminders/pipeline/keys";
import { sentLedger } from "@/lib/reminders/pipeline/ledger";
import { pace } from "@/lib/reminders/pipeline/pace";
import { reminderQueues } from "@/lib/reminders/pipeline/queues";
import { workerConnection } from "@/lib/reminders/pipeline/redis";
import { type RunningCluster, startRedisCluster } from "../../support/redis-cluster";

vi.mock("server-only", () => ({}));

let cluster: RunningCluster;
let client: Cluster;

beforeAll(async () => {
  cluster = await startRedisCluster();
  client = cluster.client();
  if (client.status !== "ready") await new Promise((resolve) => client.once("ready", resolve));
});

afterAll(async () => {
  await client?.quit().catch(() => client.disconnect());
  await cluster?.destroy();
});

const lodgement = { event: "jlmag-2022-final", milestone: "h-lodgement-deadline", lead: "PT2H" as const };
const ids = (n: number, prefix: string) => Array.from({ length: n }, (_, i) => `${prefix}${i.toString(36).padStart(4, "0")}`);

describe("on a Redis Cluster", () => {
  it("has three masters, each with a replica", async () => {
    const view = async () => {
      const lines = String(await client.cluster("NODES"))
        .trim()
        .split("\n");
      return { masters: lines.filter((l) => / master /.test(l) || /,master /.test(l)), replicas: lines.filter((l) => /slave/.test(l)) };
    };
    // The replicas' roles reach every node's view by gossip a moment after `--cluster create`: wait for them.
    await expect.poll(async () => (await view()).replicas.length, { timeout: 30_000 }).toBe(3);
    const { masters, replicas } = await view();
    expect(masters).toHaveLength(3);
    expect(replicas).toHaveLength(3);
    // Each replica follows one of the masters.
    const masterIds = masters.map((l) => l.split(" ")[0]);
    for (const r of replicas) expect(masterIds).toContain(r.split(" ")[3]);
  });

  it("a page's sent set and in-flight keys share one slot", async () => {
    const slot = await client.cluster("KEYSLOT", keys.sent(lodgement.event, lodgement.milestone, lodgement.lead));
    for (const id of ids(5, "s")) {
      expect(await client.cluster("KEYSLOT", keys.inFlight(id, lodgement.event, lodgement.milestone, lodgement.lead))).toBe(slot);
    }
  });

  it("claims a page of 100 in one script, records, skips what was sent, and gives unsent claims back", async () => {
    const ledger = sentLedger(client);
    const page = ids(100, "p");
    const first = await ledger.claimPage(page, lodgement, 30_000);
    expect(first.claimed).toEqual(page);
    expect(first.sent).toEqual([]);
    expect(first.busy).toEqual([]);

    // Another run at the same time finds every send claimed, none sent yet.
    const twin = await ledger.claimPage(page, lodgement, 30_000);
    expect(twin.claimed).toEqual([]);
    expect(twin.busy).toEqual(page);

    // The first run sends 60 and gives the other 40 back (e.g. a 5xx): the next run claims only those 40.
    for (const id of page.slice(0, 60)) await ledger.record(id, lodgement, first.token);
    await ledger.release(page.slice(60), lodgement, first.token);
    const retry = await ledger.claimPage(page, lodgement, 30_000);
    expect(retry.sent).toEqual(page.slice(0, 60));
    expect(retry.claimed).toEqual(page.slice(60));
    expect(await ledger.has(page[0] as string, lodgement)).toBe(true);
    expect(await ledger.has(page[99] as string, lodgement)).toBe(false);
  });

  it("keeps each reminder's keys apart: another reminder's page is claimed afresh", async () => {
    const other = { ...lodgement, lead: "P1D" as const };
    const ledger = sentLedger(client);
    const claim = await ledger.claimPage(ids(10, "p"), other, 30_000);
    expect(claim.claimed).toHaveLength(10);
  });

  it("claims, records and releases the pages of all 16 subscriber sets at once on the worker's store-and-ledger connection", async () => {
    // The connection the worker asks to auto-pipeline. The claim and release scripts take a variable number of
    // keys, so their first argument is a count, not a key: auto-pipelined on a Cluster (batched by that count's
    // slot) they landed beside other nodes' commands and the whole batch was refused ("All keys in the pipeline
    // should belong to the same slots allocation group"), failing deliver pages.
    const nodes = cluster.ports.map((port) => ({ host: "127.0.0.1", port }));
    const commands = workerConnection({ kind: "cluster", nodes, tls: false, shards: 16 }, { autoPipelining: true });
    try {
      const ledger = sentLedger(commands);
      const ref = { ...lodgement, milestone: "h-record-date" };
      const shards = Array.from({ length: 16 }, (_, shard) => ({ ...ref, shard }));
      const claims = await Promise.all(shards.map((r) => ledger.claimPage(ids(20, `c${r.shard}-`), r, 30_000)));
      for (const claim of claims) expect(claim.claimed).toHaveLength(20);
      await Promise.all(
        shards.flatMap((r, i) => {
          const claim = claims[i] as (typeof claims)[number];
          return [
            ...claim.claimed.slice(0, 15).map((id) => ledger.record(id, r, claim.token)),
            ledger.release(claim.claimed.slice(15), r, claim.token),
          ];
        }),
      );
      const again = await Promise.all(shards.map((r) => ledger.claimPage(ids(20, `c${r.shard}-`), r, 30_000)));
      for (const claim of again) {
        expect(claim.sent).toHaveLength(15);
        expect(claim.claimed).toHaveLength(5);
      }
    } finally {
      commands.disconnect();
    }
  });

  it("waits for a replica to hold the deliver pages just added (WAIT on the deliver queue's master)", async () => {
    const nodes = cluster.ports.map((port) => ({ host: "127.0.0.1", port }));
    const connection = workerConnection({ kind: "cluster", nodes, tls: false, shards: 16 });
    const queues = reminderQueues(connection, { attempts: 1, retryBaseMs: 1000 }, true);
    try {
      const page = (id: string) => queues.deliver.add("deliver", { ...lodgement, subscriptions: [id] }, { jobId: `deliver-page-${id}` });
      await page("replica-a");
      expect(await queues.deliverReplicated()).toBe(1);
      // With the replica of the queue's master stopped, the page just added cannot be confirmed: after its second
      // the fan-out hears 0 (and goes on, saying so). This fails if the wait were asked of another connection or
      // node than the one that wrote the page (its writes would count as confirmed at once).
      // The replica, as its master lists it (ROLE: [role, offset, [[ip, port, offset], …]]).
      const masterPort = await cluster.masterOf(queues.deliver.toKey("meta"));
      const master = client.nodes("master").find((n) => n.options.port === masterPort);
      const role = (await master?.call("ROLE")) as [string, number, [string, string, string][]] | undefined;
      const replicaPid = cluster.pids.get(Number(role?.[2]?.[0]?.[1]));
      if (!replicaPid) throw new Error(`the queue's master has no replica: ${JSON.stringify(role)}`);
      process.kill(replicaPid, "SIGSTOP");
      try {
        await page("replica-b");
        expect(await queues.deliverReplicated()).toBe(0);
      } finally {
        process.kill(replicaPid, "SIGCONT");
      }
      // Back, it catches up and confirms.
      await expect.poll(() => queues.deliverReplicated(), { timeout: 30_000 }).toBe(1);
      await expect.poll(() => cluster.healthy(), { timeout: 30_000 }).toBe(true);
    } finally {
      await queues.close();
      await connection.quit().catch(() => connection.disconnect());
    }
  });

  it("measures the fleet's rate from pages (one-key script) once 1,000 subscribers were handled", async () => {
    const p = pace(client);
    const ref = { ...lodgement, milestone: "h-ex-date" };
    expect(await p.rate()).toBeUndefined();
    // 10 pages of 100 from t = 0 to t = 2 s (real ms, given here): 1,000 subscribers in 2 s = 500/s.
    for (let i = 0; i < 10; i++) await p.pageDone(ref, 100, 1_000_000 + i * 100, 1_000_000 + 2000 - (9 - i) * 100);
    expect(await p.rate()).toBe(500);
  });
});
