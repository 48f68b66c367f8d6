import type { BenchSystem } from "./bench-system.ts";

/** What the simulator and the system's own logs say about a run, beside the bench's own figures. */
export interface SystemSnapshot {
  /** Bot API calls per method (including refused ones). */
  telegramCalls: Record<string, number>;
  tooManyRequests: number;
  topicsInGroup: number;
  /** The system's warnings and errors, "level: message" → count. */
  logs: Array<{ key: string; count: number; example: string }>;
  /** Postgres statements since the scenario's traffic began, most frequent first. */
  queries: Array<{ statement: string; count: number }>;
}

export function snapshotOf(system: BenchSystem): SystemSnapshot {
  const stats = system.sim.stats();
  return {
    telegramCalls: stats.calls,
    tooManyRequests: stats.tooManyRequests,
    topicsInGroup: system.sim.topics(system.groupId).length,
    logs: system.logs.entries(),
    queries: system.queries.entries(),
  };
}
