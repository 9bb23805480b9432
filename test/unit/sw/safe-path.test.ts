/** The service worker opens only pages of its own origin, whatever URL a push payload carries (issue 13, finding 7). */
import { describe, expect, it } from "vitest";
import { safePath } from "@/sw/push";

const ORIGIN = "https://entitle.example";

describe("safePath", () => {
  it.each([
    ["/en#timeline", "/en#timeline"],
    ["/zh-Hant?x=1#timeline", "/zh-Hant?x=1#timeline"],
    ["en", "/en"],
    [`${ORIGIN}/en`, "/en"],
  ])("keeps %j on this origin as %j", (url, path) => {
    expect(safePath(url, ORIGIN)).toBe(path);
  });

  it.each([
    "/\t/evil.example/x",
    "/\n/evil.example/x",
    "//evil.example/x",
    "/\\evil.example/x",
    "\\\\evil.example/x",
    "https://evil.example/en",
    "http://entitle.example/en",
    "https://entitle.example:8443/en",
    "javascript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
  ])("refuses %j (another origin) with the home page", (url) => {
    expect(safePath(url, ORIGIN)).toBe("/");
  });

  it("refuses what is not text", () => {
    for (const url of [undefined, null, 42, { href: "/en" }]) expect(safePath(url, ORIGIN)).toBe("/");
  });
});
