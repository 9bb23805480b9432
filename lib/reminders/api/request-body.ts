import "server-only";
import { readLimitedBody } from "../../server/read-body";
import { apiError, fail, ok, type Result } from "./api-error";

/** Subscription bodies are a few hundred bytes; anything near this is not a browser's subscription. */
export const MAX_BODY_BYTES = 8 * 1024;

/**
 * The request's JSON body, read with a size limit that holds even without Content-Length (chunked),
 * or the 4xx to answer: 415 not JSON, 413 too big, 400 not UTF-8 JSON.
 */
export async function readJsonBody(request: Request, limit = MAX_BODY_BYTES): Promise<Result<unknown>> {
  const type = request.headers.get("content-type") ?? "";
  if (!/^application\/json\s*(;|$)/i.test(type)) return fail(apiError(415, "unsupported_media_type", "send the body as application/json"));
  // The rest of the body is left unread, so the connection cannot be reused: say so, or the client's next
  // request on it fails with a reset.
  const tooLarge = apiError(413, "body_too_large", `the body must be at most ${limit} bytes`, { connection: "close" });
  const bytes = await readLimitedBody(request, limit);
  if (bytes === "too-large") return fail(tooLarge);
  if (bytes.byteLength === 0) return fail(apiError(400, "invalid_json", "the body is empty"));
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return fail(apiError(400, "invalid_json", "the body is not UTF-8"));
  }
  try {
    return ok(JSON.parse(text) as unknown);
  } catch {
    return fail(apiError(400, "invalid_json", "the body is not valid JSON"));
  }
}
