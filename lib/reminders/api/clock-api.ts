import "server-only";
import { errorResponse } from "./api-error";
import { webConfig, webContext } from "./web-context";

/**
 * GET /api/v1/push/clock → { now, shifted }: the app clock the server schedules by, so that the page decides
 * what is "still ahead" by the same clock (with APP_CLOCK_START a demo stands in 2023, not today).
 */
export async function getClock(): Promise<Response> {
  const headers = { "cache-control": "no-store" };
  const config = webConfig();
  if (!config.ok || config.value.clockStartMs === undefined) {
    return Response.json({ now: new Date().toISOString(), shifted: false }, { headers });
  }
  // A shifted clock is anchored in Redis: without it, the server cannot say what time the app thinks it is.
  const context = await webContext();
  if (!context.ok) return errorResponse(context.error);
  return Response.json({ now: new Date(context.value.clock.now()).toISOString(), shifted: true }, { headers });
}
