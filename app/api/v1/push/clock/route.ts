import { getClock } from "@/lib/reminders/api/clock-api";

export const dynamic = "force-dynamic";

/** GET /api/v1/push/clock → { now, shifted }: the server's app clock (moved by APP_CLOCK_START in demos). */
export function GET(): Promise<Response> {
  return getClock();
}
