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
const catalog: Record<string, string> = en.notes;

/** The English template of each note code, as the page shows it. */
export const NOTE_TEXT_EN: Record<NoteCode, string> = Object.fromEntries(
  NOTE_CODES.map((code) => {
    const text = catalog[code];
    if (!text) throw new Error(`messages/en.json has no notes.${code}`);
    return [code, text];
  }),
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
