// @ts-check
import { createHash } from "node:crypto";
/**
 * The security headers, in one place for next.config.js (every response) and proxy.ts (pages, which get the
 * Content-Security-Policy with the hashes of Next's inline scripts and a per-request nonce). docs/security.md
 * says why each is there and how it is tested.
 */

/** Headers every response carries (next.config.js). */
export const SECURITY_HEADERS = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  // Features this app never uses are off for it and anything it could embed. Notifications and push are not
  // governed by Permissions-Policy.
  {
    key: "Permissions-Policy",
    value: "camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), hid=(), browsing-topics=()",
  },
  // For browsers without CSP frame-ancestors: no page of this app may be framed (clickjacking of Remind me / Stop).
  { key: "X-Frame-Options", value: "DENY" },
];

/**
 * The Content-Security-Policy. `scripts`: extra script sources ('nonce-…', 'sha256-…') for Next's inline
 * scripts; `styles`: hashes of inline styles (public/offline.html); `dev`: what `next dev` needs (eval for
 * React's debugging, inline scripts and styles, the HMR socket).
 * @param {{ scripts?: readonly string[], styles?: readonly string[], dev?: boolean }} [options]
 */
export function contentSecurityPolicy({ scripts = [], styles = [], dev = false } = {}) {
  const script = dev ? ["'self'", "'unsafe-inline'", "'unsafe-eval'"] : ["'self'", ...scripts];
  return [
    "default-src 'self'",
    `script-src ${script.join(" ")}`,
    `style-src ${(dev ? ["'self'", "'unsafe-inline'"] : ["'self'", ...styles]).join(" ")}`,
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src 'self'${dev ? " ws: wss:" : ""}`,
    "worker-src 'self'",
    "manifest-src 'self'",
    "frame-ancestors 'none'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
  ].join("; ");
}

/**
 * The CSP source of the SHA-256 of each inline <style> of an HTML text (the offline page is served as a file,
 * with the static policy of next.config.js).
 * @param {string} html
 */
export function inlineStyleHashes(html) {
  return [...html.matchAll(/<style\b[^>]*>([\s\S]*?)<\/style>/gi)].map(
    (m) =>
      `'sha256-${createHash("sha256")
        .update(m[1] ?? "", "utf8")
        .digest("base64")}'`,
  );
}

/** Where `npm run build` writes the hashes of the inline scripts in the prerendered pages (scripts/csp-hashes.ts). */
export const CSP_HASHES_FILE = ".next/csp-hashes.json";
