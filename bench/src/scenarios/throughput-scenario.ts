import { startBenchSystem } from "../bench-system.ts";
import { CopyLedger, type DeliveryCheck } from "../copy-ledger.ts";
import { type Distribution, distributionOf } from "../percentiles.ts";
import { type SystemSnapshot, snapshotOf } from "../system-snapshot.ts";

export interface ThroughputOptions {
  clients: number;
  messagesPerClient: number;
  partitions?: number;
}

export interface ThroughputResult extends ThroughputOptions {
  check: DeliveryCheck;
  /** First send to last copy seen. */
  elapsedMs: number;
  messagesPerSecond: number;
  latency: Distribution;
  /** Postgres statements per client message, topic opening included. */
  queriesPerMessage: number;
  /**
   * CPU time of this process (system, simulator and bench) per message: steadier than the rate
   * when other work shares the machine. Postgres, Redis and NATS are not included.
   */
  cpuMsPerMessage: number;
  system: SystemSnapshot;
}

/** How long a duplicate may trail the last expected copy and still be counted. */
const DUPLICATE_GRACE_MS = 2_000;

/**
 * A burst with every limit off: all clients write all their messages at once (each client's first
 * message opens its topic), and the pipeline drains them as fast as it can.
 */
export async function runThroughputScenario(options: ThroughputOptions): Promise<ThroughputResult> {
  const system = await startBenchSystem({
    name: "tput",
    clients: options.clients,
    telegramLimits: false,
    ...(options.partitions === undefined ? {} : { partitions: options.partitions }),
  });
  const ledger = new CopyLedger(system);
  try {
    system.queries.reset();
    const cpuBefore = process.cpuUsage();
    const seqs: number[] = [];
    for (let round = 0; round < options.messagesPerClient; round += 1) {
      for (const client of system.clients) seqs.push(ledger.send(client));
    }
    await ledger.waitForCopies(seqs, 20_000, 150_000);
    const cpu = process.cpuUsage(cpuBefore);
    await new Promise((resolve) => setTimeout(resolve, DUPLICATE_GRACE_MS));
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
      queriesPerMessage: system.queries.total() / seqs.length,
      cpuMsPerMessage: (cpu.user + cpu.system) / 1000 / seqs.length,
      system: snapshotOf(system),
    };
  } finally {
    ledger.stop();
    await system.stop();
  }
}
