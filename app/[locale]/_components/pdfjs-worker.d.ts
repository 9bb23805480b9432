// pdf.js's worker module, imported on the page's thread (pdf-text.ts); it ships no types of its own.
declare module "pdfjs-dist/legacy/build/pdf.worker.mjs" {
  export const WorkerMessageHandler: unknown;
}
