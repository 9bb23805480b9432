import { randomBytes, randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer as createHttpServer, type Server as HttpServer } from "node:http";
import { createServer as createHttpsServer, type Server as HttpsServer } from "node:https";
import type { Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readVapid, selfSignedCertificate } from "../../support/push-service";
import { acceptWebSocket, type WebSocketConnection } from "./websocket";

/**
 * A local push service that Firefox really uses: it speaks Mozilla's autopush WebSocket protocol to the
 * browser (`dom.push.serverURL` = `ws://127.0.0.1:<port>/`) and takes the app server's Web Push POSTs over
 * HTTPS with a self-signed certificate (trusted by the worker through PUSH_CA_FILE). It cannot read the
 * messages (only the browser holds the keys): it relays the encrypted body as autopush does, and records what
 * the browser says back (`ack` code 100 = delivered to the service worker).
 *
 * Protocol (Firefox's side: dom/push/PushServiceWebSocket.sys.mjs, inside /usr/lib/firefox-esr/omni.ja):
 *   hello ↔ hello{uaid}; register{channelID,key} → register{status 200, pushEndpoint};
 *   notification{channelID,version,data,headers} → ack{updates:[{channelID,version,code}]};
 *   unregister{channelID} → unregister{status 200}; {} ↔ {} (ping).
 * A hello answered with a new UAID makes Firefox drop all its subscriptions and fire `pushsubscriptionchange`
 * in each service worker: that is how `resetBrowser()` simulates a push service rotating subscriptions.
 */

export interface Channel {
  channelID: string;
  uaid: string;
  /** The VAPID public key the page subscribed with (base64url), which must sign every POST. */
  key: string | undefined;
  endpoint: string;
  registeredAt: number;
  /** When the browser unregistered it (`PushSubscription.unsubscribe()`). */
  unregisteredAt: number | undefined;
  /** When this service invalidated it (its browser's UAID was reset). */
  resetAt: number | undefined;
}

export interface Message {
  channelID: string;
  /** The autopush message id ("version") the browser acknowledges. */
  version: string;
  receivedAt: number;
  ttl: number;
  topic: string | undefined;
  urgency: string | undefined;
  /** The browser's ack code (100 delivered, 101 decryption error, 102 other error), once it answered. */
  ack: number | undefined;
}

export interface PostAnswer {
  channelID: string;
  status: number;
  at: number;
}

