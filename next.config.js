// @ts-check
import createNextIntlPlugin from "next-intl/plugin";

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
  // Server-only packages stay out of the bundle; the worker and the CLI load the same lib/ through tsx.
  serverExternalPackages: ["bullmq", "ioredis", "web-push", "request-filtering-agent"],
  async headers() {
    return [
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
