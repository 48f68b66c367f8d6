import type { BenchCluster } from "./bench-cluster.ts";

/** What the simulator and the services' own logs say about a run, beside the bench's figures. */
export interface ClusterSnapshot {
  /** Bot API calls per method (including refused ones). */
  telegramCalls: Record<string, number>;
  tooManyRequests: number;
  /** The services' warnings and errors, "level: message" → count. */
  logs: Array<{ key: string; count: number; example: string }>;
}

export function snapshotOf(cluster: BenchCluster): ClusterSnapshot {
  const stats = cluster.sim.stats();
  return { telegramCalls: stats.calls, tooManyRequests: stats.tooManyRequests, logs: cluster.logs.entries() };
}
