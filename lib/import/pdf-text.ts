/**
 * A PDF's text through pdf.js, shared by the page and the command line. pdf.js itself is given by the caller (the
 * browser loads it on use, with its worker on the page's thread; Node loads the legacy build), so this module
 * imports nothing at run time and stays out of every first load.
 */
type PdfJs = typeof import("pdfjs-dist/legacy/build/pdf.mjs");

export type PdfText = { ok: true; text: string } | { ok: false; code: "import_pdf_invalid" | "import_pdf_no_text" };

/** A PDF larger than this is refused before parsing (page and command line alike). */
export const MAX_PDF_BYTES = 8 * 1024 * 1024;

export async function pdfTextWith(pdfjs: PdfJs, bytes: Uint8Array): Promise<PdfText> {
  let task: ReturnType<PdfJs["getDocument"]> | undefined;
  let doc: Awaited<ReturnType<PdfJs["getDocument"]>["promise"]>;
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
