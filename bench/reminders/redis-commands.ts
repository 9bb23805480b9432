/**
 * Redis's own count of the commands it ran (INFO commandstats): how many round trips and how much Redis time
 * one delivery costs. Reset when the reminder falls due, read when the run is over. On a Cluster every master
 * is asked and their counts added (each runs the commands for its own slots; replicas are not counted).
 */
import { primaries, type RedisClient } from "../../lib/reminders/pipeline/redis";

export interface CommandFigures {
  /** Commands per delivered message, by command (evalsha counted as one, whatever the script does). */
  perDelivery: Record<string, number>;
  callsPerDelivery: number;
  /** Microseconds Redis spent per delivered message. */
  usecPerDelivery: number;
}

export async function resetCommandStats(redis: RedisClient): Promise<void> {
  await Promise.all(primaries(redis).map((node) => node.config("RESETSTAT")));
}

export async function commandFigures(redis: RedisClient, delivered: number): Promise<CommandFigures> {
  const infos = await Promise.all(primaries(redis).map((node) => node.info("commandstats")));
  const byName = new Map<string, number>();
  let calls = 0;
  let usec = 0;
  for (const info of infos) {
    for (const match of info.matchAll(/^cmdstat_([^:]+):calls=(\d+),usec=(\d+)/gm)) {
      const [, name = "", c = "0", u = "0"] = match;
      if (name === "info" || name === "config") continue;
      calls += Number(c);
      usec += Number(u);
      byName.set(name, (byName.get(name) ?? 0) + Number(c));
    }
  }
  const perDelivery: Record<string, number> = {};
  for (const [name, c] of byName) perDelivery[name] = Math.round((c / Math.max(delivered, 1)) * 100) / 100;
  const d = Math.max(delivered, 1);
  return {
    perDelivery: Object.fromEntries(Object.entries(perDelivery).sort((a, b) => b[1] - a[1])),
    callsPerDelivery: Math.round((calls / d) * 10) / 10,
    usecPerDelivery: Math.round(usec / d),
  };
}
