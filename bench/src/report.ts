import type { DeliveryCheck } from "./copy-ledger.ts";
import type { Distribution } from "./percentiles.ts";
import type { GroupLimitResult } from "./scenarios/group-limit-scenario.ts";
import type { LatencyResult } from "./scenarios/latency-scenario.ts";
import type { ThroughputResult } from "./scenarios/throughput-scenario.ts";
import type { SystemSnapshot } from "./system-snapshot.ts";

/** Plain-text rendering of the scenario results: one block per scenario, then a summary table. */

const fixed = (value: number, digits = 0) => (Number.isFinite(value) ? value.toFixed(digits) : "n/a");

export function describeCheck(check: DeliveryCheck): string {
  return [
    `sent ${check.sent}`,
    `delivered ${check.delivered}`,
    `duplicates ${check.duplicates}`,
    `missing ${check.missing}`,
    `misplaced ${check.misplaced}`,
    `out of order ${check.outOfOrder}`,
    `topics ${check.topics}`,
  ].join(", ");
}

export function describeLatency(latency: Distribution): string {
  return `min ${fixed(latency.min)} ms, p50 ${fixed(latency.p50)} ms, p90 ${fixed(latency.p90)} ms, p99 ${fixed(latency.p99)} ms, max ${fixed(latency.max)} ms (n=${latency.count})`;
}

export function describeSystem(system: SystemSnapshot): string[] {
  const calls = Object.entries(system.telegramCalls)
    .sort((a, b) => b[1] - a[1])
    .map(([method, count]) => `${method} ${count}`)
    .join(", ");
  const logs = system.logs.map(
    ({ key, count, example }) => `    ${count} × ${key}${example ? ` (${example})` : ""}`,
  );
  const queries = system.queries
    .slice(0, 16)
    .map(({ statement, count }) => `${statement} ${count}`)
    .join(", ");
  return [
    `  Bot API calls: ${calls}`,
    `  Postgres statements: ${queries || "none"}`,
    `  429 answers: ${system.tooManyRequests}; topics in the group: ${system.topicsInGroup}`,
    `  system warnings/errors: ${logs.length === 0 ? "none" : ""}`,
    ...logs,
  ];
}

export function describeThroughput(result: ThroughputResult): string[] {
  return [
    `1. Throughput, limits off: ${result.clients} clients × ${result.messagesPerClient} messages sent at once`,
    `  ${fixed(result.messagesPerSecond, 1)} messages/s (first send → last copy in ${fixed(result.elapsedMs / 1000, 2)} s)`,
    `  ${describeCheck(result.check)}`,
    `  latency under the burst: ${describeLatency(result.latency)}`,
    `  per message: ${fixed(result.queriesPerMessage, 1)} Postgres statements, ${fixed(result.cpuMsPerMessage, 2)} ms CPU of this process`,
    ...describeSystem(result.system),
  ];
}

export function describeLatencyResult(result: LatencyResult): string[] {
  const phases = result.phases.flatMap((phase) => [
    `  at ${phase.ratePerSecond} msg/s for ${phase.durationMs / 1000} s: sent ${fixed(phase.sentPerSecond, 1)}/s, delivered ${fixed(phase.deliveredPerSecond, 1)}/s`,
    `    ${describeLatency(phase.latency)}`,
    `    p50 of the first second ${fixed(phase.firstSecondP50)} ms, of the last second ${fixed(phase.lastSecondP50)} ms; group lane worker started ${phase.groupLaneStarts} times`,
    `    ${describeCheck(phase.check)}`,
    `    per message: ${fixed(phase.queriesPerMessage, 1)} Postgres statements, ${fixed(phase.cpuMsPerMessage, 2)} ms CPU of this process`,
  ]);
  return [
    `2. Latency, limits off: send → copy in the topic, ${result.clients} clients with open topics, round robin`,
    ...phases,
    ...describeSystem(result.system),
  ];
}

export function describeGroupLimit(result: GroupLimitResult): string[] {
  const { limits } = result;
  return [
    `3. Limits on (${limits.perGroupPerMinute}/min per group, ${limits.perPrivateChatPerSecond}/s per chat, ${limits.perBotPerSecond}/s per bot): backlog of ${result.backlog} from ${result.clients} clients, watched ${result.measureMs / 1000} s`,
    `  group sends: ${result.groupSends} in ${result.measureMs / 1000} s; ${result.firstMinuteSends} in the first minute; busiest 60 s window ${result.busiestMinuteSends} (ceiling ${limits.perGroupPerMinute})`,
    `  sends per 10 s: [${result.timeline.join(", ")}]`,
    `  first copy after ${fixed(result.firstCopyAfterSeconds, 2)} s; 429s: ${result.drainTooManyRequests} during the drain, ${result.setupTooManyRequests} while opening topics`,
    `  ${describeCheck(result.check)} (missing = not yet drained when the watch ended)`,
    ...describeSystem(result.system),
  ];
}

export function summaryTable(rows: Array<[string, string]>): string[] {
  const width = Math.max(...rows.map(([label]) => label.length));
  return ["Summary", ...rows.map(([label, value]) => `  ${label.padEnd(width)}  ${value}`)];
}
