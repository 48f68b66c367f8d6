import type { BenchCluster } from "./cluster/bench-cluster.ts";
import type { CopyLedger } from "./copy-ledger.ts";

/**
 * Every client's first message opens its topic (and warms the services' code up); the figures
 * are of the traffic after it, as in a desk that has been running for a while.
 */
export async function openTopics(cluster: BenchCluster, ledger: CopyLedger): Promise<void> {
  const seqs = cluster.desks.flatMap((desk) => desk.clients.map((client) => ledger.send(desk, client)));
  await ledger.waitForCopies(seqs, 60_000, 300_000);
  const missing = seqs.filter((seq) => !ledger.seen.has(seq)).length;
  if (missing > 0) throw new Error(`set-up: ${missing} first messages never reached a topic`);
}
