/** PDF → text through pdfjs-dist (legacy build for Node), loaded only when a PDF is given. */
import { type PdfText, pdfTextWith } from "../lib/import/pdf-text";

export { MAX_PDF_BYTES, type PdfText } from "../lib/import/pdf-text";

export function looksLikePdf(bytes: Uint8Array): boolean {
  return bytes.byteLength >= 5 && Buffer.from(bytes.subarray(0, 1024)).toString("latin1").includes("%PDF-");
}

export async function pdfText(bytes: Uint8Array): Promise<PdfText> {
  return pdfTextWith(await import("pdfjs-dist/legacy/build/pdf.mjs"), new Uint8Array(bytes));
}
