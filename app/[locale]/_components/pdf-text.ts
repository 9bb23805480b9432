/**
 * A PDF's text in the browser, with pdf.js (its legacy build, for older phone browsers), loaded only when a
 * holder chooses a PDF: not in any first load.
 * pdf.js runs on the page's thread (its worker module imported as `globalThis.pdfjsWorker`), so nothing is
 * fetched from elsewhere and it works offline once the chunks are cached.
 */
export type PdfText = { ok: true; text: string } | { ok: false; code: "import_pdf_invalid" | "import_pdf_no_text" };

/** A PDF larger than this is refused before parsing (the same limit as the command line). */
export const MAX_PDF_BYTES = 8 * 1024 * 1024;

export async function pdfText(bytes: Uint8Array): Promise<PdfText> {
  const g = globalThis as { pdfjsWorker?: unknown };
  if (!g.pdfjsWorker) g.pdfjsWorker = await import("pdfjs-dist/legacy/build/pdf.worker.mjs");
  const pdfjs = await import("pdfjs-dist/legacy/build/pdf.mjs");
  let task: ReturnType<typeof pdfjs.getDocument> | undefined;
  let doc: Awaited<ReturnType<typeof pdfjs.getDocument>["promise"]>;
  try {
    // pdf.js 6 has no isEvalSupported option any more (the e2e tests run under a CSP without eval); the loading task owns the document.
    task = pdfjs.getDocument({ data: bytes, disableFontFace: true, verbosity: 0 });
    doc = await task.promise;
  } catch {
    return { ok: false, code: "import_pdf_invalid" };
  }
  const pages: string[] = [];
  try {
    for (let i = 1; i <= doc.numPages; i++) {
      const content = await (await doc.getPage(i)).getTextContent();
      let text = "";
      for (const item of content.items) if ("str" in item) text += item.str + (item.hasEOL ? "\n" : "");
      pages.push(text);
    }
  } catch {
    return { ok: false, code: "import_pdf_invalid" };
  } finally {
    await task?.destroy();
  }
  const text = pages.join("\n\n");
  return text.replace(/\s/g, "") === "" ? { ok: false, code: "import_pdf_no_text" } : { ok: true, text };
}
