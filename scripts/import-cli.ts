/** The import CLI as a function (argv and stdin in, exit code and stdout out). */
import { readFile, stat } from "node:fs/promises";
import { checkText, IMPORT_ERRORS, type ImportErrorCode, importAnnouncement, importErrorBody, MAX_TEXT_BYTES } from "../lib/import/index";
import { looksLikePdf, MAX_PDF_BYTES, pdfText } from "./pdf-text";

export const IMPORT_HELP = `Entitle — read the terms and dates out of an announcement.

Usage:
  npm run --silent import -- FILE      a .txt (UTF-8) or .pdf announcement
  npm run --silent import -- -         the text on stdin

Prints one line of JSON: { terms, fields: { term: { value, quote } }, missing, warnings }.
Exit code 0 on success, 2 on bad input (the JSON then holds "error": { code, message }).
`;

export interface CliOutcome {
  code: 0 | 2;
  stdout: string;
}

const refuse = (code: ImportErrorCode, message: string = IMPORT_ERRORS[code]): CliOutcome => ({
  code: 2,
  stdout: `${JSON.stringify(importErrorBody(code, message))}\n`,
});

async function readAll(stream: NodeJS.ReadableStream, limit: number): Promise<Uint8Array | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const b = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string);
    size += b.byteLength;
    if (size > limit) return null;
    chunks.push(b);
  }
  return Buffer.concat(chunks);
}

export async function runImportCli(argv: string[], stdin: NodeJS.ReadableStream = process.stdin): Promise<CliOutcome> {
  if (argv.includes("--help") || argv.includes("-h")) return { code: 0, stdout: IMPORT_HELP };
  if (argv.length !== 1) return refuse("import_unreadable", "Give one FILE (.txt or .pdf), or - for stdin. Run with --help for usage.");
  const [target] = argv as [string];
  let bytes: Uint8Array | null;
  if (target === "-") {
    bytes = await readAll(stdin, MAX_PDF_BYTES);
    if (bytes === null) return refuse("import_too_large");
  } else {
    try {
      const info = await stat(target);
      if (!info.isFile()) return refuse("import_unreadable", `${target} is not a file.`);
      if (info.size > MAX_PDF_BYTES) return refuse("import_too_large");
      bytes = await readFile(target);
    } catch {
      return refuse("import_unreadable", `${target} could not be read.`);
    }
  }
  let text: string;
  if (looksLikePdf(bytes)) {
    const pdf = await pdfText(bytes);
    if (!pdf.ok) return refuse(pdf.code);
    text = pdf.text;
    if (Buffer.byteLength(text) > MAX_TEXT_BYTES) return refuse("import_too_large");
  } else {
    const checked = checkText(bytes);
    if (!checked.ok) return refuse(checked.code, checked.message);
    text = checked.text;
  }
  const outcome = importAnnouncement(text);
  if (!outcome.ok) return refuse(outcome.code, outcome.message);
  return { code: 0, stdout: `${JSON.stringify(outcome.result)}\n` };
}
