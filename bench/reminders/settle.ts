/**
 * Waits until the run is over: every subscriber has the reminder and nothing is left to deliver, or nothing is
 * left to deliver for a while even though some subscribers never got it (then they are counted as lost).
 */
import type { QueueWatch } from "./queue-watch";
import type { Scenario } from "./scenario";
import { sleep } from "./wait";

/** After the queues are empty, wait this long for stragglers and duplicates before counting. */
const GRACE_MS = 1500;
/** Queues empty and the fan-out done for this long, with subscribers still missing: they are lost. */
const IDLE_MS = 10_000;

export interface SettleOptions {
  timeoutMs: number;
  /** Called every poll, e.g. to check that the worker is still alive. */
  onTick?: () => Promise<void> | void;
}

export async function settle(scenario: Scenario, watch: QueueWatch, options: SettleOptions): Promise<{ timedOut: boolean }> {
  const deadline = Date.now() + options.timeoutMs;
  let idleSince: number | undefined;
  while (Date.now() < deadline) {
    await options.onTick?.();
    const drained = (await watch.fanOut()).state === "completed" && (await watch.pending()) === 0;
    if (drained && scenario.tally.unique >= scenario.tally.expected) break;
    idleSince = drained ? (idleSince ?? Date.now()) : undefined;
    if (idleSince !== undefined && Date.now() - idleSince > IDLE_MS) break;
    await sleep(200);
  }
  const timedOut = Date.now() >= deadline;
  await sleep(GRACE_MS);
  await scenario.push.flush();
  return { timedOut };
}
