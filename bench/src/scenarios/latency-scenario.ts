import { type BenchSystem, startBenchSystem } from "../bench-system.ts";
import { CopyLedger, type DeliveryCheck } from "../copy-ledger.ts";
import { LaneWatcher } from "../lane-watcher.ts";
import { type Distribution, distributionOf } from "../percentiles.ts";
import { type SystemSnapshot, snapshotOf } from "../system-snapshot.ts";

export interface LatencyPhase {
  ratePerSecond: number;
  durationMs: number;
}

export interface LatencyOptions {
  clients: number;
  phases: LatencyPhase[];
}

export interface LatencyPhaseResult extends LatencyPhase {
  /** Rate the bench managed to offer (sends are paced by a timer on the same event loop). */
  sentPerSecond: number;
  /** Copies per second from the first send to the last copy of the phase. */
  deliveredPerSecond: number;
  check: DeliveryCheck;
  latency: Distribution;
  /** p50 of the messages sent in the first and in the last second: a growing gap means a backlog. */
  firstSecondP50: number;
  lastSecondP50: number;
  /** Times the group's delivery worker was started during the phase. */
  groupLaneStarts: number;
  /** Postgres statements per client message (topics already open). */
  queriesPerMessage: number;
  /** CPU time of this process per message (see ThroughputResult). */
  cpuMsPerMessage: number;
}

export interface LatencyResult {
  clients: number;
  phases: LatencyPhaseResult[];
  system: SystemSnapshot;
}

const TICK_MS = 5;

/**
 * Steady traffic into topics that already exist, with every limit off: each phase sends at a fixed
 * rate, round robin over the clients, and times each message from `sendAsUser` to its copy.
 */
export async function runLatencyScenario(options: LatencyOptions): Promise<LatencyResult> {
  const system = await startBenchSystem({ name: "lat", clients: options.clients, telegramLimits: false });
  const ledger = new CopyLedger(system);
  try {
    const warmUp = system.clients.map((client) => ledger.send(client));
    await ledger.waitForCopies(warmUp, 15_000, 60_000);
    system.queries.reset();
    const phases: LatencyPhaseResult[] = [];
    for (const phase of options.phases) {
      phases.push(await runPhase(system, ledger, phase));
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    }
    return { clients: options.clients, phases, system: snapshotOf(system) };
  } finally {
    ledger.stop();
    await system.stop();
  }
}

async function runPhase(
  system: BenchSystem,
  ledger: CopyLedger,
  phase: LatencyPhase,
): Promise<LatencyPhaseResult> {
  const lanes = new LaneWatcher(system);
  const queriesBefore = system.queries.total();
  const cpuBefore = process.cpuUsage();
  const seqs = await sendAtRate(system, ledger, phase);
  await ledger.waitForCopies(seqs, 15_000, 90_000);
  lanes.stop();
  const cpu = process.cpuUsage(cpuBefore);
  const sentAt = (seq: number) => ledger.sent.get(seq)?.sentAt ?? Number.NaN;
  const firstSentAt = sentAt(seqs[0] ?? 0);
  const lastSentAt = sentAt(seqs[seqs.length - 1] ?? 0);
  const lastSeenAt = Math.max(...seqs.map((seq) => ledger.seen.get(seq)?.firstSeenAt ?? 0));
  const check = ledger.check(seqs);
  const p50Of = (subset: number[]) =>
    distributionOf(subset.flatMap((seq) => ledger.latencyOf(seq) ?? [])).p50;
  return {
    ...phase,
    sentPerSecond: seqs.length / ((lastSentAt - firstSentAt) / 1000),
    deliveredPerSecond: check.delivered / ((lastSeenAt - firstSentAt) / 1000),
    check,
    latency: distributionOf(seqs.flatMap((seq) => ledger.latencyOf(seq) ?? [])),
    firstSecondP50: p50Of(seqs.filter((seq) => sentAt(seq) < firstSentAt + 1_000)),
    lastSecondP50: p50Of(seqs.filter((seq) => sentAt(seq) > lastSentAt - 1_000)),
    groupLaneStarts: lanes.starts,
    queriesPerMessage: (system.queries.total() - queriesBefore) / seqs.length,
    cpuMsPerMessage: (cpu.user + cpu.system) / 1000 / seqs.length,
  };
}

/** Sends whatever is due every few milliseconds, so a late timer catches up instead of drifting. */
async function sendAtRate(system: BenchSystem, ledger: CopyLedger, phase: LatencyPhase): Promise<number[]> {
  const total = Math.round((phase.ratePerSecond * phase.durationMs) / 1000);
  const seqs: number[] = [];
  const startedAt = performance.now();
  while (seqs.length < total) {
    const due = Math.min(
      total,
      Math.floor(((performance.now() - startedAt) / 1000) * phase.ratePerSecond) + 1,
    );
    while (seqs.length < due) {
      const client = system.clients[seqs.length % system.clients.length];
      if (client) seqs.push(ledger.send(client));
    }
    await new Promise((resolve) => setTimeout(resolve, TICK_MS));
  }
  return seqs;
}
