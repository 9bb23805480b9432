/** Runs baseline-runner.ts over a sample of the subscriptions and counts what the push service received. */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import webpush from "web-push";
import { reminderPayload } from "../../lib/reminders/push/payload";
import { topicFor, ttlSeconds, urgencyFor } from "../../lib/reminders/push/push-options";
import { milestoneTime } from "../../lib/schedule/reminders";
import type { BaselineInput, BaselineOutput } from "./baseline-protocol";
import { onCleanup } from "./cleanup";
import type { ProcMeter } from "./proc-meter";
import { ReceiptTally } from "./receipt-tally";
import { REMINDER, REMINDER_AT, REMINDER_TAG, THE_EVENT, THE_MILESTONE } from "./reminder";
import type { Scenario } from "./scenario";
import { localeOf } from "./seed";

const RUNNER = fileURLToPath(new URL("./baseline-runner.ts", import.meta.url));

export interface BaselineFigures extends BaselineOutput {
  sample: number;
  deliveriesPerSecond: number;
  lost: number;
  duplicates: number;
  cpu: ReturnType<ProcMeter["stop"]>;
}

export async function runBaseline(scenario: Scenario, sample: number, concurrency: number, meter: ProcMeter): Promise<BaselineFigures> {
  const targets = scenario.subscriptions.slice(0, sample);
  const tally = new ReceiptTally(
    targets.map((t) => t.id),
    REMINDER_TAG,
  );
  await scenario.push.flush();
  scenario.routeReceipts(tally);
  const milestoneMs = milestoneTime(THE_MILESTONE);
  const locales = ["en", "zh-Hant", "zh-Hans"] as const;
  const input: BaselineInput = {
    caFile: scenario.push.caFile,
    concurrency,
    timeoutMs: 10_000,
    vapid: { subject: "mailto:reminders@entitle.example", ...webpush.generateVAPIDKeys() },
    payloads: Object.fromEntries(locales.map((l) => [l, reminderPayload(THE_EVENT, THE_MILESTONE, REMINDER.lead, l, REMINDER_AT)])),
    ttlSeconds: ttlSeconds(milestoneMs, REMINDER_AT),
    urgency: urgencyFor(milestoneMs, REMINDER_AT),
    topic: topicFor(THE_EVENT.id, THE_MILESTONE.id),
    targets: targets.map((t, i) => ({ endpoint: t.endpoint, keys: t.keys, locale: localeOf(i) })),
  };
  const dir = mkdtempSync(join(tmpdir(), "entitle-baseline-"));
  try {
    const file = join(dir, "input.json");
    writeFileSync(file, JSON.stringify(input));
    const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", RUNNER, file], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    onCleanup("baseline", () => void child.kill("SIGKILL"));
    meter.track("baseline", child.pid);
    meter.start();
    let stdout = "";
    child.stdout.setEncoding("utf8");
    child.stdout.on("data", (chunk: string) => (stdout += chunk));
    const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
    const cpu = meter.stop();
    if (code !== 0) throw new Error(`the baseline exited with ${code}:\n${stdout}`);
    const output = JSON.parse(stdout.trim().split("\n").at(-1) ?? "{}") as BaselineOutput;
    await scenario.push.flush();
    return {
      ...output,
      sample,
      deliveriesPerSecond: output.sent / output.seconds,
      lost: tally.lost,
      duplicates: tally.duplicates,
      cpu,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
