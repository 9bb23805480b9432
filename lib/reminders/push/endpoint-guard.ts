import "server-only";
import { readFileSync } from "node:fs";
import type { Agent } from "node:https";
import { rootCertificates } from "node:tls";
import { RequestFilteringHttpsAgent } from "request-filtering-agent";
import type { Config, PushHostRule } from "../../config";
import { MAX_ENDPOINT_LENGTH } from "../../protocol/subscriptions";

export { MAX_ENDPOINT_LENGTH };

/**
 * web-push will POST to any URL it is given, so a subscription's endpoint is attacker-controlled input
 * (server-side request forgery). Two gates, both required:
 *  1. the URL: https, no userinfo, a host and port in PUSH_ENDPOINT_HOSTS (checked when subscribing and
 *     again before every send, in case the list changed);
 *  2. the connection: the address the name resolves to at connect time must be public (no private,
 *     loopback, link-local, CGNAT, multicast, reserved or IPv4-mapped address), which also defeats DNS
 *     rebinding. PUSH_ALLOW_LOOPBACK=1 lets 127.0.0.1 (only) through, for tests and demos.
 */

export type EndpointRefusal = "invalid_url" | "not_https" | "userinfo" | "host_not_allowed" | "port_not_allowed";

export type EndpointCheck = { ok: true; url: URL } | { ok: false; refusal: EndpointRefusal; message: string };

function hostMatches(hostname: string, rule: PushHostRule): boolean {
  if (hostname === rule.host) return true;
  return !rule.exactOnly && hostname.endsWith(`.${rule.host}`);
}

/** Whether this endpoint URL may be sent to, by its text alone (the connection is checked by the agent). */
export function checkEndpoint(endpoint: string, rules: readonly PushHostRule[]): EndpointCheck {
  if (endpoint.length > MAX_ENDPOINT_LENGTH) return { ok: false, refusal: "invalid_url", message: "the endpoint is too long" };
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    return { ok: false, refusal: "invalid_url", message: "the endpoint is not a URL" };
  }
  if (url.protocol !== "https:") return { ok: false, refusal: "not_https", message: "the endpoint must use https" };
  if (url.username !== "" || url.password !== "")
    return { ok: false, refusal: "userinfo", message: "the endpoint must not contain a user name or password" };
  const port = url.port === "" ? 443 : Number(url.port);
  const sameHost = rules.filter((rule) => hostMatches(url.hostname, rule));
  if (sameHost.length === 0)
    return { ok: false, refusal: "host_not_allowed", message: `push service ${url.hostname} is not on the allowed list` };
  if (!sameHost.some((rule) => rule.port === port))
    return { ok: false, refusal: "port_not_allowed", message: `port ${port} is not allowed for ${url.hostname}` };
  return { ok: true, url };
}

/** Errors request-filtering-agent raises when the resolved address is not allowed. */
export function isAddressRefusal(error: unknown): boolean {
  return error instanceof Error && /^DNS lookup .* is not allowed/.test(error.message);
}

/**
 * The one HTTPS agent for push services: keep-alive (one TLS handshake per socket, not per message; the worker
 * sizes the sockets to its concurrent sends, and keeps them all when idle, so a burst reuses every one),
 * address filtering at connect time, and the system roots plus PUSH_CA_FILE (so a test push service with a
 * self-signed certificate is trusted here only, never by turning TLS checks off).
 */
export function guardedAgent(push: Config["push"], maxSockets = 64): Agent {
  const ca = push.caFile ? [...rootCertificates, readFileSync(push.caFile, "utf8")] : undefined;
  return new RequestFilteringHttpsAgent({
    keepAlive: true,
    keepAliveMsecs: 30_000,
    maxSockets,
    maxFreeSockets: maxSockets,
    scheduling: "lifo",
    ...(ca ? { ca } : {}),
    allowPrivateIPAddress: false,
    allowMetaIPAddress: false,
    allowIPAddressList: push.allowLoopback ? ["127.0.0.1"] : [],
  });
}
