import { TELEGRAM_DEFAULT_LIMITS } from "@topicdesk/telegram-sim";
import { describeGroupLimit, describeLatencyResult, describeThroughput, summaryTable } from "./report.ts";
import { runGroupLimitScenario } from "./scenarios/group-limit-scenario.ts";
import { runLatencyScenario } from "./scenarios/latency-scenario.ts";
import { runThroughputScenario } from "./scenarios/throughput-scenario.ts";

/**
 * `pnpm bench`: the three scenarios in order, each on a fresh system, figures printed as they
 * come and a summary at the end. Nothing here asserts; the numbers are for reading.
 */

const print = (lines: string[]) => console.log(`${lines.join("\n")}\n`);
const fixed = (value: number, digits = 0) => (Number.isFinite(value) ? value.toFixed(digits) : "n/a");

const startedAt = performance.now();

// A small unprinted burst first, so the figures below are of JIT-compiled code, as in a running
// deployment, rather than of the first thousand calls of a fresh process.
await runThroughputScenario({ clients: 10, messagesPerClient: 20 });

const throughput = await runThroughputScenario({ clients: 50, messagesPerClient: 20 });
print(describeThroughput(throughput));

const latency = await runLatencyScenario({
  clients: 20,
  phases: [
    { ratePerSecond: 20, durationMs: 15_000 },
    { ratePerSecond: 100, durationMs: 10_000 },
  ],
});
print(describeLatencyResult(latency));

const groupLimit = await runGroupLimitScenario({
  // Opening a topic costs three group sends (topic, info card, copy): six clients stay within one
  // minute's budget, so the set-up does not wait for the next window.
  clients: 6,
  messagesPerClient: 10,
  measureMs: 90_000,
  limits: TELEGRAM_DEFAULT_LIMITS,
});
print(describeGroupLimit(groupLimit));

const check = (c: { delivered: number; duplicates: number; missing: number }) =>
  `${c.delivered} delivered, ${c.duplicates} dup, ${c.missing} missing`;
print(
  summaryTable([
    [
      "1. burst throughput (limits off)",
      `${fixed(throughput.messagesPerSecond, 1)} msg/s; ${check(throughput.check)}`,
    ],
    ...latency.phases.map((phase): [string, string] => [
      `2. latency at ${phase.ratePerSecond} msg/s`,
      `p50 ${fixed(phase.latency.p50)} ms, p99 ${fixed(phase.latency.p99)} ms; achieved ${fixed(phase.deliveredPerSecond, 1)} msg/s; ${check(phase.check)}`,
    ]),
    [
      "3. group sends under 20/min",
      `${groupLimit.firstMinuteSends} in the first minute, busiest minute ${groupLimit.busiestMinuteSends}; ${groupLimit.drainTooManyRequests} × 429`,
    ],
    ["total bench time", `${fixed((performance.now() - startedAt) / 1000, 1)} s`],
  ]),
);
