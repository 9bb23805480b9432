// @ts-check
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
 * scripts; `dev`: what `next dev` needs (eval for React's debugging, inline scripts, the HMR socket).
 * @param {{ scripts?: readonly string[], dev?: boolean }} [options]
 */
export function contentSecurityPolicy({ scripts = [], dev = false } = {}) {
  const script = dev ? ["'self'", "'unsafe-inline'", "'unsafe-eval'"] : ["'self'", ...scripts];
  return [
    "default-src 'self'",
    `script-src ${script.join(" ")}`,
    `style-src 'self'${dev ? " 'unsafe-inline'" : ""}`,
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

/** Where `npm run build` writes the hashes of the inline scripts in the prerendered pages (scripts/csp-hashes.ts). */
export const CSP_HASHES_FILE = ".next/csp-hashes.json";
