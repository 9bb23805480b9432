/**
 * A PDF's text in the browser, with pdf.js (its legacy build, for older phone browsers), loaded only when a
 * holder chooses a PDF: not in any first load.
 * pdf.js runs on the page's thread (its worker module imported as `globalThis.pdfjsWorker`), so nothing is
 * fetched from elsewhere and it works offline once the chunks are cached.
 */
import { type PdfText, pdfTextWith } from "@/lib/import/pdf-text";

export { MAX_PDF_BYTES, type PdfText } from "@/lib/import/pdf-text";

export async function pdfText(bytes: Uint8Array): Promise<PdfText> {
  const g = globalThis as { pdfjsWorker?: unknown };
  if (!g.pdfjsWorker) g.pdfjsWorker = await import("pdfjs-dist/legacy/build/pdf.worker.mjs");
  return pdfTextWith(await import("pdfjs-dist/legacy/build/pdf.mjs"), bytes);
}
