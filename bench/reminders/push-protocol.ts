/** Messages between a benchmark and its push-service process (bench/reminders/push-runner.ts), over Node IPC. */
import type { FakeSubscription } from "../../test/support/push-service";

/**
 * One request the push service received: [push subscription id, receivedAt (epoch ms), status answered,
 * "<milestone>/<lead>" from the decrypted payload ("" when it did not decrypt), 1 if the VAPID token verified].
 */
export type Receipt = [subscription: string, receivedAt: number, status: number, payloadTag: string, vapidOk: 0 | 1];

export type ToRunner = { type: "subscribe"; count: number } | { type: "flush" } | { type: "close" };

export type FromRunner =
  | { type: "ready"; origin: string; hostPort: string; caFile: string }
  | { type: "subscriptions"; subscriptions: FakeSubscription[]; last: boolean }
  | { type: "receipts"; receipts: Receipt[] }
  /** Every request received so far has been reported (messages arrive in order). */
  | { type: "flushed" };
