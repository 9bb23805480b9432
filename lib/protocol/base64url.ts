/**
 * URL-safe base64 without padding (RFC 4648 §5), as push subscriptions and VAPID keys are written.
 * No zod here: the service worker imports this file and should not carry a schema library.
 */

/** Decodes URL-safe base64 (padding optional). Throws on characters outside the alphabet. */
export function base64UrlToBytes(value: string): Uint8Array<ArrayBuffer> {
  if (!/^[A-Za-z0-9_-]*={0,2}$/.test(value)) throw new Error("not URL-safe base64");
  const base64 = value
    .replace(/=+$/, "")
    .replace(/-/g, "+")
    .replace(/_/g, "/")
    .padEnd(Math.ceil(value.replace(/=+$/, "").length / 4) * 4, "=");
  const binary = atob(base64);
  const bytes = new Uint8Array(new ArrayBuffer(binary.length));
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** Encodes bytes as URL-safe base64 without padding. */
export function bytesToBase64Url(bytes: ArrayBuffer | Uint8Array): string {
  let binary = "";
  for (const byte of bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes)) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/** The shape of URL-safe base64 (padding tolerated, as some browsers send it). */
export const BASE64URL_PATTERN = /^[A-Za-z0-9_-]+={0,2}$/;
