import "server-only";

/**
 * A request body as bytes, read with a byte limit that holds even without Content-Length (a chunked upload), or
 * `"too-large"` as soon as it is exceeded (the rest is left unread: answer with `connection: close`). Shared by
 * every route that takes a body.
 */
export async function readLimitedBody(request: Request, limit: number): Promise<Uint8Array | "too-large"> {
  if (Number(request.headers.get("content-length") ?? "0") > limit) return "too-large";
  if (!request.body) return new Uint8Array();
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      return "too-large";
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    bytes.set(c, at);
    at += c.byteLength;
  }
  return bytes;
}
