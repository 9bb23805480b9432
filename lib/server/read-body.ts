import "server-only";

/**
 * How much of a refused body is still read (and thrown away) before the answer. A server that answers 413 and
 * closes while the client is still sending makes the client's kernel reset the connection, and the client may never
 * see the 413 (it sees EPIPE or ECONNRESET instead): reading the rest first lets it finish and read the answer.
 * Bounded, so a client cannot keep a request open by sending for ever; past it the connection is closed.
 */
const DRAIN_LIMIT = 16 * 1024 * 1024;

/**
 * A request body as bytes, read with a byte limit that holds even without Content-Length (a chunked upload), or
 * `"too-large"` once it is exceeded. The rest of a body over the limit is read and discarded up to DRAIN_LIMIT
 * bytes in all (answer with `connection: close` either way). Shared by every route that takes a body.
 */
export async function readLimitedBody(request: Request, limit: number): Promise<Uint8Array | "too-large"> {
  if (Number(request.headers.get("content-length") ?? "0") > DRAIN_LIMIT) return "too-large";
  if (!request.body) return new Uint8Array();
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > DRAIN_LIMIT) {
      await reader.cancel().catch(() => undefined);
      return "too-large";
    }
    if (size <= limit) chunks.push(value);
  }
  if (size > limit) return "too-large";
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    bytes.set(c, at);
    at += c.byteLength;
  }
  return bytes;
}
