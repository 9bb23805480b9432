import "server-only";
import { DelayedError, type Job, UnrecoverableError, Worker } from "bullmq";
import type { Clock } from "../../clock";
import { isLead, shorterLeads } from "../../schedule/leads";
import { deliverableReminders, milestoneTime, reminderTime } from "../../schedule/reminders";
import { reminderPayload } from "../push/payload";
import { topicFor, ttlSeconds, urgencyFor } from "../push/push-options";
import type { PushSender, SendOutcome } from "../push/sender";
import type { EventSource, ReminderEvent, ReminderMilestone } from "./events";
import type { SentLedger } from "./ledger";
import type { Log } from "./log";
import {
  type DeliverData,
  deliverJobId,
  type EnsureResult,
  ensureFanOut,
  type FanOutData,
  JOB,
  type ReminderQueues,
  type ReminderRefData,
} from "./queues";
import { type SubscriptionStore, wantsReminder } from "./store";

/** Everything the pipeline reads and writes, passed in so that tests and the worker wire the same code. */
export interface PipelineDeps {
  /** The catalog and the stored custom events. */
  events: EventSource;
  clock: Clock;
  store: SubscriptionStore;
  ledger: SentLedger;
  queues: ReminderQueues;
  sender: PushSender;
  log: Log;
  fanOutPageSize: number;
  /** The push request timeout (PUSH_TIMEOUT_MS): a send claim must outlive it. */
  sendTimeoutMs: number;
  /** The job lock (WORKER_LOCK_MS): a job is only taken over after this long without a sign of life. */
  lockMs: number;
  /** Forgets a stored custom event whose dates have all passed. */
  forgetEvent?: (event: string) => Promise<void>;
  /** Pauses the whole deliver queue for this long (a push service's Retry-After). */
  rateLimit: (ms: number) => Promise<void>;
}

/** A send claim outlives the send's own timeout by at least this much (encryption, the ledger write), or by the job lock. */
const CLAIM_MARGIN_MS = 5000;

/** A fan-out that runs more than this before its time re-delays itself (the app clock moved back). */
const EARLY_TOLERANCE_MS = 1000;

async function findMilestone(
  deps: PipelineDeps,
  ref: ReminderRefData,
): Promise<{ event: ReminderEvent; milestone: ReminderMilestone } | undefined> {
  const event = await deps.events.get(ref.event);
  const milestone = event?.milestones.find((m) => m.id === ref.milestone && m.remindable);
  return event && milestone && isLead(ref.lead) ? { event, milestone } : undefined;
}

/**
 * For every reminder whose milestone is still ahead, in the catalog and in every stored custom event, make sure
 * its fan-out job exists and is due on time. A custom event with no date left ahead is forgotten.
 */
export async function reconcile(
  deps: Pick<PipelineDeps, "events" | "clock" | "queues"> & { forget?: (event: string) => Promise<void> },
): Promise<Record<EnsureResult, number>> {
  const counts: Record<EnsureResult, number> = { added: 0, exists: 0, advanced: 0, retried: 0 };
  const now = deps.clock.now();
  for (const event of await deps.events.list()) {
    const reminders = deliverableReminders(event, {}, now);
    if (reminders.length === 0 && event.terms !== undefined && deps.forget) {
      if (!event.milestones.some((m) => Date.parse(m.at) > now)) await deps.forget(event.id);
      continue;
    }
    for (const reminder of reminders) {
      counts[await ensureFanOut(deps.queues.fanOut, reminder, deps.clock)]++;
    }
  }
  return counts;
}

/**
 * Pages through the event's subscribers (SSCAN) and enqueues one deliver job per subscriber who asked for
 * this reminder. The cursor is saved on the job after each page, so a fan-out cut short (worker killed)
 * resumes where it was; a page enqueued twice is harmless because deliver job ids are deterministic.
 */
async function fanOut(deps: PipelineDeps, job: Job<FanOutData>, token: string | undefined): Promise<string> {
  const ref: ReminderRefData = { event: job.data.event, milestone: job.data.milestone, lead: job.data.lead };
  const found = await findMilestone(deps, ref);
  if (!found) return "skipped: unknown reminder";
  const now = deps.clock.now();
  const due = reminderTime(found.milestone, ref.lead);
  if (now >= milestoneTime(found.milestone)) return "skipped: milestone passed";
  if (now < due - EARLY_TOLERANCE_MS && token) {
    await job.moveToDelayed(Date.now() + (due - now), token);
    throw new DelayedError();
  }
  if (job.data.cursor === "0") return "done earlier";
  let cursor = job.data.cursor ?? "0";
  let runId = job.data.runId;
  let enqueued = 0;
  for (;;) {
    // SSCAN cursors are positions in a hash table that a restarted Redis rebuilds with a new seed: after a
    // restart, start the scan again (pages enqueued twice are harmless: deterministic ids and the ledger).
    const currentRunId = await deps.store.serverRunId();
    if (runId !== undefined && runId !== currentRunId && cursor !== "0") {
      deps.log("warn", "redis restarted during the fan-out; scanning again from the start", { job: job.id, ...ref });
      cursor = "0";
    }
    runId = currentRunId;
    const page = await deps.store.scanWanting(ref.event, ref.milestone, ref.lead, cursor, deps.fanOutPageSize);
    if (page.ids.length > 0) {
      await deps.queues.deliver.addBulk(
        page.ids.map((subscription) => ({
          name: JOB.deliver,
          data: { ...ref, subscription },
          opts: { jobId: deliverJobId(subscription, ref) },
        })),
      );
      enqueued += page.ids.length;
    }
    cursor = page.cursor;
    if (cursor === "0") {
      // The end of the set, unless Redis restarted under this last page: then the whole scan is redone.
      if ((await deps.store.serverRunId()) === runId) break;
      deps.log("warn", "redis restarted during the fan-out; scanning again from the start", { job: job.id, ...ref });
      runId = undefined;
      continue;
    }
    await job.updateData({ ...job.data, cursor, runId });
  }
  await job.updateData({ ...job.data, cursor: "0", runId });
  deps.log("info", "fan-out done", { job: job.id, ...ref, enqueued });
  return `enqueued ${enqueued}`;
}

