"use client";
import { useTranslations } from "next-intl";
import { useId, useState } from "react";
import { TERM_NAMES, type TermName } from "@/lib/events/terms";
import type { ImportMarks } from "./terms-form";

type Fill = (values: Partial<Record<TermName, string>>, marks: ImportMarks) => void;
type ErrorCode =
  | "import_empty"
  | "import_no_terms"
  | "import_binary"
  | "import_too_large"
  | "import_pdf_no_text"
  | "import_pdf_invalid"
  | "import_unreadable";

/**
 * "Paste an announcement" (DESIGN §3.5): the text, or a PDF's text, is read by lib/import here in the browser
 * (never sent anywhere; works offline). The importer and pdf.js are loaded on first use, not with the page.
 * The form is filled with the terms the importer gives (its canonical query string), each with its quote;
 * what the text does not state is marked for the holder to check.
 */
export function PasteAnnouncement({ onFill }: { onFill: Fill }) {
  const t = useTranslations("custom.paste");
  const ids = { text: useId(), pdf: useId() };
  const [text, setText] = useState("");
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ error: boolean; text: string } | null>(null);

  async function read(announcement: string) {
    const { importAnnouncement, MAX_TEXT_BYTES } = await import("@/lib/import");
    if (new TextEncoder().encode(announcement).byteLength > MAX_TEXT_BYTES) return fail("import_too_large");
    const outcome = importAnnouncement(announcement);
    if (!outcome.ok) return fail(outcome.code);
    const { result } = outcome;
    const query = new URLSearchParams(result.terms);
    const values: Partial<Record<TermName, string>> = {};
    const quotes: Partial<Record<TermName, string>> = {};
    for (const term of TERM_NAMES) {
      const value = query.get(term);
      if (value === null) continue;
      values[term] = value;
      const quote = result.fields[term]?.quote;
      if (quote) quotes[term] = quote;
    }
    const missing = result.missing.filter((m): m is TermName => (TERM_NAMES as readonly string[]).includes(m));
    onFill(values, { quotes, missing });
    setMessage({ error: false, text: t("filled", { count: Object.keys(values).length }) });
  }
  function fail(code: ErrorCode) {
    setMessage({ error: true, text: t(`errors.${code}`) });
  }
  async function run(work: () => Promise<void>) {
    setBusy(true);
    setMessage(null);
    try {
      await work();
    } catch {
      fail("import_unreadable");
    } finally {
      setBusy(false);
    }
  }
  async function readPdf(file: File) {
    const { MAX_PDF_BYTES, pdfText } = await import("./pdf-text");
    if (file.size > MAX_PDF_BYTES) return fail("import_too_large");
    const pdf = await pdfText(new Uint8Array(await file.arrayBuffer()));
    if (!pdf.ok) return fail(pdf.code);
    setText(pdf.text);
    await read(pdf.text);
  }

  return (
    <details className="mt-3 rounded-xl border border-slate-300 p-3 dark:border-slate-600" data-testid="paste">
      <summary className="min-h-11 cursor-pointer content-center font-semibold">{t("open")}</summary>
      <p className="mt-1 text-sm">{t("intro")}</p>
      <label htmlFor={ids.text} className="mt-2 block font-medium">
        {t("text")}
      </label>
      <textarea
        id={ids.text}
        name="announcement"
        rows={6}
        value={text}
        onChange={(ev) => setText(ev.target.value)}
        className="mt-1 block w-full rounded-lg border border-slate-400 bg-white p-2 dark:border-slate-500 dark:bg-slate-900"
      />
      <div className="mt-2 flex flex-wrap items-center gap-3">
        <button
          type="button"
          disabled={busy}
          onClick={() => run(() => read(text))}
          className="min-h-11 rounded-lg bg-blue-700 px-3 py-2 text-sm font-medium text-white disabled:opacity-60 dark:bg-blue-300 dark:text-slate-950"
        >
          {busy ? t("reading") : t("read")}
        </button>
        <label htmlFor={ids.pdf} className="text-sm font-medium">
          {t("pdf")}
        </label>
        <input
          id={ids.pdf}
          type="file"
          name="announcement-pdf"
          accept="application/pdf,.pdf"
          disabled={busy}
          onChange={(ev) => {
            const file = ev.target.files?.[0];
            if (file) void run(() => readPdf(file));
          }}
          className="text-sm"
        />
      </div>
      <p
        role={message?.error ? "alert" : "status"}
        data-testid="paste-status"
        className={`mt-2 text-sm ${message?.error ? "font-medium text-red-800 dark:text-red-300" : ""}`}
      >
        {message?.text ?? ""}
      </p>
    </details>
  );
}
