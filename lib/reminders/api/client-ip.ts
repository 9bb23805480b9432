import "server-only";
import { BlockList, isIP } from "node:net";
import type { Config } from "../../config";

/**
 * The address a request comes from, for the rate limit. By default the socket's peer: scripts/serve.js (what
 * `npm start` runs) writes it into PEER_HEADER, replacing anything a client sent under that name, and marks the
 * process with SERVED_MARK so that the header is believed only there. X-Forwarded-For is read only as far as the
 * operator says proxies stand in front (TRUST_PROXY_HOPS or TRUST_PROXY_ADDRESSES): a client that invents the
 * header gains nothing. IPv6 addresses count per /64, the block one subscriber line usually gets.
 * See docs/security.md.
 */
export const PEER_HEADER = "x-entitle-peer";
export const SERVED_MARK = Symbol.for("entitle.web-server");

/** Without scripts/serve.js (plain `next start`, `next dev`) the peer is unknown: everyone shares one count. */
const UNKNOWN = "unknown-peer";

function servedByOurServer(): boolean {
  return (globalThis as Record<symbol, unknown>)[SERVED_MARK] === true;
}

/** "::ffff:1.2.3.4" → "1.2.3.4"; brackets and zone ids dropped; lower case. */
function plain(address: string): string {
  let a = address.trim().toLowerCase();
  if (a.startsWith("[") && a.includes("]")) a = a.slice(1, a.indexOf("]"));
  a = a.replace(/%.*$/, "");
  if (a.startsWith("::ffff:") && isIP(a.slice(7)) === 4) a = a.slice(7);
  return a;
}

/** The eight 16-bit groups of an IPv6 address (isIP(a) === 6), as numbers. */
function ipv6Groups(a: string): number[] {
  let text = a;
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (v4?.[1]) {
    const [b0 = 0, b1 = 0, b2 = 0, b3 = 0] = v4[1].split(".").map(Number);
    text = `${text.slice(0, -v4[1].length)}${((b0 << 8) | b1).toString(16)}:${((b2 << 8) | b3).toString(16)}`;
  }
  const [head = "", tail] = text.split("::");
  const left = head === "" ? [] : head.split(":");
  const right = tail === undefined || tail === "" ? [] : tail.split(":");
  const fill = tail === undefined ? [] : new Array(8 - left.length - right.length).fill("0");
  return [...left, ...fill, ...right].map((g) => Number.parseInt(g, 16));
}

/** The rate-limit key of an address: IPv4 as it is, IPv6 as its /64; undefined when it is not an address. */
export function addressGroup(address: string): string | undefined {
  const a = plain(address);
  const version = isIP(a);
  if (version === 4) return a;
  if (version !== 6) return undefined;
  return `${ipv6Groups(a)
    .slice(0, 4)
    .map((g) => g.toString(16))
    .join(":")}::/64`;
}

function proxyList(entries: readonly string[]): BlockList {
  const list = new BlockList();
  for (const entry of entries) {
    const [net = "", bits] = entry.split("/");
    const address = plain(net);
    const type = isIP(address) === 6 ? "ipv6" : "ipv4";
    if (bits === undefined) list.addAddress(address, type);
    else list.addSubnet(address, Number(bits), type);
  }
  return list;
}

const lists = new WeakMap<readonly string[], BlockList>();

function isListedProxy(address: string, entries: readonly string[]): boolean {
  let list = lists.get(entries);
  if (!list) {
    list = proxyList(entries);
    lists.set(entries, list);
  }
  const a = plain(address);
  const version = isIP(a);
  return version !== 0 && list.check(a, version === 6 ? "ipv6" : "ipv4");
}

/** The rate-limit key for this request (see the comment at the top). */
export function clientKey(headers: Headers, trust: Config["trustProxy"]): string {
  const peer = servedByOurServer() ? headers.get(PEER_HEADER)?.trim() || UNKNOWN : UNKNOWN;
  const forwarded = (headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((e) => e.trim())
    .filter((e) => e !== "")
    .slice(-20);
  // The chain as the last proxy saw it: what X-Forwarded-For says, then the socket's peer.
  const chain = [...forwarded, peer];
  let chosen: string;
  if (trust.addresses.length > 0) {
    let i = chain.length - 1;
    while (i > 0 && isListedProxy(chain[i] ?? "", trust.addresses)) i--;
    chosen = chain[i] ?? peer;
  } else {
    chosen = chain[Math.max(0, chain.length - 1 - trust.hops)] ?? peer;
  }
  if (chosen === UNKNOWN) return UNKNOWN;
  return addressGroup(chosen) ?? "invalid-address";
}
