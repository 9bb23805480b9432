// @ts-check

import { readFileSync } from "node:fs";
import createNextIntlPlugin from "next-intl/plugin";
import { contentSecurityPolicy, inlineStyleHashes, SECURITY_HEADERS } from "./security-headers.js";

// The offline page (served from public/, and by the service worker for any page not cached) has its own inline style.
const offlineStyles = inlineStyleHashes(readFileSync(new URL("./public/offline.html", import.meta.url), "utf8"));

const withNextIntl = createNextIntlPlugin({
  requestConfig: "./i18n/request.ts",
  // ICU messages compiled at build time: the browser gets no message parser (a smaller first load).
  experimental: { messages: { format: "json", path: "./messages", locales: "infer", precompile: true } },
});

/** @type {import("next").NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // Types are checked once, by `tsc --noEmit` in `npm test` (it covers the tests and scripts too).
  typescript: { ignoreBuildErrors: true },
  // Server-only packages stay out of the bundle; the worker and the CLI load the same lib/ through tsx. The holiday
  // calendars too: chinese-days ships an ES module under "type": "commonjs", which Turbopack refuses to bundle.
  serverExternalPackages: ["bullmq", "ioredis", "web-push", "request-filtering-agent", "chinese-days", "date-holidays"],
  async headers() {
    return [
      // Every response; pages get their Content-Security-Policy (with the inline-script hashes) from proxy.ts.
      { source: "/:path*", headers: SECURITY_HEADERS },
      {
        // Everything but pages (the API, assets, sw.js, offline.html): no inline script at all.
        source: "/:path((?:api|_next)/.*|.*\\..*)",
        headers: [
          {
            key: "Content-Security-Policy",
            value: contentSecurityPolicy({ styles: offlineStyles, dev: process.env.NODE_ENV === "development" }),
          },
        ],
      },
      {
        source: "/sw.js",
        headers: [
          { key: "Cache-Control", value: "no-cache, no-store, must-revalidate" },
          { key: "Content-Type", value: "application/javascript; charset=utf-8" },
        ],
      },
    ];
  },
};

export default withNextIntl(nextConfig);
