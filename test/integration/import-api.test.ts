import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, inject, it } from "vitest";
import { loadFixtures } from "@/bench/import-score";
import { runScript } from "../support/run-script";

const base = () => inject("webUrl");
const dir = new URL("../fixtures/announcements/", import.meta.url);
const fixture = (name: string) => readFileSync(new URL(name, dir));

interface Run {
  code: number;
  stdout: string;
}

/** `npm run --silent import -- ARG` as a user runs it (through tsx, without npm's banner), stdin optional. */
function importCli(arg: string, stdin?: Uint8Array): Promise<Run> {
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      ["--import", "tsx", "scripts/import.ts", arg],
      { encoding: "utf8", maxBuffer: 16 * 1024 * 1024 },
      (error, stdout) => resolve({ code: error ? (typeof error.code === "number" ? error.code : 1) : 0, stdout }),
    );
    child.stdin?.end(stdin ?? undefined);
  });
}

const post = (body: BodyInit, type = "text/plain; charset=utf-8") =>
  fetch(`${base()}/api/v1/import`, { method: "POST", body, headers: { "content-type": type } });

describe("POST /api/v1/import and the CLI give the same JSON", () => {
  for (const name of ["jlmag-2023-hkex-en.txt", "cimc-2025-correction-hant.txt", "daqin-2024-a-notice-hans.txt"]) {
    it(name, async () => {
      const path = new URL(name, dir).pathname;
      const [res, cli] = await Promise.all([post(fixture(name)), importCli(path)]);
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toContain("application/json");
      expect(cli.code).toBe(0);
      expect(`${await res.text()}\n`).toBe(cli.stdout);
    });
  }

  it("reads a PDF (the CLI) to the same fields as its text", async () => {
    const cli = await importCli(new URL("shanghai-dazhong-2019-h-en.pdf", dir).pathname);
    expect(cli.code).toBe(0);
    const fields = JSON.parse(cli.stdout).fields as Record<string, { value: string }>;
    expect(fields.hLodge?.value).toBe("2019-06-17T16:30+08:00");
    expect(fields.hCloseFrom?.value).toBe("2019-06-18");
    expect(fields.hEx?.value).toBe("2019-06-14");
  });

  it("takes text on stdin with -", async () => {
    const cli = await importCli("-", fixture("goldwind-2020-h-en.txt"));
    expect(cli.code).toBe(0);
    expect(JSON.parse(cli.stdout).fields.hRate.value).toBe("0.91431");
  });
});

describe("bad input gets a clear error, never a 500", () => {
  it("empty, no terms, binary: 400 and exit 2 with the same code", async () => {
    const cases: [Uint8Array<ArrayBuffer>, string][] = [
      [new Uint8Array(), "import_empty"],
      [new Uint8Array(new TextEncoder().encode("Nothing to see here.")), "import_no_terms"],
      [new Uint8Array([0x00, 0xff, 0x10, 0x80, 0x00]), "import_binary"],
    ];
    for (const [body, code] of cases) {
      const [res, cli] = await Promise.all([post(body), importCli("-", body)]);
      expect(res.status, code).toBe(400);
      expect((await res.json()).error.code).toBe(code);
      expect(cli.code, code).toBe(2);
      expect(JSON.parse(cli.stdout).error.code).toBe(code);
    }
  });

  it("10 MB: 413 (also chunked, without Content-Length) and exit 2", async () => {
    const big = new Uint8Array(10 * 1024 * 1024).fill(0x41);
    const res = await post(big);
    expect(res.status).toBe(413);
    expect((await res.json()).error.code).toBe("import_too_large");
    const stream = new ReadableStream({
      start(c) {
        for (let i = 0; i < 40; i++) c.enqueue(new Uint8Array(64 * 1024).fill(0x42));
        c.close();
      },
    });
    const chunked = await fetch(`${base()}/api/v1/import`, {
      method: "POST",
      body: stream,
      headers: { "content-type": "text/plain; charset=utf-8" },
      duplex: "half",
    } as RequestInit);
    expect(chunked.status).toBe(413);
    const tmp = mkdtempSync(join(tmpdir(), "import-"));
    writeFileSync(join(tmp, "big.txt"), big);
    const cli = await importCli(join(tmp, "big.txt"));
    expect(cli.code).toBe(2);
    expect(JSON.parse(cli.stdout).error.code).toBe("import_too_large");
  });

  it("415 for anything but text/plain in UTF-8", async () => {
    for (const type of ["application/json", "text/plain; charset=iso-8859-1", "application/pdf"]) {
      const res = await post("Record date: 3 July 2023", type);
      expect(res.status, type).toBe(415);
      expect((await res.json()).error.code).toBe("unsupported_media_type");
    }
  });

  it("a PDF without text, and a file that is not a PDF: exit 2", async () => {
    const tmp = mkdtempSync(join(tmpdir(), "import-"));
    const blank =
      "%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n";
    writeFileSync(join(tmp, "blank.pdf"), blank, "latin1");
    const noText = await importCli(join(tmp, "blank.pdf"));
    expect(noText.code).toBe(2);
    expect(JSON.parse(noText.stdout).error.code).toBe("import_pdf_no_text");
    writeFileSync(join(tmp, "broken.pdf"), "%PDF-1.4\nthis is not a pdf body\n");
    const broken = await importCli(join(tmp, "broken.pdf"));
    expect(broken.code).toBe(2);
    expect(["import_pdf_invalid", "import_pdf_no_text"]).toContain(JSON.parse(broken.stdout).error.code);
    const missing = await importCli(join(tmp, "nope.txt"));
    expect(missing.code).toBe(2);
    expect(JSON.parse(missing.stdout).error.code).toBe("import_unreadable");
  });
});

describe("bench:import runs (figures live in BENCHMARKS.md, never asserted here)", () => {
  it("prints precision, recall and time per document", async () => {
    const run = await runScript("bench:import", ["--rounds", "1"]);
    expect(run.code, run.output).toBe(0);
    expect(run.last).toMatchObject({ bench: "import" });
    expect(run.last.fixtures as number).toBeGreaterThanOrEqual(20);
    expect(typeof run.last.precision).toBe("number");
    expect(typeof run.last.recall).toBe("number");
    expect(typeof run.last.msPerTextDocument).toBe("number");
  }, 120_000);

  it("scores another manifest (a held-out batch's first run) with --fixtures", async () => {
    const seed = loadFixtures().find((f) => f.file === "jlmag-2023-hkex-en.txt");
    const manifest = join(mkdtempSync(join(tmpdir(), "entitle-batch-")), "batch-pending.json");
    writeFileSync(manifest, JSON.stringify({ fixtures: [seed] }));
    const run = await runScript("bench:import", ["--rounds", "1", "--fixtures", manifest]);
    expect(run.code, run.output).toBe(0);
    expect(run.last).toMatchObject({ bench: "import", fixtures: 1 });
    // The run reads this manifest only: one document, the terms its entry states.
    expect(run.last.stated).toBe(Object.keys(seed?.expected ?? {}).length);
  }, 120_000);
});
