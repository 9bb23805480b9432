import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, it } from "vitest";

const files = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? files(join(dir, d.name)) : [join(dir, d.name)]));

it("no server secret or server-only module reaches the browser bundle or the service worker", () => {
  const client = [...files(".next/static").filter((f) => f.endsWith(".js")), "public/sw.js"];
  expect(client.length).toBeGreaterThan(5);
  const forbidden = ["VAPID_PRIVATE_KEY", "privateKey", "maxRetriesPerRequest", "bullmq", "sendNotification", "REDIS_URL"];
  for (const file of client) {
    const text = readFileSync(file, "utf8");
    for (const word of forbidden) expect(text.includes(word), `${word} in ${file}`).toBe(false);
  }
});
