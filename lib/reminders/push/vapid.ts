import "server-only";
import { randomBytes } from "node:crypto";
import { chmodSync, linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import webpush from "web-push";
import { z } from "zod";
import type { Config } from "../../config";

export interface VapidKeys {
  publicKey: string;
  /** Never leaves the server: only the public key is ever sent to a browser. */
  privateKey: string;
  subject: string;
}

const fileSchema = z.object({ publicKey: z.string().length(87), privateKey: z.string().length(43) });

/**
 * Keys from VAPID_PUBLIC_KEY/VAPID_PRIVATE_KEY, else from DATA_DIR/vapid.json, generated on first use.
 * The file is created atomically (hard link of a complete temp file), so a web server and a worker starting
 * together agree on one key pair. Throws when the directory cannot be written or the file is damaged.
 */
export function resolveVapidKeys(config: Config): VapidKeys {
  const { publicKey, privateKey, subject } = config.vapid;
  if (publicKey && privateKey) return { publicKey, privateKey, subject };
  const file = join(config.dataDir, "vapid.json");
  try {
    return { ...fileSchema.parse(JSON.parse(readFileSync(file, "utf8"))), subject };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT")
      throw new Error(`${file} is not a VAPID key file: delete it or fix it (${String(error)})`);
  }
  mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
  const generated = webpush.generateVAPIDKeys();
  const temp = `${file}.${randomBytes(6).toString("hex")}.tmp`;
  writeFileSync(temp, `${JSON.stringify({ publicKey: generated.publicKey, privateKey: generated.privateKey }, null, 2)}\n`, {
    mode: 0o600,
  });
  try {
    linkSync(temp, file);
    chmodSync(file, 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  } finally {
    unlinkSync(temp);
  }
  return { ...fileSchema.parse(JSON.parse(readFileSync(file, "utf8"))), subject };
}

const TOKEN_LIFETIME_S = 12 * 60 * 60;
/** Re-sign when less than this is left, so a token never expires in flight. */
const RENEW_BEFORE_S = 60 * 60;

/**
 * VAPID Authorization headers, signed once per push-service origin and reused until an hour before they
 * expire (web-push alone signs a new JWT for every message). Uses real time: push services check `exp`
 * against their own clock, whatever APP_CLOCK_START says.
 */
export function vapidSigner(keys: VapidKeys): { authorization(origin: string): string } {
  const cache = new Map<string, { header: string; expiresAtS: number }>();
  return {
    authorization(origin) {
      const nowS = Math.floor(Date.now() / 1000);
      const hit = cache.get(origin);
      if (hit && hit.expiresAtS - nowS > RENEW_BEFORE_S) return hit.header;
      const expiresAtS = nowS + TOKEN_LIFETIME_S;
      const { Authorization } = webpush.getVapidHeaders(origin, keys.subject, keys.publicKey, keys.privateKey, "aes128gcm", expiresAtS);
      cache.set(origin, { header: Authorization, expiresAtS });
      return Authorization;
    },
  };
}
