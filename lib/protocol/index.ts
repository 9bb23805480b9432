/**
 * What the page, the service worker and the server share (DESIGN.md §1): locales, leads, the reminders API's
 * schemas, the push payload and base64url. Imports only zod: no React, no Node, no server-only code.
 * The service worker imports the zod-free files directly (base64url.ts, messages.ts) to stay small.
 */
export * from "./base64url";
export * from "./leads";
export * from "./locales";
export * from "./messages";
export * from "./payload";
export * from "./subscriptions";
