/**
 * What the page, the service worker and the server share (DESIGN.md §1): locales, leads, the reminders API's
 * schemas, the push payload and base64url. Imports only zod: no React, no Node, no server-only code.
 * The zod-free files (base64url.ts, leads.ts, locales.ts, messages.ts, notification-click.ts) can be imported
 * alone where a schema library would be dead weight (the service worker, the middleware).
 */
export * from "./base64url";
export * from "./enums";
export * from "./leads";
export * from "./locales";
export * from "./messages";
export * from "./notification-click";
export * from "./payload";
export * from "./subscriptions";
