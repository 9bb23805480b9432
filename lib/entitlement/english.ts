import en from "../../messages/en.json";
import type { EntitlementDetail } from "./compute";
import type { EntitlementError } from "./errors";
import { NOTE_CODES, type NoteCode, renderNote } from "./notes";
import { entitlementFromParams, type NoteRenderer, type RawParams } from "./request";
import type { Result } from "./result";

/**
 * The English notes as the API and the CLI answer them, from the one English catalog the page also shows
 * (messages/en.json `notes.*`): one copy of the English. Only the server and the CLI import this module, so the
 * page loads no more of en.json than its own messages.
 */
const catalog = en.notes as Record<string, unknown>;

/**
 * A note's template as text with {name} placeholders. Under Next, the next-intl plugin precompiles message files
 * when they are imported (next.config.mjs: `precompile`), so a message arrives as icu-minify's compiled form: a
 * string, or an array of strings and `[name]` arguments. Under tsx (CLI) and vitest it arrives as written. Notes
 * use plain arguments only; anything else is refused here rather than rendered wrongly.
 */
export function templateOf(message: unknown, code: string): string {
  if (typeof message === "string") return message;
  if (Array.isArray(message))
    return message
      .map((part: unknown) => {
        if (typeof part === "string") return part;
        if (Array.isArray(part) && part.length === 1 && typeof part[0] === "string") return `{${part[0]}}`;
        throw new Error(`notes.${code} uses more than plain {arguments}`);
      })
      .join("");
  throw new Error(`messages/en.json has no notes.${code}`);
}

/** The English template of each note code, as the page shows it. */
export const NOTE_TEXT_EN: Record<NoteCode, string> = Object.fromEntries(
  NOTE_CODES.map((code) => [code, templateOf(catalog[code], code)]),
) as Record<NoteCode, string>;

/**
 * Plain text has no badge: a note the page marks with the "Estimate" badge (its code ends in `-estimate`) starts
 * with "Estimate: " instead.
 */
export function englishNote(code: NoteCode, params: Record<string, string>): string {
  const text = renderNote(NOTE_TEXT_EN[code], params);
  if (!code.endsWith("-estimate")) return text;
  const lower = /^[A-Z][a-z]/.test(text) ? `${text[0]?.toLowerCase()}${text.slice(1)}` : text;
  return `Estimate: ${lower}`;
}

/** English notes, as the API and the CLI answer them (the page translates the codes itself). */
export const englishNotes: NoteRenderer = (codes, params) => codes.map((c) => englishNote(c, params));

/** The entitlement with English notes: what the API and the CLI return. */
export function entitlementInEnglish(raw: RawParams): Result<EntitlementDetail, EntitlementError> {
  return entitlementFromParams(raw, englishNotes);
}
