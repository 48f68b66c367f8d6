import { type BenchCluster, startBenchCluster } from "../cluster/bench-cluster.ts";
import { type ClusterSnapshot, snapshotOf } from "../cluster/cluster-snapshot.ts";
import type { Desk } from "../cluster/desks.ts";
import type { RedisFigures } from "../cluster/redis-probe.ts";
import { type UsageReport, UsageSpan } from "../cluster/usage-span.ts";
import { CopyLedger, type DeliveryCheck } from "../copy-ledger.ts";
import { type Distribution, distributionOf } from "../percentiles.ts";

/** `groups` desks not used before each get one client message (so a new topic) at `ratePerSecond`. */
export interface SparseLoad {
  groups: number;
  ratePerSecond: number;
}

export interface ScaleOptions {
  /** Connections of the small install the large one is compared with. */
  baselineDesks: number;
  desks: number;
  loads: SparseLoad[];
  idleSampleMs: number;
  /** How long an emptied delivery lane keeps its worker (delivery's default), plus a margin. */
  laneRetireWaitMs: number;
  /** Longest the bench waits for one load's copies. */
  loadWatchMs: number;
}

/** One look at the install while nothing happens: memory, Redis, and CPU over `idleSampleMs`. */
export interface IdleFigures {
  usage: UsageReport;
  redis: RedisFigures;
}

export interface LoadFigures extends SparseLoad {
  sentPerSecond: number;
  usage: UsageReport;
  check: DeliveryCheck;
  latency: Distribution;
  /** Redis as it was when it had the most client connections during the load (sampled each second). */
  peakRedis: RedisFigures;
  /** After the load, once every lane's worker should have retired. */
  idleAfter: IdleFigures;
}

export interface ScaleResult extends ScaleOptions {
  baseline: IdleFigures & { startSeconds: number };
  seed: { simulatorSeconds: number; databaseSeconds: number };
  startSeconds: number;
  idleBefore: IdleFigures;
  loadResults: LoadFigures[];
  /** Redis keys that an idle group which once had traffic keeps, for one sample group. */
  sampleGroupKeys: string[];
  snapshot: ClusterSnapshot;
}

/**
 * A large install with sparse traffic: `desks` connections, each a bot with a backend group of
 * its own, served by one ingress (webhook mode: the simulator pushes every update), one router
 * and one delivery process. Compared with a small install of `baselineDesks` connections, so the
 * cost of an idle connection shows as a difference; each load touches groups not used before, so
 * the cost of a group that had traffic and went quiet shows as the difference after it.
 */
export async function runScaleScenario(options: ScaleOptions): Promise<ScaleResult> {
  const baseline = await measureBaseline(options);
  const cluster = await startBenchCluster({
    desks: options.desks,
    clientsPerDesk: 1,
    telegramLimits: false,
    replicas: 1,
    updates: "webhook",
  });
  const ledger = new CopyLedger(cluster.sim, { pollIntervalMs: 20 });
  try {
    const idleBefore = await idle(cluster, options.idleSampleMs);
    const loadResults: LoadFigures[] = [];
    let nextDesk = 0;
    for (const load of options.loads) {
      const desks = cluster.desks.slice(nextDesk, nextDesk + load.groups);
      nextDesk += load.groups;
      loadResults.push(await sparseLoad(cluster, ledger, desks, load, options));
    }
    const sampleDesk = cluster.desks[0];
    const sampleGroupKeys = sampleDesk ? await cluster.redis.keysMatching(`*${sampleDesk.groupId}*`) : [];
    return {
      ...options,
      baseline,
      seed: cluster.seed,
      startSeconds: cluster.startSeconds,
      idleBefore,
      loadResults,
      sampleGroupKeys: sampleGroupKeys.sort(),
      snapshot: snapshotOf(cluster),
    };
  } finally {
    ledger.stop();
    await cluster.stop();
  }
}

async function measureBaseline(options: ScaleOptions): Promise<IdleFigures & { startSeconds: number }> {
  const cluster = await startBenchCluster({
    desks: options.baselineDesks,
    clientsPerDesk: 1,
    telegramLimits: false,
    replicas: 1,
    updates: "webhook",
  });
  try {
    return { ...(await idle(cluster, options.idleSampleMs)), startSeconds: cluster.startSeconds };
  } finally {
    await cluster.stop();
  }
}

async function idle(cluster: BenchCluster, sampleMs: number): Promise<IdleFigures> {
  const span = new UsageSpan(cluster);
  await new Promise((resolve) => setTimeout(resolve, sampleMs));
  return { usage: span.end(), redis: await cluster.redis.figures() };
}

async function sparseLoad(
  cluster: BenchCluster,
  ledger: CopyLedger,
  desks: Desk[],
  load: SparseLoad,
  options: ScaleOptions,
): Promise<LoadFigures> {
  const span = new UsageSpan(cluster);
  let peakRedis = await cluster.redis.figures();
  const sampler = setInterval(() => {
    void cluster.redis.figures().then((figures) => {
      if (figures.clients > peakRedis.clients) peakRedis = figures;
    });
  }, 1_000);
  try {
    const startedAt = performance.now();
    const seqs: number[] = [];
    while (seqs.length < desks.length) {
      const elapsedSeconds = (performance.now() - startedAt) / 1000;
      const due = Math.min(desks.length, Math.floor(elapsedSeconds * load.ratePerSecond) + 1);
      for (const desk of desks.slice(seqs.length, due)) {
        const client = desk.clients[0];
        if (client) seqs.push(ledger.send(desk, client));
      }
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    const sentPerSecond = seqs.length / ((performance.now() - startedAt) / 1000);
    await ledger.waitForCopies(seqs, 30_000, options.loadWatchMs);
    const usage = span.end();
    const check = ledger.check(seqs);
    const latency = distributionOf(seqs.flatMap((seq) => ledger.latencyOf(seq) ?? []));
    await new Promise((resolve) => setTimeout(resolve, options.laneRetireWaitMs));
    const idleAfter = await idle(cluster, options.idleSampleMs);
    return { ...load, sentPerSecond, usage, check, latency, peakRedis, idleAfter };
  } finally {
    clearInterval(sampler);
  }
}
