/**
 * The baseline: a plain loop calling web-push's sendNotification (which encrypts and signs a VAPID token for
 * every message) with a keep-alive HTTPS agent trusting the push service's certificate, `concurrency` sends
 * in flight. Run as its own process, like the worker, so both are measured the same way.
 * Usage: baseline-runner.ts <input.json>; prints one JSON line (BaselineOutput).
 */
import { readFileSync } from "node:fs";
import { Agent } from "node:https";
import webpush from "web-push";
import type { BaselineInput, BaselineOutput } from "./baseline-protocol";

const input = JSON.parse(readFileSync(process.argv[2] ?? "", "utf8")) as BaselineInput;
const agent = new Agent({ keepAlive: true, maxSockets: input.concurrency, ca: readFileSync(input.caFile, "utf8") });
let next = 0;
let sent = 0;
let failed = 0;
let firstError: string | undefined;

async function lane(): Promise<void> {
  while (next < input.targets.length) {
    const target = input.targets[next++];
    if (!target) break;
    try {
      await webpush.sendNotification(target, input.payloads[target.locale] ?? "", {
        TTL: input.ttlSeconds,
        urgency: input.urgency,
        topic: input.topic,
        contentEncoding: "aes128gcm",
        vapidDetails: input.vapid,
        agent,
        timeout: input.timeoutMs,
      });
      sent++;
    } catch (error) {
      failed++;
      firstError ??= (error as Error).message;
    }
  }
}

const start = performance.now();
await Promise.all(Array.from({ length: input.concurrency }, lane));
const output: BaselineOutput = { sent, failed, seconds: (performance.now() - start) / 1000, ...(firstError ? { firstError } : {}) };
agent.destroy();
process.stdout.write(`${JSON.stringify(output)}\n`);
