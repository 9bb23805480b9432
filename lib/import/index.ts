/**
 * Paste an announcement: text → §3.4 terms, each value with the sentence it came from (DESIGN.md §3.5).
 * Pure and synchronous; runs in the browser (offline) and on the server. No Node I/O, no zod.
 */
export { extractTerms } from "./extract";
export {
  checkText,
  IMPORT_ERRORS,
  type ImportErrorCode,
  type ImportOutcome,
  importAnnouncement,
  importErrorBody,
  MAX_TEXT_BYTES,
  type TextCheck,
} from "./input";
export { type Field, type ImportResult, TERM_ORDER, type TermName } from "./terms";
