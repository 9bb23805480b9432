/** Starts push-runner.ts as a child process and talks to it: subscriptions out, receipts in. */
import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { FakeSubscription } from "../../test/support/push-service";
import type { FromRunner, Receipt, ToRunner } from "./push-protocol";

export interface PushProcess {
  origin: string;
  /** host:port, for PUSH_ENDPOINT_HOSTS. */
  hostPort: string;
  /** The service's self-signed certificate, for PUSH_CA_FILE and the baseline's agent. */
  caFile: string;
  pid: number | undefined;
  /** `count` new subscriptions (endpoint and keys; the private keys stay in the push process). */
  subscribe(count: number): Promise<FakeSubscription[]>;
  /** Called with every batch of receipts, in arrival order. */
  onReceipts(listener: (receipts: Receipt[]) => void): void;
  /** Resolves once every request received so far has been passed to the listeners. */
  flush(): Promise<void>;
  close(): Promise<void>;
}

const RUNNER = fileURLToPath(new URL("./push-runner.ts", import.meta.url));

export async function startPushProcess(): Promise<PushProcess> {
  const child: ChildProcess = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", RUNNER], {
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const listeners: ((receipts: Receipt[]) => void)[] = [];
  let onSubscriptions: ((batch: FakeSubscription[], last: boolean) => void) | undefined;
  let onFlushed: (() => void) | undefined;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));

  const ready = new Promise<Extract<FromRunner, { type: "ready" }>>((resolve, reject) => {
    child.once("exit", (code) => reject(new Error(`the push service process exited (${code}) before it was ready`)));
    child.on("message", (message: FromRunner) => {
      if (message.type === "ready") resolve(message);
      else if (message.type === "receipts") for (const l of listeners) l(message.receipts);
      else if (message.type === "subscriptions") onSubscriptions?.(message.subscriptions, message.last);
      else onFlushed?.();
    });
  });
  const tell = (message: ToRunner) => child.send(message);
  let info: Extract<FromRunner, { type: "ready" }>;
  try {
    info = await ready;
  } catch (error) {
    child.kill("SIGKILL");
    throw error;
  }

  return {
    origin: info.origin,
    hostPort: info.hostPort,
    caFile: info.caFile,
    pid: child.pid,
    subscribe(count) {
      return new Promise((resolve) => {
        const all: FakeSubscription[] = [];
        onSubscriptions = (batch, last) => {
          all.push(...batch);
          if (last) resolve(all);
        };
        tell({ type: "subscribe", count });
      });
    },
    onReceipts(listener) {
      listeners.push(listener);
    },
    flush() {
      return new Promise((resolve) => {
        onFlushed = resolve;
        tell({ type: "flush" });
      });
    },
    async close() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      if (child.connected) tell({ type: "close" });
      const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}
