import type { ClusterSnapshot } from "./cluster/cluster-snapshot.ts";
import type { RedisFigures } from "./cluster/redis-probe.ts";
import type { UsageReport } from "./cluster/usage-span.ts";
import type { DeliveryCheck } from "./copy-ledger.ts";
import type { Distribution } from "./percentiles.ts";
import type { LatencyResult } from "./scenarios/latency-scenario.ts";
import type { DrainFigures, LimitsResult } from "./scenarios/limits-scenario.ts";
import type { ScaleResult } from "./scenarios/scale-scenario.ts";
import type { ThroughputResult } from "./scenarios/throughput-scenario.ts";

/** Plain-text rendering of the scenario results: one block per scenario, then a summary table. */

export const fixed = (value: number, digits = 0) => (Number.isFinite(value) ? value.toFixed(digits) : "n/a");
const mb = (bytes: number) => `${fixed(bytes / 1024 / 1024, 1)} MB`;
const kb = (bytes: number) => `${fixed(bytes / 1024, 1)} KB`;

export function describeCheck(check: DeliveryCheck): string {
  return [
    `sent ${check.sent}`,
    `delivered ${check.delivered}`,
    `missing ${check.missing}`,
    `duplicated ${check.duplicates}`,
    `misplaced ${check.misplaced}`,
    `out of order ${check.outOfOrder}`,
    `topics ${check.topics}`,
  ].join(", ");
}

export function describeDistribution(values: Distribution, unit: string, digits = 0): string {
  const f = (value: number) => `${fixed(value, digits)}${unit}`;
  return `min ${f(values.min)}, p50 ${f(values.p50)}, p90 ${f(values.p90)}, p99 ${f(values.p99)}, max ${f(values.max)} (n=${values.count})`;
}

/** CPU as cores busy (and ms per message when `messages` is given) and memory, per role. */
export function describeUsage(usage: UsageReport, messages?: number): string[] {
  return usage.roles.map((role) => {
    const perMessage = messages ? `, ${fixed(role.cpuMs / messages, 2)} ms CPU/message` : "";
    const label = role.role === "bench" ? "bench+simulator" : `${role.role} ×${role.processes}`;
    return `    ${label.padEnd(16)} ${fixed(role.cores * 100, 1).padStart(5)} % of a core${perMessage}, RSS ${mb(role.rssBytes)}`;
  });
}

export function describeSnapshot(snapshot: ClusterSnapshot): string[] {
  const calls = Object.entries(snapshot.telegramCalls)
    .sort((a, b) => b[1] - a[1])
    .map(([method, count]) => `${method} ${count}`)
    .join(", ");
  const logs = snapshot.logs.map(
    ({ key, count, example }) => `    ${count} × ${key}${example ? ` (${example})` : ""}`,
  );
  return [
    `  Bot API calls: ${calls}`,
    `  429 answers: ${snapshot.tooManyRequests}`,
    `  service warnings/errors: ${logs.length === 0 ? "none" : ""}`,
    ...logs,
  ];
}

export function describeThroughput(results: ThroughputResult[]): string[] {
  const first = results[0];
  if (!first) return [];
  const perRun = results.flatMap((result) => [
    `  ${result.replicas} router + ${result.replicas} delivery process(es), ${result.partitions ?? 8} partitions: ${fixed(result.messagesPerSecond, 1)} messages/s (first send → last copy ${fixed(result.elapsedMs / 1000, 2)} s)`,
    `    ${describeCheck(result.check)}`,
    `    latency under the burst: ${describeDistribution(result.latency, " ms")}`,
    ...describeUsage(result.usage, result.check.sent),
    ...describeSnapshot(result.snapshot).map((line) => `  ${line}`),
  ]);
  return [
    `1. Throughput, limits off: ${first.desks} desks × ${first.clientsPerDesk} clients × ${first.messagesPerClient} messages sent at once, topics open`,
    ...perRun,
  ];
}

export function describeLatencyResult(result: LatencyResult): string[] {
  const phases = result.phases.flatMap((phase) => [
    `  at ${phase.ratePerSecond} msg/s for ${phase.durationMs / 1000} s: achieved ${fixed(phase.sentPerSecond, 1)}/s sent, ${fixed(phase.deliveredPerSecond, 1)}/s delivered`,
    `    latency ${describeDistribution(phase.latency, " ms")}`,
    `    p50 of the first second ${fixed(phase.firstSecondP50)} ms, of the last second ${fixed(phase.lastSecondP50)} ms`,
    `    ${describeCheck(phase.check)}`,
    ...describeUsage(phase.usage, phase.check.sent),
  ]);
  return [
    `2. Latency, limits off: client send → copy in the topic, ${result.desks} desks × ${result.clientsPerDesk} clients with open topics, round robin, 1 router + 1 delivery`,
    ...phases,
    ...describeSnapshot(result.snapshot),
  ];
}

