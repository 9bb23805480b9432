/** Builds an empty Next.js page with this project's own Next and React, as the baseline for first-load JS. */
import { spawn, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";

/** The app is built inside this project (git-ignored .bench/) so Turbopack resolves the same node_modules. */
export function buildEmptyNextApp(): string {
  mkdirSync(".bench", { recursive: true });
  const dir = mkdtempSync(resolve(".bench/empty-next-"));
  mkdirSync(join(dir, "app"));
  writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "empty", private: true, type: "module" }));
  writeFileSync(
    join(dir, "app/layout.tsx"),
    'export default function L({ children }: { children: React.ReactNode }) { return <html lang="en"><body>{children}</body></html>; }\n',
  );
  writeFileSync(join(dir, "app/page.tsx"), "export default function P() { return <main>Hello</main>; }\n");
  writeFileSync(join(dir, "next.config.js"), "export default { typescript: { ignoreBuildErrors: true } };\n");
  writeFileSync(
    join(dir, "tsconfig.json"),
    JSON.stringify({
      compilerOptions: { jsx: "react-jsx", strict: true, module: "esnext", moduleResolution: "bundler", skipLibCheck: true },
    }),
  );
  const build = spawnSync(process.execPath, [resolve("node_modules/next/dist/bin/next"), "build"], {
    cwd: dir,
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
    encoding: "utf8",
  });
  if (build.status !== 0) throw new Error(`empty Next build failed:\n${build.stdout}\n${build.stderr}`);
  return dir;
}

/** Serves a built app with `next start` on a port; resolves once it answers. */
export async function serveNextApp(dir: string, port: number): Promise<{ url: string; stop(): void }> {
  const child = spawn(process.execPath, [resolve("node_modules/next/dist/bin/next"), "start", "-p", String(port), "-H", "127.0.0.1"], {
    cwd: dir,
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
    stdio: "ignore",
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    const up = await fetch(url).then(
      () => true,
      () => false,
    );
    if (up) break;
    if (Date.now() > deadline || child.exitCode !== null) throw new Error("the empty Next app did not start");
    await new Promise((r) => setTimeout(r, 200));
  }
  return { url, stop: () => child.kill("SIGTERM") };
}
