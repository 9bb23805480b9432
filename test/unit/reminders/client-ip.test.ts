/**
 * Which address a request is counted against (issue 13, finding 2): the socket's peer unless the operator says
 * proxies stand in front; X-Forwarded-For entries a client wrote itself never count; IPv6 per /64.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

vi.mock("server-only", () => ({}));
const { addressGroup, clientKey, PEER_HEADER, SERVED_MARK } = await import("@/lib/reminders/api/client-ip");

const noProxy = { hops: 0, addresses: [] };
const headers = (peer: string | undefined, extra: Record<string, string> = {}) =>
  new Headers({ ...(peer === undefined ? {} : { [PEER_HEADER]: peer }), ...extra });
const mark = globalThis as Record<symbol, unknown>;

describe("addressGroup", () => {
  it.each([
    ["203.0.113.7", "203.0.113.7"],
    ["::ffff:203.0.113.7", "203.0.113.7"],
    ["2001:db8:1:2:3:4:5:6", "2001:db8:1:2::/64"],
    ["2001:DB8:1:2:ffff::1", "2001:db8:1:2::/64"],
    ["2001:db8::1", "2001:db8:0:0::/64"],
    ["[2001:db8:1:2::9]", "2001:db8:1:2::/64"],
    ["fe80::1%eth0", "fe80:0:0:0::/64"],
    ["::1", "0:0:0:0::/64"],
    ["2001:db8:1:2::192.0.2.1", "2001:db8:1:2::/64"],
  ])("%s counts as %s", (address, group) => {
    expect(addressGroup(address)).toBe(group);
  });

  it("two addresses of one /64 share a group; the next /64 does not", () => {
    expect(addressGroup("2001:db8:aa:bb::1")).toBe(addressGroup("2001:db8:aa:bb:ffff:ffff:ffff:ffff"));
    expect(addressGroup("2001:db8:aa:bb::1")).not.toBe(addressGroup("2001:db8:aa:bc::1"));
  });

  it.each(["", "unknown", "evil.example", "1.2.3", "999.1.1.1", "::g"])("%j is not an address", (text) => {
    expect(addressGroup(text)).toBeUndefined();
  });
});

describe("clientKey behind scripts/serve.js", () => {
  beforeEach(() => {
    mark[SERVED_MARK] = true;
  });
  afterEach(() => {
    delete mark[SERVED_MARK];
  });

  it("is the socket's peer by default, whatever forwarding headers the client invents", () => {
    for (const forged of ["198.51.100.1", "198.51.100.2, 198.51.100.3", "not an address"]) {
      expect(clientKey(headers("203.0.113.9", { "x-forwarded-for": forged, "x-real-ip": "192.0.2.1" }), noProxy)).toBe("203.0.113.9");
    }
  });

  it("with TRUST_PROXY_HOPS=1 is the address the proxy appended (the last entry), not one the client wrote before it", () => {
    const oneProxy = { hops: 1, addresses: [] };
    expect(clientKey(headers("127.0.0.1", { "x-forwarded-for": "198.51.100.1, 203.0.113.9" }), oneProxy)).toBe("203.0.113.9");
    expect(clientKey(headers("127.0.0.1", { "x-forwarded-for": "203.0.113.9" }), oneProxy)).toBe("203.0.113.9");
    // Reached without the proxy (no header): the peer itself.
    expect(clientKey(headers("203.0.113.5"), oneProxy)).toBe("203.0.113.5");
  });

  it("with TRUST_PROXY_HOPS=2 skips two proxies' entries", () => {
    const twoProxies = { hops: 2, addresses: [] };
    expect(clientKey(headers("10.0.0.2", { "x-forwarded-for": "198.51.100.1, 203.0.113.9, 10.0.0.1" }), twoProxies)).toBe("203.0.113.9");
  });

  it("with TRUST_PROXY_ADDRESSES is the first address from the right that is not a listed proxy", () => {
    const listed = { hops: 0, addresses: ["10.0.0.0/8", "::1"] };
    expect(clientKey(headers("::1", { "x-forwarded-for": "198.51.100.1, 203.0.113.9, 10.1.2.3" }), listed)).toBe("203.0.113.9");
    // A peer that is not a listed proxy is the client, whatever it forwards.
    expect(clientKey(headers("203.0.113.5", { "x-forwarded-for": "198.51.100.1" }), listed)).toBe("203.0.113.5");
  });

  it("counts IPv6 clients per /64", () => {
    expect(clientKey(headers("2001:db8:5:6::1"), noProxy)).toBe(clientKey(headers("2001:db8:5:6::2"), noProxy));
  });
});

describe("clientKey without scripts/serve.js (plain next start)", () => {
  it("believes no client-sent peer header and no X-Forwarded-For: every client shares one count", () => {
    expect(clientKey(headers("203.0.113.9", { "x-forwarded-for": "198.51.100.1" }), noProxy)).toBe("unknown-peer");
    expect(clientKey(headers("203.0.113.10"), noProxy)).toBe("unknown-peer");
  });
});
