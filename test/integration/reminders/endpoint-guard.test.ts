/**
 * The SSRF guard: which endpoints a subscription may name (by URL), and which addresses the sender will
 * connect to (at connect time, whatever the name resolves to). Connection refusals are checked against a real
 * HTTPS push service that must see no request at all.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { type Config, ConfigError, DEFAULT_PUSH_HOSTS, parseConfig, parsePushHosts } from "@/lib/config";
import { checkEndpoint } from "@/lib/reminders/push/endpoint-guard";
import { type PushSender, pushSender } from "@/lib/reminders/push/sender";
import { resolveVapidKeys } from "@/lib/reminders/push/vapid";
import { type PushService, startPushService } from "../../support/push-service";

vi.mock("server-only", () => ({}));

const rules = (list: string) => {
  const parsed = parsePushHosts(list);
  if (!parsed.ok) throw new Error(`bad list ${list}`);
  return parsed.rules;
};

describe("the endpoint URL", () => {
  const defaults = rules(DEFAULT_PUSH_HOSTS);
  const allowed = [
    "https://fcm.googleapis.com/fcm/send/abc:APA91b",
    "https://fcm.googleapis.com:443/wp/abc",
    "https://updates.push.services.mozilla.com/wpush/v2/gAAAA",
    "https://web.push.apple.com/QGuQyavXutnMH2",
    "https://wns2-by3p.notify.windows.com/w/?token=BQYAAA",
    "https://FCM.GoogleAPIs.com/fcm/send/x",
  ];
  for (const endpoint of allowed) {
    it(`allows ${endpoint}`, () => expect(checkEndpoint(endpoint, defaults)).toMatchObject({ ok: true }));
  }

  const refused: [string, string][] = [
    ["http://fcm.googleapis.com/fcm/send/x", "not_https"],
    ["ftp://fcm.googleapis.com/x", "not_https"],
    ["https://fcm.googleapis.com:8443/fcm/send/x", "port_not_allowed"],
    ["https://fcm.googleapis.com:80/fcm/send/x", "port_not_allowed"],
    ["https://user:pass@fcm.googleapis.com/fcm/send/x", "userinfo"],
    ["https://user@fcm.googleapis.com/fcm/send/x", "userinfo"],
    ["https://push.example.com/x", "host_not_allowed"],
    ["https://fcm.googleapis.com.evil.example/fcm/send/x", "host_not_allowed"],
    ["https://evilfcm.googleapis.com/x", "host_not_allowed"],
    ["https://googleapis.com/x", "host_not_allowed"],
    ["https://fcm.googleapis.com./x", "host_not_allowed"],
    ["https://127.0.0.1/x", "host_not_allowed"],
    ["https://10.0.0.1/x", "host_not_allowed"],
    ["https://169.254.169.254/latest/meta-data", "host_not_allowed"],
    ["https://[::1]/x", "host_not_allowed"],
    ["not a url", "invalid_url"],
    [`https://fcm.googleapis.com/${"a".repeat(2100)}`, "invalid_url"],
  ];
  for (const [endpoint, refusal] of refused) {
    it(`refuses ${endpoint.slice(0, 70)} (${refusal})`, () =>
      expect(checkEndpoint(endpoint, defaults)).toMatchObject({ ok: false, refusal }));
  }

  it("matches a listed IP literal only exactly, and a listed port only", () => {
    const list = rules("127.0.0.1:8443");
    expect(checkEndpoint("https://127.0.0.1:8443/push/x", list).ok).toBe(true);
    expect(checkEndpoint("https://127.0.0.1/push/x", list)).toMatchObject({ ok: false, refusal: "port_not_allowed" });
    expect(checkEndpoint("https://1.127.0.0.1:8443/push/x", list).ok).toBe(false);
  });

  it("PUSH_ENDPOINT_HOSTS that is not a host list stops start-up with a clear message", () => {
    for (const bad of ["https://fcm.googleapis.com", "fcm.googleapis.com/path", "a b", "host:notaport", "user@host", ","]) {
      expect(() => parseConfig({ PUSH_ENDPOINT_HOSTS: bad })).toThrow(ConfigError);
      expect(() => parseConfig({ PUSH_ENDPOINT_HOSTS: bad })).toThrow(/PUSH_ENDPOINT_HOSTS/);
    }
  });
});

describe("the connection", () => {
  let push: PushService;
  const senders: PushSender[] = [];

  beforeAll(async () => {
    push = await startPushService();
  });
  afterAll(async () => {
    for (const s of senders) s.close();
    await push?.close();
  });

  /** A sender whose URL list allows `hosts`, so that only the connect-time guard stands in the way. */
  function senderFor(hosts: string, allowLoopback: boolean): PushSender {
    const config: Config = parseConfig({
      PUSH_ENDPOINT_HOSTS: hosts,
      PUSH_ALLOW_LOOPBACK: allowLoopback ? "1" : "0",
      PUSH_CA_FILE: push.caFile,
      PUSH_TIMEOUT_MS: "3000",
      DATA_DIR: `${push.caFile}.data`,
    });
    const sender = pushSender(config.push, resolveVapidKeys(config));
    senders.push(sender);
    return sender;
  }

  const message = { payload: '{"v":1}', ttlSeconds: 60, urgency: "normal" as const, topic: "t" };

  it("with PUSH_ALLOW_LOOPBACK on, 127.0.0.1 is reached and the message delivered", async () => {
    const sub = push.subscribe();
    const outcome = await senderFor(push.hostPort, true).send(sub, message);
    expect(outcome).toEqual({ kind: "delivered", status: 201 });
    expect(push.delivered(sub.id)).toHaveLength(1);
  });

  it("with PUSH_ALLOW_LOOPBACK off, 127.0.0.1 is refused at connect time even when listed", async () => {
    const sub = push.subscribe();
    const outcome = await senderFor(push.hostPort, false).send(sub, message);
    expect(outcome).toMatchObject({ kind: "rejected", reason: expect.stringMatching(/^address refused/) });
    expect(push.requests(sub.id)).toHaveLength(0);
  });

  it("a listed name that resolves to a private address (localhost) is refused", async () => {
    const sub = push.subscribe();
    const port = push.hostPort.split(":")[1];
    const outcome = await senderFor(`localhost:${port}`, false).send(
      { ...sub, endpoint: sub.endpoint.replace("127.0.0.1", "localhost") },
      message,
    );
    expect(outcome).toMatchObject({ kind: "rejected", reason: expect.stringMatching(/^address refused/) });
    expect(push.requests(sub.id)).toHaveLength(0);
  });

  const privateAddresses = [
    "10.0.0.1",
    "10.255.255.254",
    "192.168.1.1",
    "172.16.0.1",
    "169.254.169.254",
    "100.64.0.1",
    "100.127.255.254",
    "224.0.0.1",
    "0.0.0.0",
    "[::1]",
    "[::ffff:127.0.0.1]",
    "[::ffff:10.0.0.1]",
    "[fe80::1]",
    "[fc00::1]",
  ];
  for (const address of privateAddresses) {
    it(`refuses ${address} at connect time (even listed, even with loopback allowed)`, async () => {
      const sub = push.subscribe();
      const endpoint = `https://${address}:${push.hostPort.split(":")[1]}/push/${sub.id}`;
      const listed = new URL(endpoint).host;
      const outcome = await senderFor(listed, true).send({ ...sub, endpoint }, message);
      expect(outcome).toMatchObject({ kind: "rejected", reason: expect.stringMatching(/^address refused/) });
    });
  }

  it("refuses to follow redirects: a 307 to another subscription is not followed", async () => {
    const sub = push.subscribe();
    const other = push.subscribe();
    push.behave({ status: 307, location: other.endpoint }, { subscription: sub.id });
    const outcome = await senderFor(push.hostPort, true).send(sub, message);
    expect(outcome).toMatchObject({ kind: "rejected", status: 307, reason: expect.stringContaining("redirects are not followed") });
    expect(push.requests(other.id)).toHaveLength(0);
  });

  it("refuses an endpoint whose URL is not allowed before connecting", async () => {
    const sub = push.subscribe();
    const outcome = await senderFor("fcm.googleapis.com", true).send(sub, message);
    expect(outcome).toMatchObject({ kind: "rejected", reason: expect.stringMatching(/^endpoint refused/) });
    expect(push.requests(sub.id)).toHaveLength(0);
  });
});
