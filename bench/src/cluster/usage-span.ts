import type { BenchCluster, ServiceRole } from "./bench-cluster.ts";
import type { ProcessUsage } from "./process-usage.ts";

/** Memory and CPU of one role's processes (all replicas together) over a span of time. */
export interface RoleUsage {
  role: ServiceRole | "bench";
  processes: number;
  /** Resident memory at the end of the span, all of the role's processes together. */
  rssBytes: number;
  cpuMs: number;
  /** CPU as a share of one core over the span (0.5 = half a core). */
  cores: number;
}

export interface UsageReport {
  elapsedMs: number;
  roles: RoleUsage[];
}

/**
 * Reads every service process's CPU time and memory at the start and at the end of a span. "bench"
 * is this process: the simulator (Telegram) and the bench's own work (sending, watching).
 */
export class UsageSpan {
  readonly #cluster: BenchCluster;
  readonly #startedAt = performance.now();
  readonly #before: Map<string, ProcessUsage>;
  readonly #benchBefore = process.cpuUsage();

  constructor(cluster: BenchCluster) {
    this.#cluster = cluster;
    this.#before = new Map(
      cluster.processes().flatMap(({ label, usage }) => (usage ? [[label, usage] as const] : [])),
    );
  }

  end(): UsageReport {
    const elapsedMs = performance.now() - this.#startedAt;
    const byRole = new Map<RoleUsage["role"], RoleUsage>();
    for (const { role, label, usage } of this.#cluster.processes()) {
      const before = this.#before.get(label);
      if (!usage || !before) continue;
      const entry = byRole.get(role) ?? { role, processes: 0, rssBytes: 0, cpuMs: 0, cores: 0 };
      entry.processes += 1;
      entry.rssBytes += usage.rssBytes;
      entry.cpuMs += usage.cpuMs - before.cpuMs;
      byRole.set(role, entry);
    }
    const bench = process.cpuUsage(this.#benchBefore);
    byRole.set("bench", {
      role: "bench",
      processes: 1,
      rssBytes: process.memoryUsage.rss(),
      cpuMs: (bench.user + bench.system) / 1000,
      cores: 0,
    });
    const roles = [...byRole.values()].map((entry) => ({ ...entry, cores: entry.cpuMs / elapsedMs }));
    return { elapsedMs, roles };
  }
}
