/** PDF → text through pdfjs-dist (legacy build for Node), loaded only when a PDF is given. */

/** A PDF larger than this is refused before parsing. */
export const MAX_PDF_BYTES = 8 * 1024 * 1024;

export type PdfText = { ok: true; text: string } | { ok: false; code: "import_pdf_invalid" | "import_pdf_no_text" };

export function looksLikePdf(bytes: Uint8Array): boolean {
  return bytes.byteLength >= 5 && Buffer.from(bytes.subarray(0, 1024)).toString("latin1").includes("%PDF-");
}

export async function pdfText(bytes: Uint8Array): Promise<PdfText> {
  const pdfjs = await import("pdfjs-dist/legacy/build/pdf.mjs");
  let task: ReturnType<typeof pdfjs.getDocument> | undefined;
  let doc: Awaited<ReturnType<typeof pdfjs.getDocument>["promise"]>;
  try {
    // pdf.js 6 has no isEvalSupported option any more (the e2e tests run under a CSP without eval); the loading task owns the document.
    task = pdfjs.getDocument({ data: new Uint8Array(bytes), disableFontFace: true, verbosity: 0 });
    doc = await task.promise;
  } catch {
    return { ok: false, code: "import_pdf_invalid" };
  }
  const pages: string[] = [];
  try {
    for (let i = 1; i <= doc.numPages; i++) {
      const page = await doc.getPage(i);
      const content = await page.getTextContent();
      let text = "";
      for (const item of content.items) {
        if (!("str" in item)) continue;
        text += item.str + (item.hasEOL ? "\n" : "");
      }
      pages.push(text);
    }
  } catch {
    return { ok: false, code: "import_pdf_invalid" };
  } finally {
    await task?.destroy();
  }
  const text = pages.join("\n\n");
  if (text.replace(/\s/g, "") === "") return { ok: false, code: "import_pdf_no_text" };
  return { ok: true, text };
}
