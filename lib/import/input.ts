import { extractTerms } from "./extract";
import type { ImportResult } from "./terms";

/** What the doors (CLI, API, page) accept before extraction: one set of limits and error codes. */

/** The API's and the CLI's limit on announcement text, in UTF-8 bytes. */
export const MAX_TEXT_BYTES = 256 * 1024;

export const IMPORT_ERRORS = {
  import_empty: "The announcement is empty: paste its text or choose its PDF.",
  import_no_terms: "No dividend, bonus or capitalisation terms or dates were found in this text.",
  import_binary: "This is not text: send the announcement as UTF-8 text, or a PDF to the command line.",
  import_too_large: `The announcement is too large: at most ${MAX_TEXT_BYTES / 1024} KB of text.`,
  import_pdf_no_text: "This PDF has no text layer (a scan?): copy the text from the announcement page instead.",
  import_pdf_invalid: "This file is not a readable PDF.",
  import_unreadable: "The file could not be read.",
} as const;

export type ImportErrorCode = keyof typeof IMPORT_ERRORS;

export type TextCheck = { ok: true; text: string } | { ok: false; code: ImportErrorCode; message: string };

const fail = (code: ImportErrorCode): TextCheck => ({ ok: false, code, message: IMPORT_ERRORS[code] });

/** Bytes → announcement text, or the reason it is not one (too big, not UTF-8, binary, empty). */
export function checkText(bytes: Uint8Array): TextCheck {
  if (bytes.byteLength > MAX_TEXT_BYTES) return fail("import_too_large");
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return fail("import_binary");
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  // Text has no NULs and few control characters; a binary file that happens to be valid UTF-8 has many.
  let controls = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0) return fail("import_binary");
    if (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d && c !== 0x0c && c !== 0x0b) controls++;
  }
  if (controls > Math.max(8, text.length / 100)) return fail("import_binary");
  if (text.trim() === "") return fail("import_empty");
  return { ok: true, text };
}

export type ImportOutcome = { ok: true; result: ImportResult } | { ok: false; code: ImportErrorCode; message: string };

/** The one door behind CLI, API and page: checked text → result, or `import_no_terms`. */
export function importAnnouncement(text: string): ImportOutcome {
  if (text.trim() === "") return { ok: false, code: "import_empty", message: IMPORT_ERRORS.import_empty };
  const result = extractTerms(text);
  const found = Object.keys(result.fields).filter((t) => t !== "name" && t !== "classes");
  if (found.length === 0) return { ok: false, code: "import_no_terms", message: IMPORT_ERRORS.import_no_terms };
  return { ok: true, result };
}

/** `{ "error": { code, message } }`, the shape of every refusal. */
export function importErrorBody(code: ImportErrorCode, message: string = IMPORT_ERRORS[code]) {
  return { error: { code, message } };
}