function describeDrain(title: string, figures: DrainFigures, budget: number): string[] {
  const { utilisation } = figures;
  return [
    `  ${title}: ${figures.messages} messages over ${figures.groups} groups, drained in ${fixed(figures.drainSeconds, 1)} s`,
    `    group sends per group: ${describeDistribution(figures.sendsPerGroup, "")}`,
    `    per group drain ${describeDistribution(figures.groupDrainSeconds, " s", 1)}`,
    `    ideal at exactly ${budget}/min: ${describeDistribution(figures.idealDrainSeconds, " s", 1)}; ideal/actual for the slowest group ${fixed((figures.idealDrainSeconds.max / figures.groupDrainSeconds.max) * 100, 1)} %`,
    `    sends per full minute while a backlog existed: ${describeDistribution(utilisation.windows, "")}; utilisation ${fixed(utilisation.meanShare * 100, 1)} % of ${budget}; busiest 60 s window ${utilisation.busiestWindow}`,
    `    ${describeCheck(figures.check)}`,
  ];
}

export function describeLimits(result: LimitsResult): string[] {
  const { limits } = result;
  return [
    `3. Limits on (${limits.perGroupPerMinute}/min per group, ${limits.perPrivateChatPerSecond}/s per private chat, ${limits.perBotPerSecond}/s per bot), one bot and backend group per desk, ${result.clientsPerDesk} new clients per desk, run ${fixed(result.runSeconds, 1)} s`,
    ...describeDrain("drain", result.drain, limits.perGroupPerMinute),
    ...describeDrain("sustained backlog", result.sustained, limits.perGroupPerMinute),
    `  429 answers: ${result.tooManyRequests} (${fixed(result.tooManyPerGroupHour, 2)} per group per hour)`,
    ...describeSnapshot(result.snapshot),
  ];
}

function describeRedis(redis: RedisFigures): string {
  return `Redis ${redis.clients} connections, ${redis.keys} keys, ${mb(redis.usedMemoryBytes)} used`;
}

export function describeScale(result: ScaleResult): string[] {
  const rssOf = (usage: UsageReport, role: string) =>
    usage.roles.find((entry) => entry.role === role)?.rssBytes ?? Number.NaN;
  const extraDesks = result.desks - result.baselineDesks;
  const perIdleConnection = ["ingress", "router", "delivery"].map(
    (role) =>
      `${role} ${kb((rssOf(result.idleBefore.usage, role) - rssOf(result.baseline.usage, role)) / extraDesks)}`,
  );
  let before = result.idleBefore;
  const loads = result.loadResults.flatMap((load) => {
    const after = load.idleAfter;
    const perTouched = ["router", "delivery"].map(
      (role) => `${role} ${kb((rssOf(after.usage, role) - rssOf(before.usage, role)) / load.groups)}`,
    );
    const lines = [
      `  load: ${load.groups} quiet groups get one message each (a new topic) at ${fixed(load.sentPerSecond, 1)} msg/s`,
      `    at the peak: ${describeRedis(load.peakRedis)}; ${load.peakRedis.namedConnections} BullMQ workers on ${load.peakRedis.namedQueues} queues, at most ${load.peakRedis.mostPerName} on one queue`,
      `    latency ${describeDistribution(load.latency, " ms")}`,
      `    ${describeCheck(load.check)}`,
      ...describeUsage(load.usage, load.check.sent),
      `    idle again ${fixed(result.laneRetireWaitMs / 1000)} s later: ${describeRedis(after.redis)}`,
      ...describeUsage(after.usage).map((line) => `  ${line}`),
      `    cost per group that had traffic and went quiet: Redis ${fixed((after.redis.keys - before.redis.keys) / load.groups, 1)} keys, ${kb((after.redis.usedMemoryBytes - before.redis.usedMemoryBytes) / load.groups)}; RSS ${perTouched.join(", ")}`,
    ];
    before = after;
    return lines;
  });
  return [
    `4. Scale: ${result.desks} connections, each a bot with its own backend group; webhook mode; 1 ingress, 1 router, 1 delivery`,
    `  seeding: connection rows (sealed tokens, bulk INSERT) ${fixed(result.seed.databaseSeconds, 2)} s; the simulator's world ${fixed(result.seed.simulatorSeconds, 1)} s; services started in ${fixed(result.startSeconds, 1)} s (${result.baselineDesks} connections: ${fixed(result.baseline.startSeconds, 1)} s)`,
    `  idle, ${result.baselineDesks} connections: ${describeRedis(result.baseline.redis)}`,
    ...describeUsage(result.baseline.usage),
    `  idle, ${result.desks} connections: ${describeRedis(result.idleBefore.redis)}`,
    ...describeUsage(result.idleBefore.usage),
    `  cost per idle connection (RSS, ${result.desks} vs ${result.baselineDesks} connections): ${perIdleConnection.join(", ")}; Redis keys ${fixed((result.idleBefore.redis.keys - result.baseline.redis.keys) / extraDesks, 2)}`,
    ...loads,
    `  keys a group keeps after its traffic: ${result.sampleGroupKeys.join(", ") || "none"}`,
    ...describeSnapshot(result.snapshot),
  ];
}

export function summaryTable(rows: Array<[string, string]>): string[] {
  const width = Math.max(...rows.map(([label]) => label.length));
  return ["Summary", ...rows.map(([label, value]) => `  ${label.padEnd(width)}  ${value}`)];
}
