import { execFileSync } from "node:child_process";
import { createECDH, createPublicKey, type ECDH, randomBytes, verify } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:https";
import { createRequire } from "node:module";
import type { Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** http_ece ships no types; only decrypt is used. */
interface HttpEce {
  decrypt(buffer: Buffer, params: { version: "aes128gcm"; privateKey: ECDH; authSecret: string }): Buffer;
}
const ece = createRequire(import.meta.url)("http_ece") as HttpEce;

export interface FakeSubscription {
  id: string;
  endpoint: string;
  expirationTime: null;
  keys: { p256dh: string; auth: string };
}

export interface VapidClaims {
  aud: string;
  exp: number;
  sub: string;
  /** The public key from `k=`, which must verify the signature. */
  publicKey: string;
  signatureValid: boolean;
}

export interface PushRequest {
  subscription: string;
  receivedAt: number;
  /** What this service answered (undefined while hanging). */
  status: number | undefined;
  headers: Record<string, string | undefined>;
  ttl: number;
  /** The decrypted payload, or undefined when it could not be decrypted. */
  payload: string | undefined;
  vapid: VapidClaims | undefined;
}

export type Behaviour =
  | { status: 201 | 400 | 401 | 403 | 404 | 410 | 413 | 500 | 502 | 503 }
  | { status: 429; retryAfter?: string }
  | { status: 301 | 302 | 307 | 308; location: string }
  | { hang: true };

export interface PushService {
  /** https://127.0.0.1:port */
  origin: string;
  /** host:port, for PUSH_ENDPOINT_HOSTS. */
  hostPort: string;
  /** PEM file of the self-signed certificate, for PUSH_CA_FILE. */
  caFile: string;
  /** A new subscription as a browser would get it: endpoint + keys; the private key stays here. */
  subscribe(): FakeSubscription;
  /** The next `times` requests (for one subscription, or any) get this answer, after `delayMs`; later ones get 201 again. */
  behave(behaviour: Behaviour, options?: { subscription?: string; times?: number; delayMs?: number }): void;
  /** Every request so far, in arrival order. */
  requests(subscription?: string): PushRequest[];
  /** Requests answered 201 (delivered). */
  delivered(subscription?: string): PushRequest[];
  waitFor(predicate: () => boolean, timeoutMs?: number, what?: string): Promise<void>;
  close(): Promise<void>;
}

export function selfSignedCertificate(dir: string): { key: string; cert: string; certFile: string } {
  const keyFile = join(dir, "key.pem");
  const certFile = join(dir, "cert.pem");
  execFileSync(
    "openssl",
    [
      "req",
      "-x509",
      "-newkey",
      "ec",
      "-pkeyopt",
      "ec_paramgen_curve:prime256v1",
      "-nodes",
      "-keyout",
      keyFile,
      "-out",
      certFile,
      "-days",
      "2",
      "-subj",
      "/CN=entitle test push service",
      "-addext",
      "subjectAltName=IP:127.0.0.1,DNS:localhost",
    ],
    { stdio: "ignore" },
  );
  return { key: readFileSync(keyFile, "utf8"), cert: readFileSync(certFile, "utf8"), certFile };
}

/** Checks a VAPID `Authorization: vapid t=<jwt>, k=<key>` header: ES256 signature by k, and its claims. */
export function readVapid(header: string | undefined): VapidClaims | undefined {
  const match = /^vapid t=([^,\s]+),\s*k=([A-Za-z0-9_-]+)$/.exec(header ?? "");
  if (!match?.[1] || !match[2]) return undefined;
  const [token, k] = [match[1], match[2]];
  const [head, body, signature] = token.split(".");
  if (!head || !body || !signature) return undefined;
  const raw = Buffer.from(k, "base64url");
  const key = createPublicKey({
    key: { kty: "EC", crv: "P-256", x: raw.subarray(1, 33).toString("base64url"), y: raw.subarray(33, 65).toString("base64url") },
    format: "jwk",
  });
  const signatureValid = verify(
    "sha256",
    Buffer.from(`${head}.${body}`),
    { key, dsaEncoding: "ieee-p1363" },
    Buffer.from(signature, "base64url"),
  );
  const claims = JSON.parse(Buffer.from(body, "base64url").toString("utf8")) as { aud: string; exp: number; sub: string };
  return { ...claims, publicKey: k, signatureValid };
}

/**
 * A Web Push service on 127.0.0.1 over real HTTPS (RFC 8030 + RFC 8291 + RFC 8292): it hands out subscriptions,
 * decrypts every message with the subscription's private key (http_ece, aes128gcm), checks the VAPID token,
 * and answers what the test asks for: 201, 404, 410, 413, 429 with Retry-After, 500, a redirect, or nothing.
 */
export async function startPushService(): Promise<PushService> {
  const dir = mkdtempSync(join(tmpdir(), "entitle-push-"));
  const { key, cert, certFile } = selfSignedCertificate(dir);
  const subscriptions = new Map<string, { ecdh: ECDH; auth: string }>();
  const rules: { subscription?: string; behaviour: Behaviour; remaining: number; delayMs: number }[] = [];
  const log: PushRequest[] = [];
  const sockets = new Set<Socket>();
  let port = 0;

  const server: Server = createServer({ key, cert }, (req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const id = /^\/push\/([A-Za-z0-9_-]+)$/.exec(req.url ?? "")?.[1] ?? "";
      const sub = subscriptions.get(id);
      let payload: string | undefined;
      if (sub && req.headers["content-encoding"] === "aes128gcm") {
        try {
          payload = ece
            .decrypt(Buffer.concat(chunks), { version: "aes128gcm", privateKey: sub.ecdh, authSecret: sub.auth })
            .toString("utf8");
        } catch {
          payload = undefined;
        }
      }
      const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(", ") : v]));
      const entry: PushRequest = {
        subscription: id,
        receivedAt: Date.now(),
        status: undefined,
        headers,
        ttl: Number(req.headers.ttl),
        payload,
        vapid: readVapid(req.headers.authorization),
      };
      log.push(entry);
      const rule = rules.find((r) => r.remaining > 0 && (r.subscription === undefined || r.subscription === id));
      if (rule) rule.remaining--;
      const behaviour: Behaviour = rule?.behaviour ?? { status: sub ? 201 : 404 };
      if ("hang" in behaviour) return; // never answer; the sender must time out
      const extra: Record<string, string> = {};
      if ("retryAfter" in behaviour && behaviour.retryAfter !== undefined) extra["retry-after"] = behaviour.retryAfter;
      if ("location" in behaviour) extra.location = behaviour.location;
      if (behaviour.status === 201) extra.location = `https://127.0.0.1:${port}/message/${randomBytes(6).toString("hex")}`;
      setTimeout(() => {
        entry.status = behaviour.status;
        res.writeHead(behaviour.status, extra);
        res.end();
      }, rule?.delayMs ?? 0);
    });
  });
  server.on("connection", (s: Socket) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  server.on("secureConnection", (s) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  port = typeof address === "object" && address ? address.port : 0;
  const origin = `https://127.0.0.1:${port}`;

  return {
    origin,
    hostPort: `127.0.0.1:${port}`,
    caFile: certFile,
    subscribe() {
      const ecdh = createECDH("prime256v1");
      ecdh.generateKeys();
      const auth = randomBytes(16).toString("base64url");
      const id = randomBytes(12).toString("base64url");
      subscriptions.set(id, { ecdh, auth });
      return {
        id,
        endpoint: `${origin}/push/${id}`,
        expirationTime: null,
        keys: { p256dh: ecdh.getPublicKey().toString("base64url"), auth },
      };
    },
    behave(behaviour, options = {}) {
      rules.push({ subscription: options.subscription, behaviour, remaining: options.times ?? 1, delayMs: options.delayMs ?? 0 });
    },
    requests(subscription) {
      return log.filter((r) => subscription === undefined || r.subscription === subscription);
    },
    delivered(subscription) {
      return log.filter((r) => r.status === 201 && (subscription === undefined || r.subscription === subscription));
    },
    async waitFor(predicate, timeoutMs = 20_000, what = "condition") {
      const deadline = Date.now() + timeoutMs;
      while (!predicate()) {
        if (Date.now() > deadline) throw new Error(`push service: timed out after ${timeoutMs} ms waiting for ${what}`);
        await new Promise((r) => setTimeout(r, 25));
      }
    },
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
