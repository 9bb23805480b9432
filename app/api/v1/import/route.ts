import { checkText, IMPORT_ERRORS, importAnnouncement, MAX_TEXT_BYTES } from "@/lib/import";
import { readLimitedBody } from "@/lib/server/read-body";

export const dynamic = "force-dynamic";

type Refusal = { status: number; code: string; message: string; close?: boolean };

const refuse = ({ status, code, message, close }: Refusal): Response =>
  Response.json(
    { error: { code, message } },
    { status, headers: { "cache-control": "no-store", ...(close ? { connection: "close" } : {}) } },
  );

/** The body as bytes, read with a limit that holds without Content-Length (chunked), or the refusal. */
async function readBody(request: Request): Promise<Uint8Array | Refusal> {
  const bytes = await readLimitedBody(request, MAX_TEXT_BYTES);
  return bytes === "too-large" ? { status: 413, code: "import_too_large", message: IMPORT_ERRORS.import_too_large, close: true } : bytes;
}

/**
 * POST /api/v1/import — announcement text (text/plain; charset=utf-8, ≤ 256 KB) → the same JSON as
 * `npm run --silent import` (DESIGN §3.5). 400 import_empty / import_binary / import_no_terms, 413, 415.
 */
export async function POST(request: Request): Promise<Response> {
  const type = (request.headers.get("content-type") ?? "").toLowerCase();
  const plain = /^text\/plain\s*(;|$)/.test(type);
  const charset = /charset\s*=\s*"?([^";\s]+)/.exec(type)?.[1];
  if (!plain || (charset !== undefined && charset !== "utf-8" && charset !== "utf8")) {
    return refuse({ status: 415, code: "unsupported_media_type", message: "Send the announcement as text/plain; charset=utf-8." });
  }
  const body = await readBody(request);
  if (!(body instanceof Uint8Array)) return refuse(body);
  const checked = checkText(body);
  if (!checked.ok) return refuse({ status: checked.code === "import_too_large" ? 413 : 400, code: checked.code, message: checked.message });
  const outcome = importAnnouncement(checked.text);
  if (!outcome.ok) return refuse({ status: 400, code: outcome.code, message: outcome.message });
  return new Response(JSON.stringify(outcome.result), {
    headers: { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" },
  });
}
