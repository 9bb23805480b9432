import "server-only";
import { DelayedError, type Job, UnrecoverableError, Worker } from "bullmq";
import type { Clock } from "../../clock";
import { isLead, shorterLeads } from "../../schedule/leads";
import { deliverableReminders, milestoneTime, reminderTime } from "../../schedule/reminders";
import { reminderPayload } from "../push/payload";
import { topicFor, ttlSeconds, urgencyFor } from "../push/push-options";
import type { PushSender, SendOutcome } from "../push/sender";
import { earlyStartMs } from "./early";
import type { EventSource, ReminderEvent, ReminderMilestone } from "./events";
import type { SentLedger } from "./ledger";
import { errorMessage, type Log } from "./log";
import type { Pace } from "./pace";
import {
  type DeliverData,
  deliverPageJobId,
  type EnsureResult,
  ensureFanOut,
  type FanOutData,
  JOB,
  type PageTally,
  type ReminderQueues,
  type ReminderRefData,
} from "./queues";
import { type StoredSubscription, type SubscriptionStore, wantsReminder } from "./store";

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
  /** How many sends of one page run at once (the deliver worker runs DELIVER_PAGES_AT_ONCE pages). */
  sendConcurrency: number;
  /** The push request timeout (PUSH_TIMEOUT_MS): a send claim must outlive it. */
  sendTimeoutMs: number;
  /** The job lock (WORKER_LOCK_MS): a job is only taken over after this long without a sign of life. */
  lockMs: number;
  /** Forgets a stored custom event whose dates have all passed. */
  forgetEvent?: (event: string) => Promise<void>;
  /** The fleet's measured delivery rate: when a fan-out starts, and each page's share of the measurement. */
  pace: Pace;
  /** Pauses the whole deliver queue for this long (a push service's Retry-After). */
  rateLimit: (ms: number) => Promise<void>;
}

/** A send claim outlives the send's own timeout by at least this much (encryption, the ledger write), or by the job lock. */
const CLAIM_MARGIN_MS = 5000;

/**
 * Subscribers per deliver job: large enough that BullMQ's job life is paid once per hundred messages, small
 * enough that several workers share a fan-out and a retried page is short.
 */
export const DELIVER_PAGE_SIZE = 100;

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
 * Pages through the event's subscribers (SSCAN, set after set when they are spread over several) and enqueues
 * one deliver job per page of subscribers who asked for this reminder. The set and cursor are saved on the job
 * after each page, so a fan-out cut short (worker killed) resumes where it was; a page enqueued twice is
 * harmless because deliver job ids are deterministic.
 */
async function fanOut(deps: PipelineDeps, job: Job<FanOutData>, token: string | undefined): Promise<string> {
  const ref: ReminderRefData = { event: job.data.event, milestone: job.data.milestone, lead: job.data.lead };
  const found = await findMilestone(deps, ref);
  if (!found) return "skipped: unknown reminder";
  const now = deps.clock.now();
  const due = reminderTime(found.milestone, ref.lead);
  if (now >= milestoneTime(found.milestone)) return "skipped: milestone passed";
  // Done when marked so; release 2 marked a finished fan-out by cursor "0" alone, before sets had numbers. (A
  // saved shard with cursor "0" is that set's start, still to scan.)
  if (job.data.done === true || (job.data.cursor === "0" && job.data.shard === undefined)) return "done earlier";
  if (job.data.cursor === undefined && now < due - EARLY_TOLERANCE_MS) {
    // Not started yet: start as early as the subscribers and the fleet's measured rate need (none early for a
    // small one), never more than EARLIEST_SHARE of the lead before the due time.
    const [subscribers, rate] = await Promise.all([deps.store.countSubscribers(ref.event), deps.pace.rate()]);
    const startAt = due - earlyStartMs(subscribers, rate, ref.lead);
    if (now < startAt - EARLY_TOLERANCE_MS && token) {
      await job.moveToDelayed(Date.now() + (startAt - now), token);
      throw new DelayedError();
    }
    if (startAt < due) deps.log("info", "fan-out starting early", { job: job.id, ...ref, subscribers, rate, earlyMs: due - now });
  }
  let shard = job.data.shard ?? 0;
  let cursor = job.data.cursor ?? "0";
  let runId = job.data.runId;
  let enqueued = 0;
  let pages = 0;
  let unconfirmed = 0;
  for (;;) {
    // SSCAN cursors are positions in a hash table that a restarted Redis (or a replica taking over) rebuilds
    // with a new seed: then scan that set again from the start (pages enqueued twice are harmless:
    // deterministic ids and the ledger).
    const currentRunId = await deps.store.scanRunId(ref.event, shard);
    if (runId !== undefined && runId !== currentRunId && cursor !== "0") {
      deps.log("warn", "redis restarted during the fan-out; scanning again from the start", { job: job.id, ...ref, shard });
      cursor = "0";
    }
    runId = currentRunId;
    const page = await deps.store.scanWanting(ref.event, ref.milestone, ref.lead, cursor, deps.fanOutPageSize, shard);
    if (page.ids.length > 0) {
      // One deliver job per page of subscribers: BullMQ's job life (~50 commands) is paid once per page.
      const chunks: string[][] = [];
      for (let i = 0; i < page.ids.length; i += DELIVER_PAGE_SIZE) chunks.push(page.ids.slice(i, i + DELIVER_PAGE_SIZE));
      // With several sets, a page names its set: its ledger keys are tagged by it (one slot per script).
      const from = deps.store.shards > 1 ? { shard } : {};
      await deps.queues.deliver.addBulk(
        chunks.map((subscriptions) => ({
          name: JOB.deliver,
          data: { ...ref, ...from, subscriptions },
          opts: { jobId: deliverPageJobId(subscriptions, ref) },
        })),
      );
      enqueued += page.ids.length;
      pages += chunks.length;
      // On a Cluster, the pages reach a replica before the fan-out saves a position past them.
      if ((await deps.queues.deliverReplicated()) === 0) unconfirmed += chunks.length;
    }
    cursor = page.cursor;
    if (cursor === "0") {
      // The end of this set, unless Redis restarted under this last page: then the set is scanned again.
      if ((await deps.store.scanRunId(ref.event, shard)) !== runId) {
        deps.log("warn", "redis restarted during the fan-out; scanning again from the start", { job: job.id, ...ref, shard });
        runId = undefined;
        continue;
      }
      if (shard + 1 >= deps.store.shards) break;
      shard++;
      runId = undefined;
    }
    await job.updateData({ ...job.data, shard, cursor, runId });
  }
  await job.updateData({ ...job.data, shard, cursor: "0", runId, done: true });
  deps.log("info", "fan-out done", { job: job.id, ...ref, enqueued, pages });
  if (unconfirmed > 0) deps.log("warn", "no replica confirmed some deliver pages in time", { job: job.id, ...ref, pages: unconfirmed });
  return `enqueued ${enqueued}`;
}

