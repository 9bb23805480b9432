import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  apiErrorBodySchema,
  base64UrlToBytes,
  bytesToBase64Url,
  leadFits,
  reminderPayloadSchema,
  subscribeRequestSchema,
  unsubscribeRequestSchema,
} from "@/lib/protocol";

describe("base64url", () => {
  it("round-trips any bytes, without padding or characters outside the URL-safe alphabet", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 100 }), (bytes) => {
        const text = bytesToBase64Url(bytes);
        expect(text).toMatch(/^[A-Za-z0-9_-]*$/);
        expect([...base64UrlToBytes(text)]).toEqual([...bytes]);
      }),
    );
  });
  it("reads the RFC 4648 test vectors, padded or not", () => {
    expect(new TextDecoder().decode(base64UrlToBytes("Zm9vYmE"))).toBe("fooba");
    expect(new TextDecoder().decode(base64UrlToBytes("Zm9vYmE="))).toBe("fooba");
    expect(bytesToBase64Url(new Uint8Array([0xfb, 0xff]))).toBe("-_8");
    expect(() => base64UrlToBytes("a+b/")).toThrow();
  });
});

describe("leads", () => {
  it("fit a day-only date only when counted in days", () => {
    expect(leadFits("PT2H", { dayOnly: true })).toBe(false);
    expect(leadFits("P1D", { dayOnly: true })).toBe(true);
    expect(leadFits("PT2H", { dayOnly: false })).toBe(true);
  });
});

const subscription = {
  endpoint: "https://push.example/abc",
  expirationTime: null,
  keys: { p256dh: "BAAA", auth: "AAAAAAAAAAAAAAAAAAAAAA" },
};
const valid = { subscription, event: "some-event", class: "H", milestones: ["m"], leads: ["P1D"], locale: "zh-Hant" };

describe("the subscriptions API schemas (DESIGN.md §3.2)", () => {
  it("accept one event's selection, with terms for a custom event", () => {
    expect(subscribeRequestSchema.safeParse(valid).success).toBe(true);
    expect(subscribeRequestSchema.safeParse({ ...valid, event: "custom", terms: "cash=2.60&classes=A" }).success).toBe(true);
  });
  it("refuse what is not the contract", () => {
    const bad: [string, unknown][] = [
      ["an unknown field", { ...valid, extra: 1 }],
      ["an unknown lead", { ...valid, leads: ["PT1H"] }],
      ["no milestone", { ...valid, milestones: [] }],
      ["an unknown locale", { ...valid, locale: "fr" }],
      ["a class other than H or A", { ...valid, class: "B" }],
      ["terms longer than 2048 characters", { ...valid, terms: "x".repeat(2049) }],
      ["keys that are not base64url", { ...valid, subscription: { ...subscription, keys: { p256dh: "a+b", auth: "x" } } }],
      ["an endpoint longer than 2048 characters", { ...valid, subscription: { ...subscription, endpoint: `https://${"a".repeat(2048)}` } }],
    ];
    for (const [what, body] of bad) expect(subscribeRequestSchema.safeParse(body).success, what).toBe(false);
  });
  it("DELETE takes an endpoint and its auth secret, and optionally one event", () => {
    const target = { endpoint: subscription.endpoint, auth: subscription.keys.auth };
    expect(unsubscribeRequestSchema.safeParse(target).success).toBe(true);
    expect(unsubscribeRequestSchema.safeParse({ ...target, event: "some-event" }).success).toBe(true);
    expect(unsubscribeRequestSchema.safeParse({ ...target, event: "custom", terms: "cash=2.60&classes=A" }).success).toBe(true);
    expect(unsubscribeRequestSchema.safeParse({ ...target, event: "" }).success).toBe(false);
    expect(unsubscribeRequestSchema.safeParse({ endpoint: subscription.endpoint }).success).toBe(false);
  });
  it("errors are { error: { code, message } }", () => {
    expect(apiErrorBodySchema.safeParse({ error: { code: "unknown_milestone", message: "…" } }).success).toBe(true);
    expect(apiErrorBodySchema.safeParse({ message: "…" }).success).toBe(false);
  });
});

describe("the push payload", () => {
  const payload = {
    v: 1,
    title: "t",
    body: "b",
    url: "/en#timeline",
    tag: "m",
    event: "e",
    milestone: "m",
    lead: "P1D",
    at: "2023-06-27T16:30:00+08:00",
    locale: "en",
  };
  it("is version 1 with a path on this origin", () => {
    expect(reminderPayloadSchema.safeParse(payload).success).toBe(true);
    expect(reminderPayloadSchema.safeParse({ ...payload, v: 2 }).success).toBe(false);
    expect(reminderPayloadSchema.safeParse({ ...payload, url: "https://elsewhere.example/" }).success).toBe(false);
  });
});
