import { type BenchCluster, startBenchCluster } from "../cluster/bench-cluster.ts";
import { type ClusterSnapshot, snapshotOf } from "../cluster/cluster-snapshot.ts";
import { type UsageReport, UsageSpan } from "../cluster/usage-span.ts";
import { CopyLedger, type DeliveryCheck } from "../copy-ledger.ts";
import { openTopics } from "../open-topics.ts";
import { type Distribution, distributionOf } from "../percentiles.ts";

export interface LatencyPhase {
  ratePerSecond: number;
  durationMs: number;
}

export interface LatencyOptions {
  desks: number;
  clientsPerDesk: number;
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
  usage: UsageReport;
}

export interface LatencyResult {
  desks: number;
  clientsPerDesk: number;
  phases: LatencyPhaseResult[];
  snapshot: ClusterSnapshot;
}

const TICK_MS = 5;

/**
 * Steady traffic into topics that already exist, with every limit off: each phase sends at a fixed
 * rate, round robin over every client of every desk, and times each message from the moment the
 * client sends it (the simulator then hands it to ingress's long poll) to its copy in the topic.
 */
export async function runLatencyScenario(options: LatencyOptions): Promise<LatencyResult> {
  const cluster = await startBenchCluster({
    desks: options.desks,
    clientsPerDesk: options.clientsPerDesk,
    telegramLimits: false,
    replicas: 1,
    updates: "polling",
  });
  const ledger = new CopyLedger(cluster.sim);
  try {
    await openTopics(cluster, ledger);
    const phases: LatencyPhaseResult[] = [];
    for (const phase of options.phases) {
      phases.push(await runPhase(cluster, ledger, phase));
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    }
    return { ...options, phases, snapshot: snapshotOf(cluster) };
  } finally {
    ledger.stop();
    await cluster.stop();
  }
}

async function runPhase(
  cluster: BenchCluster,
  ledger: CopyLedger,
  phase: LatencyPhase,
): Promise<LatencyPhaseResult> {
  const usage = new UsageSpan(cluster);
  const seqs = await sendAtRate(cluster, ledger, phase);
  await ledger.waitForCopies(seqs, 15_000, 120_000);
  const report = usage.end();
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
    usage: report,
  };
}

/** Sends whatever is due every few milliseconds, so a late timer catches up instead of drifting. */
async function sendAtRate(cluster: BenchCluster, ledger: CopyLedger, phase: LatencyPhase): Promise<number[]> {
  const senders = cluster.desks.flatMap((desk) => desk.clients.map((client) => ({ desk, client })));
  const total = Math.round((phase.ratePerSecond * phase.durationMs) / 1000);
  const seqs: number[] = [];
  const startedAt = performance.now();
  while (seqs.length < total) {
    const due = Math.min(
      total,
      Math.floor(((performance.now() - startedAt) / 1000) * phase.ratePerSecond) + 1,
    );
    while (seqs.length < due) {
      const sender = senders[seqs.length % senders.length];
      if (sender) seqs.push(ledger.send(sender.desk, sender.client));
    }
    await new Promise((resolve) => setTimeout(resolve, TICK_MS));
  }
  return seqs;
}