/** How a subscription's delivery ended in this attempt; undefined while it is still to do (retry, 429, claimed elsewhere). */
type Settled =
  | { kind: "sent" }
  | { kind: "skipped"; reason: string }
  | { kind: "removed"; status: number }
  | { kind: "rejected"; reason: string };

function emptyTally(): PageTally {
  return { sent: 0, skipped: {}, removed: [], rejected: {} };
}

function addTo(tally: PageTally, id: string, settled: Settled): void {
  if (settled.kind === "sent") tally.sent++;
  else if (settled.kind === "skipped") tally.skipped[settled.reason] = (tally.skipped[settled.reason] ?? 0) + 1;
  else if (settled.kind === "removed") tally.removed.push(id);
  else tally.rejected[id] = settled.reason;
}

/** A one-subscription job's result, as release 1 wrote it. */
function describe(settled: Settled): string {
  switch (settled.kind) {
    case "sent":
      return "sent";
    case "skipped":
      return `skipped: ${settled.reason}`;
    case "removed":
      return `subscription removed: push service answered ${settled.status}`;
    case "rejected":
      return settled.reason;
  }
}

/** Runs `work` over `items`, at most `limit` at once; stops starting new ones once `stop()` says so. */
async function eachLimited<T>(items: readonly T[], limit: number, stop: () => boolean, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < items.length && !stop()) {
      const item = items[next++] as T;
      await work(item);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, lane));
}

/**
 * One reminder to a page of subscribers (or to one). Skips, per subscriber, what must not be sent (gone, no
 * longer wanted, already sent, its milestone passed, due before the subscription was made, or superseded by a
 * later reminder that is also due). Claims the page's sends in one script ("sent already? else claim"), sends
 * to those claimed (`sendConcurrency` at once) and records each send as the push service accepts it. What is
 * left to do (5xx, timeout, 429, a send claimed by another run) stays in the job's `pending` for the next
 * attempt: a retry sends only to those not yet sent. Throws to retry with backoff (5xx, timeout), the
 * rate-limit error to wait for Retry-After without spending an attempt (429), and for a one-subscription job
 * UnrecoverableError on another 4xx (in a page, a refused subscriber is counted and the others go on).
 */