export interface AutopushService {
  /** ws://127.0.0.1:port/ for `dom.push.serverURL`. */
  serverUrl: string;
  /** host:port of the HTTPS side, for PUSH_ENDPOINT_HOSTS. */
  hostPort: string;
  /** PEM of the self-signed certificate, for PUSH_CA_FILE. */
  caFile: string;
  channels(): Channel[];
  channel(endpoint: string): Channel | undefined;
  /** Messages relayed to the browser (POSTs answered 201). */
  messages(channelID?: string): Message[];
  /** Every POST and its answer (201, 410 for a channel the browser no longer has, 401 for a bad VAPID token). */
  answers(channelID?: string): PostAnswer[];
  /** The browser connections that said hello, in order: their UAIDs. */
  hellos(): { uaid: string; assigned: string }[];
  /**
   * Simulates the push service invalidating everything it handed to one browser (autopush does this after long
   * inactivity): drops that browser's connection and answers its next hello with a new UAID, so Firefox drops
   * its subscriptions and fires `pushsubscriptionchange`. Every channel of the old UAID answers 410 from then on.
   */
  resetBrowser(uaid: string): void;
  waitFor(predicate: () => boolean, what: string, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

export async function startAutopush(): Promise<AutopushService> {
  const dir = mkdtempSync(join(tmpdir(), "entitle-autopush-"));
  const { key, cert, certFile } = selfSignedCertificate(dir);
  const channels = new Map<string, Channel>();
  const messages: Message[] = [];
  const answers: PostAnswer[] = [];
  const hellos: { uaid: string; assigned: string }[] = [];
  const sockets = new Set<Socket>();
  /** Live connection per UAID, and messages waiting for it to connect. */
  const connections = new Map<string, WebSocketConnection>();
  const pending = new Map<string, string[]>();
  const resetUaids = new Set<string>();
  let httpsPort = 0;

  const deliver = (uaid: string, text: string) => {
    const connection = connections.get(uaid);
    if (connection?.open) connection.send(text);
    else pending.set(uaid, [...(pending.get(uaid) ?? []), text]);
  };

  const ws: HttpServer = createHttpServer((_req, res) => {
    res.writeHead(426).end();
  });
  ws.on("upgrade", (req, socket: Socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    let uaid: string | undefined;
    const connection = acceptWebSocket(req, socket, {
      onClose: () => {
        if (uaid && connections.get(uaid) === connection) connections.delete(uaid);
      },
      onText: (text) => {
        let message: Record<string, unknown>;
        try {
          message = JSON.parse(text) as Record<string, unknown>;
        } catch {
          connection?.close(1002);
          return;
        }
        const reply = (body: Record<string, unknown>) => connection?.send(JSON.stringify(body));
        const type = typeof message.messageType === "string" ? message.messageType.toLowerCase() : undefined;
        if (type === undefined || type === "ping") return reply({});
        if (type === "hello") {
          const asked = typeof message.uaid === "string" ? message.uaid : "";
          const known = [...channels.values()].some((c) => c.uaid === asked) || hellos.some((h) => h.assigned === asked);
          uaid = asked && known && !resetUaids.has(asked) ? asked : randomBytes(16).toString("hex");
          if (asked && asked !== uaid) {
            const now = Date.now();
            for (const c of channels.values()) if (c.uaid === asked && c.resetAt === undefined) c.resetAt = now;
          }
          hellos.push({ uaid: asked, assigned: uaid });
          if (connection) connections.set(uaid, connection);
          reply({ messageType: "hello", uaid, status: 200, use_webpush: true, broadcasts: {} });
          for (const queued of pending.get(uaid) ?? []) connection?.send(queued);
          pending.delete(uaid);
          return;
        }
        if (!uaid) return connection?.close(1002);
        const channelID = typeof message.channelID === "string" ? message.channelID : "";
        if (type === "register") {
          const endpoint = `https://127.0.0.1:${httpsPort}/push/${channelID}`;
          channels.set(channelID, {
            channelID,
            uaid,
            // Firefox sends the key padded; a VAPID header's k= is not.
            key: typeof message.key === "string" ? message.key.replace(/=+$/, "") : undefined,
            endpoint,
            registeredAt: Date.now(),
            unregisteredAt: undefined,
            resetAt: undefined,
          });
          return reply({ messageType: "register", channelID, status: 200, pushEndpoint: endpoint });
        }
        if (type === "unregister") {
          const channel = channels.get(channelID);
          if (channel && channel.unregisteredAt === undefined) channel.unregisteredAt = Date.now();
          return reply({ messageType: "unregister", channelID, status: 200 });
        }
        if (type === "ack") {
          for (const update of (message.updates as { channelID?: string; version?: string; code?: number }[] | undefined) ?? []) {
            const m = messages.find((x) => x.channelID === update.channelID && x.version === update.version);
            if (m) m.ack = update.code ?? 100;
          }
          return;
        }
        if (type === "nack") {
          const m = messages.find((x) => x.version === message.version);
          if (m) m.ack = typeof message.code === "number" ? message.code : 0;
          return;
        }
        // broadcast_subscribe and anything newer: nothing to do here.
      },
    });
  });

  const push: HttpsServer = createHttpsServer({ key, cert }, (req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const channelID = /^\/push\/([A-Za-z0-9_-]+)$/.exec(req.url ?? "")?.[1] ?? "";
      const channel = channels.get(channelID);
      const answer = (status: number, headers: Record<string, string> = {}) => {
        answers.push({ channelID, status, at: Date.now() });
        res.writeHead(status, headers).end();
      };
      if (req.method !== "POST") return answer(405);
      // autopush answers 410 for a subscription that no longer exists (unsubscribed, or its UAID was reset).
      if (!channel || channel.unregisteredAt !== undefined || channel.resetAt !== undefined) return answer(410);
      const vapid = readVapid(req.headers.authorization);
      if (!vapid?.signatureValid || (channel.key !== undefined && vapid.publicKey !== channel.key)) return answer(401);
      if (req.headers["content-encoding"] !== "aes128gcm") return answer(400);
      const version = randomUUID();
      messages.push({
        channelID,
        version,
        receivedAt: Date.now(),
        ttl: Number(req.headers.ttl),
        topic: req.headers.topic as string | undefined,
        urgency: req.headers.urgency as string | undefined,
        ack: undefined,
      });
      deliver(
        channel.uaid,
        JSON.stringify({
          messageType: "notification",
          channelID,
          version,
          data: Buffer.concat(chunks).toString("base64url"),
          headers: { encoding: "aes128gcm" },
        }),
      );
      answer(201, { location: `https://127.0.0.1:${httpsPort}/message/${version}` });
    });
  });
  for (const server of [ws, push]) {
    server.on("connection", (s: Socket) => {
      sockets.add(s);
      s.on("close", () => sockets.delete(s));
    });
  }

  const listen = (server: HttpServer | HttpsServer) =>
    new Promise<number>((resolve) =>
      server.listen(0, "127.0.0.1", () => {
        const address = server.address();
        resolve(typeof address === "object" && address ? address.port : 0);
      }),
    );
  const wsPort = await listen(ws);
  httpsPort = await listen(push);

  return {
    serverUrl: `ws://127.0.0.1:${wsPort}/`,
    hostPort: `127.0.0.1:${httpsPort}`,
    caFile: certFile,
    channels: () => [...channels.values()],
    channel: (endpoint) => [...channels.values()].find((c) => c.endpoint === endpoint),
    messages: (channelID) => messages.filter((m) => channelID === undefined || m.channelID === channelID),
    answers: (channelID) => answers.filter((a) => channelID === undefined || a.channelID === channelID),
    hellos: () => [...hellos],
    resetBrowser(uaid) {
      resetUaids.add(uaid);
      connections.get(uaid)?.close(1000);
    },
    async waitFor(predicate, what, timeoutMs = 30_000) {
      const deadline = Date.now() + timeoutMs;
      while (!predicate()) {
        if (Date.now() > deadline) throw new Error(`push service: timed out after ${timeoutMs} ms waiting for ${what}`);
        await new Promise((r) => setTimeout(r, 25));
      }
    },
    async close() {
      for (const s of sockets) s.destroy();
      await Promise.all([ws, push].map((server) => new Promise<void>((resolve) => server.close(() => resolve()))));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
