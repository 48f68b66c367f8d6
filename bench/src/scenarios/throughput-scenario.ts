import { startBenchCluster } from "../cluster/bench-cluster.ts";
import { type ClusterSnapshot, snapshotOf } from "../cluster/cluster-snapshot.ts";
import { type UsageReport, UsageSpan } from "../cluster/usage-span.ts";
import { CopyLedger, type DeliveryCheck } from "../copy-ledger.ts";
import { openTopics } from "../open-topics.ts";
import { type Distribution, distributionOf } from "../percentiles.ts";

export interface ThroughputOptions {
  /** Router processes and delivery processes (as many of each). */
  replicas: number;
  /** TOPICDESK_PARTITIONS; the configuration's default (8) when omitted. */
  partitions?: number;
  desks: number;
  clientsPerDesk: number;
  messagesPerClient: number;
}

export interface ThroughputResult extends ThroughputOptions {
  check: DeliveryCheck;
  /** First send to last copy seen. */
  elapsedMs: number;
  messagesPerSecond: number;
  latency: Distribution;
  usage: UsageReport;
  snapshot: ClusterSnapshot;
}

/**
 * A burst with every limit off into topics that already exist: all clients of all desks write all
 * their messages at once, and the pipeline (ingress → NATS → router → BullMQ → delivery, each in
 * processes of their own) drains them as fast as it can. Several desks, because one backend group
 * is one delivery lane, handled one job at a time whatever the number of replicas.
 */
export async function runThroughputScenario(options: ThroughputOptions): Promise<ThroughputResult> {
  const cluster = await startBenchCluster({
    desks: options.desks,
    clientsPerDesk: options.clientsPerDesk,
    telegramLimits: false,
    replicas: options.replicas,
    updates: "polling",
    ...(options.partitions === undefined ? {} : { partitions: options.partitions }),
  });
  const ledger = new CopyLedger(cluster.sim);
  try {
    await openTopics(cluster, ledger);
    const usage = new UsageSpan(cluster);
    const seqs: number[] = [];
    for (let round = 0; round < options.messagesPerClient; round += 1) {
      for (const desk of cluster.desks) {
        for (const client of desk.clients) seqs.push(ledger.send(desk, client));
      }
    }
    await ledger.waitForCopies(seqs, 20_000, 180_000);
    const report = usage.end();
    // Copies that trail the last expected one are duplicates; give them a moment to show.
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    const firstSentAt = Math.min(...seqs.map((seq) => ledger.sent.get(seq)?.sentAt ?? Number.NaN));
    const lastSeenAt = Math.max(...seqs.map((seq) => ledger.seen.get(seq)?.firstSeenAt ?? 0));
    const check = ledger.check(seqs);
    const elapsedMs = lastSeenAt - firstSentAt;
    return {
      ...options,
      check,
      elapsedMs,
      messagesPerSecond: check.delivered / (elapsedMs / 1000),
      latency: distributionOf(seqs.flatMap((seq) => ledger.latencyOf(seq) ?? [])),
      usage: report,
      snapshot: snapshotOf(cluster),
    };
  } finally {
    ledger.stop();
    await cluster.stop();
  }
}
