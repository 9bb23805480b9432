/**
 * The local push service (test/support/push-service.ts) in a process of its own, so that its TLS, decryption
 * and VAPID checks use their own core instead of the benchmark's event loop, and its CPU can be read on its
 * own. Started by push-process.ts; streams every request it answers back over IPC as compact receipts.
 */
import { startPushService } from "../../test/support/push-service";
import type { FromRunner, Receipt, ToRunner } from "./push-protocol";

const CHUNK = 2000;
const POLL_MS = 200;
/** A request still unanswered after this long (the service was told to hang) is reported with status 0. */
const UNANSWERED_MS = 30_000;

const send = (message: FromRunner) => process.send?.(message);
const push = await startPushService();
let reported = 0;

function payloadTag(payload: string | undefined): string {
  if (payload === undefined) return "";
  try {
    const p = JSON.parse(payload) as { milestone?: unknown; lead?: unknown };
    return `${String(p.milestone)}/${String(p.lead)}`;
  } catch {
    return "";
  }
}

/** Sends the requests answered since the last report, in arrival order. */
function report(flushAll: boolean): void {
  const all = push.requests();
  const receipts: Receipt[] = [];
  const now = Date.now();
  while (reported < all.length) {
    const r = all[reported];
    if (!r) break;
    if (r.status === undefined && !flushAll && now - r.receivedAt < UNANSWERED_MS) break;
    receipts.push([r.subscription, r.receivedAt, r.status ?? 0, payloadTag(r.payload), r.vapid?.signatureValid ? 1 : 0]);
    // The service keeps every request for the tests' assertions; at 100,000 messages the headers and
    // decrypted payloads would be most of this process's memory, and they have been read now.
    r.headers = {};
    r.payload = undefined;
    r.vapid = undefined;
    reported++;
  }
  for (let i = 0; i < receipts.length; i += CHUNK) send({ type: "receipts", receipts: receipts.slice(i, i + CHUNK) });
}

const timer = setInterval(() => report(false), POLL_MS);

let closing = false;
async function close(): Promise<void> {
  if (closing) return;
  closing = true;
  clearInterval(timer);
  await push.close();
  process.exit(0);
}

process.on("message", (message: ToRunner) => {
  if (message.type === "subscribe") {
    for (let done = 0; done < message.count; done += CHUNK) {
      const n = Math.min(CHUNK, message.count - done);
      send({ type: "subscriptions", subscriptions: Array.from({ length: n }, () => push.subscribe()), last: done + n >= message.count });
    }
    if (message.count === 0) send({ type: "subscriptions", subscriptions: [], last: true });
  } else if (message.type === "flush") {
    report(true);
    send({ type: "flushed" });
  } else {
    void close();
  }
});
// The benchmark went away (crashed or killed): do not outlive it.
process.on("disconnect", () => void close());
send({ type: "ready", origin: push.origin, hostPort: push.hostPort, caFile: push.caFile });
