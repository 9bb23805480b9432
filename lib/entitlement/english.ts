import type { EntitlementDetail } from "./compute";
import type { EntitlementError } from "./errors";
import { NOTE_TEXT_EN, renderNote } from "./notes";
import { entitlementFromParams, type NoteRenderer, type RawParams } from "./request";
import type { Result } from "./result";

/** English notes, as the API and the CLI answer them (kept out of the page, which translates note codes). */
export const englishNotes: NoteRenderer = (codes, params) => codes.map((c) => renderNote(NOTE_TEXT_EN[c], params));

/** The entitlement with English notes: what the API and the CLI return. */
export function entitlementInEnglish(raw: RawParams): Result<EntitlementDetail, EntitlementError> {
  return entitlementFromParams(raw, englishNotes);
}