export async function deliver(deps: PipelineDeps, job: Job<DeliverData>, token?: string): Promise<string> {
  const startedAt = Date.now();
  const { subscription, subscriptions, pending: pendingBefore, tally: tallyBefore, ...ref } = job.data;
  const single = subscriptions === undefined;
  const all = subscriptions ?? (subscription ? [subscription] : []);
  const pending = pendingBefore ?? all;
  const settled = new Map<string, Settled>();
  const skipAll = (reason: string) => {
    for (const id of pending) settled.set(id, { kind: "skipped", reason });
  };
  let retryReason: string | undefined;
  let rateLimitMs = 0;
  let busyRetryMs: number | undefined;

  const found = await findMilestone(deps, ref);
  const now = deps.clock.now();
  if (!found) skipAll("unknown reminder");
  else if (now >= milestoneTime(found.milestone)) skipAll("milestone passed");
  else {
    const milestoneMs = milestoneTime(found.milestone);
    const subs = new Map((await deps.store.getMany(pending)).map((sub, i) => [pending[i] as string, sub]));
    const eligible: string[] = [];
    for (const id of pending) {
      const sub = subs.get(id);
      const selection = sub && Object.hasOwn(sub.selections, ref.event) ? sub.selections[ref.event] : undefined;
      if (!sub) settled.set(id, { kind: "skipped", reason: "subscription gone" });
      else if (!selection || !wantsReminder(sub, ref.event, ref.milestone, ref.lead))
        settled.set(id, { kind: "skipped", reason: "no longer wanted" });
      // The API promised only the reminders still ahead when this event's selection was made.
      else if (reminderTime(found.milestone, ref.lead) <= selection.createdAt)
        settled.set(id, { kind: "skipped", reason: "due before the subscription" });
      // After an outage several reminders for one milestone can be due at once: send only the latest one.
      else if (shorterLeads(ref.lead).some((l) => selection.leads.includes(l) && reminderTime(found.milestone, l) <= now))
        settled.set(id, { kind: "skipped", reason: "superseded" });
      else eligible.push(id);
    }
    const claim = await deps.ledger.claimPage(eligible, ref, deps.sendTimeoutMs + Math.max(CLAIM_MARGIN_MS, deps.lockMs));
    for (const id of claim.sent) settled.set(id, { kind: "skipped", reason: "already sent" });
    if (claim.busy.length > 0) busyRetryMs = claim.retryInMs;

    const message = (sub: StoredSubscription) => ({
      payload: reminderPayload(found.event, found.milestone, ref.lead, sub.locale, now),
      ttlSeconds: ttlSeconds(milestoneMs, now),
      urgency: urgencyFor(milestoneMs, now),
      topic: topicFor(found.event.id, found.milestone.id),
    });
    const unsent: string[] = [];
    const started = new Set<string>();
    await eachLimited(
      claim.claimed,
      deps.sendConcurrency,
      () => rateLimitMs > 0,
      async (id) => {
        started.add(id);
        const sub = subs.get(id) as StoredSubscription;
        let outcome: SendOutcome;
        try {
          outcome = await deps.sender.send(sub, message(sub));
        } catch (error) {
          outcome = { kind: "retryable", reason: errorMessage(error) };
        }
        if (outcome.kind === "delivered") {
          await deps.ledger.record(id, ref, claim.token);
          settled.set(id, { kind: "sent" });
          return;
        }
        unsent.push(id);
        if (outcome.kind === "gone") {
          await deps.store.removeGone(id, sub.endpoint);
          settled.set(id, { kind: "removed", status: outcome.status });
        } else if (outcome.kind === "rejected") settled.set(id, { kind: "rejected", reason: outcome.reason });
        else if (outcome.kind === "rate-limited") rateLimitMs = Math.max(rateLimitMs, outcome.retryAfterMs);
        else retryReason ??= outcome.reason;
      },
    );
    // Claims of sends that failed or never started (after a 429) are given back for the next attempt.
    await deps.ledger.release([...unsent, ...claim.claimed.filter((id) => !started.has(id))], ref, claim.token);
  }

  if (settled.size > 0) await deps.pace.pageDone(ref, settled.size, startedAt, Date.now());
  const tally = tallyBefore ? structuredClone(tallyBefore) : emptyTally();
  for (const [id, s] of settled) addTo(tally, id, s);
  const remaining = pending.filter((id) => !settled.has(id));
  if (single && remaining.length === 0) {
    const only = settled.get(all[0] as string);
    if (only?.kind === "rejected") throw new UnrecoverableError(only.reason);
    return only ? describe(only) : "skipped: no subscription";
  }
  if (remaining.length > 0) {
    await job.updateData({ ...job.data, pending: remaining, tally });
    if (rateLimitMs > 0) {
      await deps.rateLimit(rateLimitMs);
      throw Worker.RateLimitError();
    }
    if (retryReason !== undefined) throw new Error(`${remaining.length} of ${all.length} not sent yet: ${retryReason}`);
    // Only sends claimed by another run are left: look again once it has finished (or its claim expired).
    if (!token) throw new Error("delivery in flight elsewhere");
    await job.moveToDelayed(Date.now() + (busyRetryMs ?? 1000), token);
    throw new DelayedError();
  }
  return JSON.stringify({ subscribers: all.length, ...tally });
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
