/**
 * What the push service received, per subscriber, in compact arrays (100,000 subscribers cost a few MB):
 * how many arrived, lost and duplicated, when each first arrived, and any message that did not decrypt to the
 * expected reminder or carried a bad VAPID token.
 */
import type { Receipt } from "./push-protocol";
import { percentile } from "./stats";

export class ReceiptTally {
  private readonly index = new Map<string, number>();
  private readonly counts: Uint8Array;
  private readonly firstAt: Float64Array;
  unique = 0;
  duplicates = 0;
  /** 2xx answers for subscriptions this run did not make. */
  foreign = 0;
  /** Delivered messages whose payload did not decrypt to the expected milestone and lead. */
  badPayload = 0;
  badVapid = 0;
  /** Requests answered with anything but 2xx (none expected: the service answers 201 unless told otherwise). */
  notDelivered = 0;
  firstReceiptAt = Number.POSITIVE_INFINITY;
  lastReceiptAt = 0;

  /** `pushIds`: the push service's subscription ids of the expected recipients; `tag`: "<milestone>/<lead>". */
  constructor(
    pushIds: readonly string[],
    private readonly tag: string,
  ) {
    for (const [i, id] of pushIds.entries()) this.index.set(id, i);
    this.counts = new Uint8Array(pushIds.length);
    this.firstAt = new Float64Array(pushIds.length).fill(Number.NaN);
  }

  get expected(): number {
    return this.counts.length;
  }

  get lost(): number {
    return this.expected - this.unique;
  }

  /** Indexes (in the order the subscriptions were given) of the subscribers that got the reminder more than once. */
  duplicated(): number[] {
    const out: number[] = [];
    for (const [i, n] of this.counts.entries()) if (n > 1) out.push(i);
    return out;
  }

  add(receipts: readonly Receipt[]): void {
    for (const [id, at, status, tag, vapidOk] of receipts) {
      if (status < 200 || status >= 300) {
        this.notDelivered++;
        continue;
      }
      const i = this.index.get(id);
      if (i === undefined) {
        this.foreign++;
        continue;
      }
      if (tag !== this.tag) this.badPayload++;
      if (vapidOk !== 1) this.badVapid++;
      const n = this.counts[i] ?? 0;
      if (n === 0) {
        this.unique++;
        this.firstAt[i] = at;
      } else {
        this.duplicates++;
      }
      this.counts[i] = Math.min(n + 1, 255);
      this.firstReceiptAt = Math.min(this.firstReceiptAt, at);
      this.lastReceiptAt = Math.max(this.lastReceiptAt, at);
    }
  }

  /** First receipts per second in each tenth of the run (due → last): shows whether sending slows down as it goes. */
  ratesByTenth(dueAt: number): number[] {
    const end = Math.max(this.lastReceiptAt, dueAt + 1);
    const width = (end - dueAt) / 10;
    const counts = new Array<number>(10).fill(0);
    for (const t of this.firstAt) {
      if (Number.isNaN(t)) continue;
      const i = Math.min(9, Math.max(0, Math.floor((t - dueAt) / width)));
      counts[i] = (counts[i] ?? 0) + 1;
    }
    return counts.map((n) => Math.round(n / (width / 1000)));
  }

  /** Lateness of each subscriber's first receipt after `dueAt` (real epoch ms): p50, p99, max. */
  lateness(dueAt: number): { p50Ms: number; p99Ms: number; maxMs: number; earliestMs: number } {
    const late = this.firstAt.filter((t) => !Number.isNaN(t)).map((t) => t - dueAt);
    late.sort();
    return {
      p50Ms: Math.round(percentile(late, 50)),
      p99Ms: Math.round(percentile(late, 99)),
      maxMs: Math.round(late[late.length - 1] ?? 0),
      earliestMs: Math.round(late[0] ?? 0),
    };
  }
}
