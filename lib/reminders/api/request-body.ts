import "server-only";
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
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > limit) return fail(tooLarge);
  if (!request.body) return fail(apiError(400, "invalid_json", "the body is empty"));
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      return fail(tooLarge);
    }
    chunks.push(value);
  }
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(Buffer.concat(chunks));
  } catch {
    return fail(apiError(400, "invalid_json", "the body is not UTF-8"));
  }
  try {
    return ok(JSON.parse(text) as unknown);
  } catch {
    return fail(apiError(400, "invalid_json", "the body is not valid JSON"));
  }
}
