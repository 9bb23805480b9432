// @ts-check
/** @type {import("next").NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // The worker, the CLI and the start script import lib/ with tsx; Next bundles the same files for the web.
  serverExternalPackages: ["bullmq", "ioredis", "web-push", "request-filtering-agent"],
};

export default nextConfig;
