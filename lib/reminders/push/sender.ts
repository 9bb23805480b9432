import "server-only";
import { type Agent, request } from "node:https";
import webpush from "web-push";
import type { Config } from "../../config";
import { errorMessage } from "../pipeline/log";
import { checkEndpoint, guardedAgent, isAddressRefusal } from "./endpoint-guard";
import { type VapidKeys, vapidSigner } from "./vapid";

export interface PushTarget {
  endpoint: string;
  keys: { p256dh: string; auth: string };
}

export interface PushMessage {
  /** Plain text (JSON); encrypted here with the subscription's keys (aes128gcm). */
  payload: string;
  ttlSeconds: number;
  urgency: "normal" | "high";
  topic: string;
}

/** What happened to one message. Only `retryable` is worth trying again as it is. */
export type SendOutcome =
  | { kind: "delivered"; status: number }
  /** 404/410: the subscription no longer exists at the push service. */
  | { kind: "gone"; status: number }
  /** 429: try again after the push service's Retry-After. */
  | { kind: "rate-limited"; status: number; retryAfterMs: number }
  /** 5xx, timeout, network or TLS failure. */
  | { kind: "retryable"; status?: number; reason: string }
  /** Other 4xx, a redirect, a refused endpoint or address, unusable keys: retrying cannot help. */
  | { kind: "rejected"; status?: number; reason: string };

export interface PushSender {
  send(target: PushTarget, message: PushMessage): Promise<SendOutcome>;
  close(): void;
}

const DEFAULT_RETRY_AFTER_MS = 60_000;
const MAX_RETRY_AFTER_MS = 60 * 60_000;
const MAX_RESPONSE_BYTES = 64 * 1024;

/** Retry-After as seconds or an HTTP date (RFC 9110), clamped to [1 s, 1 h]; a minute when absent or unreadable. */
export function retryAfterMs(header: string | string[] | undefined, nowMs = Date.now()): number {
  const value = Array.isArray(header) ? header[0] : header;
  let ms = DEFAULT_RETRY_AFTER_MS;
  if (value && /^\s*\d+\s*$/.test(value)) ms = Number(value) * 1000;
  else if (value && !Number.isNaN(Date.parse(value))) ms = Date.parse(value) - nowMs;
  return Math.min(Math.max(ms, 1000), MAX_RETRY_AFTER_MS);
}

function outcomeOf(status: number, headers: Record<string, string | string[] | undefined>, body: string): SendOutcome {
  if (status >= 200 && status < 300) return { kind: "delivered", status };
  if (status === 404 || status === 410) return { kind: "gone", status };
  if (status === 429) return { kind: "rate-limited", status, retryAfterMs: retryAfterMs(headers["retry-after"]) };
  if (status >= 300 && status < 400)
    return { kind: "rejected", status, reason: `push service answered ${status} (redirects are not followed)` };
  const detail = body.slice(0, 200).replace(/\s+/g, " ").trim();
  const reason = `push service answered ${status}${detail ? `: ${detail}` : ""}`;
  return status >= 500 ? { kind: "retryable", status, reason } : { kind: "rejected", status, reason };
}

/**
 * Sends Web Push messages with web-push's encryption and request details, but over our own HTTPS request:
 * the guarded keep-alive agent, a hard timeout, no redirects, and a VAPID token reused per push service.
 */
export function pushSender(push: Config["push"], vapid: VapidKeys, agent: Agent = guardedAgent(push)): PushSender {
  const signer = vapidSigner(vapid);

  return {
    send(target, message) {
      const checked = checkEndpoint(target.endpoint, push.hosts);
      if (!checked.ok) return Promise.resolve({ kind: "rejected", reason: `endpoint refused: ${checked.message}` });

      let details: webpush.RequestDetails;
      try {
        details = webpush.generateRequestDetails(target, message.payload, {
          TTL: message.ttlSeconds,
          urgency: message.urgency,
          topic: message.topic,
          contentEncoding: "aes128gcm",
          headers: { Authorization: signer.authorization(checked.url.origin) },
        });
      } catch (error) {
        return Promise.resolve({ kind: "rejected", reason: `cannot encrypt for this subscription: ${errorMessage(error)}` });
      }

      return new Promise<SendOutcome>((resolve) => {
        const req = request(
          checked.url,
          {
            method: "POST",
            headers: details.headers as Record<string, string | number>,
            agent,
            signal: AbortSignal.timeout(push.timeoutMs),
          },
          (res) => {
            let body = "";
            res.setEncoding("utf8");
            res.on("data", (chunk: string) => {
              if (body.length < MAX_RESPONSE_BYTES) body += chunk;
            });
            res.on("end", () => resolve(outcomeOf(res.statusCode ?? 0, res.headers, body)));
            res.on("error", (error) => resolve({ kind: "retryable", reason: `response failed: ${errorMessage(error)}` }));
          },
        );
        req.on("error", (error) => {
          if (isAddressRefusal(error)) resolve({ kind: "rejected", reason: `address refused: ${error.message}` });
          else if (error.name === "AbortError" || error.name === "TimeoutError")
            resolve({ kind: "retryable", reason: `no answer within ${push.timeoutMs} ms` });
          else resolve({ kind: "retryable", reason: `request failed: ${errorMessage(error)}` });
        });
        req.end(details.body ?? undefined);
      });
    },
    close() {
      agent.destroy();
    },
  };
}
