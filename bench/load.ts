/** Load on loopback with autocannon: latency, throughput and every answer that is neither 2xx nor 4xx. */
import autocannon from "autocannon";

export interface LoadFigures {
  requests: number;
  throughputRps: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
  /** 5xx answers, connection errors and timeouts: what a user would see as a failure of ours. */
  failures: number;
}

export async function load(options: autocannon.Options): Promise<LoadFigures> {
  const result = await autocannon({ connections: 20, ...options });
  const codes = (result as unknown as { statusCodeStats?: Record<string, { count: number }> }).statusCodeStats ?? {};
  const fiveXX = Object.entries(codes)
    .filter(([code]) => code.startsWith("5"))
    .reduce((n, [, v]) => n + v.count, 0);
  return {
    requests: result.requests.total,
    throughputRps: Math.round(result.requests.average),
    latencyP50Ms: result.latency.p50,
    latencyP99Ms: result.latency.p99,
    failures: fiveXX + result.errors + result.timeouts,
  };
}
