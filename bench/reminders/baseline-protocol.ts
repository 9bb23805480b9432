/** What baseline.ts hands to baseline-runner.ts (a JSON file) and gets back (its last stdout line). */
export interface BaselineInput {
  caFile: string;
  concurrency: number;
  timeoutMs: number;
  vapid: { subject: string; publicKey: string; privateKey: string };
  /** The reminder's payload per locale, as the pipeline builds it. */
  payloads: Record<string, string>;
  ttlSeconds: number;
  urgency: "normal" | "high";
  topic: string;
  targets: { endpoint: string; keys: { p256dh: string; auth: string }; locale: string }[];
}

export interface BaselineOutput {
  sent: number;
  failed: number;
  /** From the first send to the last answer. */
  seconds: number;
  firstError?: string;
}
