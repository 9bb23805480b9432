import "server-only";

/**
 * The address to rate-limit by. `next start` fills X-Forwarded-For with the socket address unless the
 * request already has one, and a reverse proxy appends the address it saw, so the last entry is the one a
 * client controls least. Behind no proxy a client can send its own header: see docs/reminders.md.
 */
export function clientIp(headers: Headers): string {
  const forwarded = headers.get("x-forwarded-for");
  const last = forwarded?.split(",").pop()?.trim();
  const ip = last || headers.get("x-real-ip")?.trim() || "unknown";
  return ip.slice(0, 64);
}