/**
 * One reminder to one subscription. Skips what must not be sent (gone, no longer wanted, already sent, its
 * milestone passed, due before the subscription was made, or superseded by a later reminder that is also
 * due). Claims the send (one run at a time), sends, and records it in the ledger once the push service
 * accepted it. Throws to retry (5xx, timeout), UnrecoverableError to stop (other 4xx), and the rate-limit
 * error to wait for Retry-After without spending an attempt (429).
 */
export async function deliver(deps: PipelineDeps, job: Job<DeliverData>, token?: string): Promise<string> {
  const { subscription: id, ...ref } = job.data;
  const sub = await deps.store.get(id);
  if (!sub) return "skipped: subscription gone";
  const selection = Object.hasOwn(sub.selections, ref.event) ? sub.selections[ref.event] : undefined;
  if (!selection || !wantsReminder(sub, ref.event, ref.milestone, ref.lead)) return "skipped: no longer wanted";
  const found = await findMilestone(deps, ref);
  if (!found) return "skipped: unknown reminder";
  const now = deps.clock.now();
  const milestoneMs = milestoneTime(found.milestone);
  if (now >= milestoneMs) return "skipped: milestone passed";
  // The API promised only the reminders still ahead when this event's selection was made.
  if (reminderTime(found.milestone, ref.lead) <= selection.createdAt) return "skipped: due before the subscription";
  // After an outage several reminders for one milestone can be due at once: send only the latest one.
  if (shorterLeads(ref.lead).some((l) => selection.leads.includes(l) && reminderTime(found.milestone, l) <= now))
    return "skipped: superseded";
  if (await deps.ledger.has(id, ref)) return "skipped: already sent";
  const claim = await deps.ledger.claim(id, ref, deps.sendTimeoutMs + Math.max(CLAIM_MARGIN_MS, deps.lockMs));
  if (!claim.ok) {
    // Another run of this delivery is sending right now: look again once its claim has expired.
    if (!token) throw new Error("delivery in flight elsewhere");
    await job.moveToDelayed(Date.now() + claim.retryInMs, token);
    throw new DelayedError();
  }
  // Checked again under the claim: a run that finished between the first check and the claim has recorded
  // (the record drops the claim in the same transaction).
  if (await deps.ledger.has(id, ref)) {
    await deps.ledger.release(id, ref, claim.token);
    return "skipped: already sent";
  }

  let outcome: SendOutcome;
  try {
    outcome = await deps.sender.send(sub, {
      payload: reminderPayload(found.event, found.milestone, ref.lead, sub.locale, now),
      ttlSeconds: ttlSeconds(milestoneMs, now),
      urgency: urgencyFor(milestoneMs, now),
      topic: topicFor(found.event.id, found.milestone.id),
    });
  } catch (error) {
    await deps.ledger.release(id, ref, claim.token);
    throw error;
  }
  if (outcome.kind === "delivered") {
    await deps.ledger.record(id, ref);
    return "sent";
  }
  await deps.ledger.release(id, ref, claim.token);
  switch (outcome.kind) {
    case "gone":
      await deps.store.removeGone(id, sub.endpoint);
      return `subscription removed: push service answered ${outcome.status}`;
    case "rate-limited":
      await deps.rateLimit(outcome.retryAfterMs);
      throw Worker.RateLimitError();
    case "retryable":
      throw new Error(outcome.reason);
    case "rejected":
      throw new UnrecoverableError(outcome.reason);
  }
}

/** The fan-out queue carries two kinds of job: the scheduler's reconcile runs and the fan-outs. */
export function fanOutQueueProcessor(deps: PipelineDeps) {
  return async (job: Job, token?: string): Promise<string> => {
    if (job.name === JOB.reconcile) {
      const counts = await reconcile({ ...deps, forget: deps.forgetEvent });
      if (counts.added + counts.advanced + counts.retried > 0) deps.log("info", "reconciled", counts);
      return JSON.stringify(counts);
    }
    return fanOut(deps, job as Job<FanOutData>, token);
  };
}

export function deliverQueueProcessor(deps: PipelineDeps) {
  return (job: Job<DeliverData>, token?: string): Promise<string> => deliver(deps, job, token);
}
