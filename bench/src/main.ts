import { TELEGRAM_DEFAULT_LIMITS } from "@topicdesk/telegram-sim";
import {
  describeLatencyResult,
  describeLimits,
  describeScale,
  describeThroughput,
  fixed,
  summaryTable,
} from "./report.ts";
import { runLatencyScenario } from "./scenarios/latency-scenario.ts";
import { runLimitsScenario } from "./scenarios/limits-scenario.ts";
import { runReportScenario } from "./scenarios/report-scenario.ts";
import { runScaleScenario } from "./scenarios/scale-scenario.ts";
import { runThroughputScenario } from "./scenarios/throughput-scenario.ts";

/**
 * `pnpm bench [scenario …]`: the named scenarios (all by default), each on a fresh system, figures
 * printed as they come and a summary at the end. Nothing here asserts; the numbers are for reading.
 */

interface ScenarioOutcome {
  lines: string[];
  summary: Array<[string, string]>;
}

const scenarios: Record<string, () => Promise<ScenarioOutcome>> = {
  async throughput() {
    const shape = { desks: 20, clientsPerDesk: 5, messagesPerClient: 20 };
    const results = [];
    // The default 8 router partitions, then 32: a partition handles one event at a time, so the
    // partition count, not the replica count, bounds how many events are routed at once.
    for (const partitions of [undefined, 32]) {
      for (const replicas of [1, 2]) {
        const run = partitions === undefined ? { replicas } : { replicas, partitions };
        results.push(await runThroughputScenario({ ...shape, ...run }));
      }
    }
    return {
      lines: describeThroughput(results),
      summary: results.map((result): [string, string] => [
        `1. throughput, ${result.replicas} router+delivery, ${result.partitions ?? 8} partitions`,
        `${fixed(result.messagesPerSecond, 1)} msg/s; lost ${result.check.missing}, duplicated ${result.check.duplicates}`,
      ]),
    };
  },
  async latency() {
    const result = await runLatencyScenario({
      desks: 20,
      clientsPerDesk: 5,
      phases: [
        { ratePerSecond: 10, durationMs: 15_000 },
        { ratePerSecond: 100, durationMs: 10_000 },
        { ratePerSecond: 500, durationMs: 6_000 },
      ],
    });
    return {
      lines: describeLatencyResult(result),
      summary: result.phases.map((phase): [string, string] => [
        `2. latency at ${phase.ratePerSecond} msg/s`,
        `p50 ${fixed(phase.latency.p50)} ms, p99 ${fixed(phase.latency.p99)} ms; achieved ${fixed(phase.sentPerSecond, 1)} msg/s`,
      ]),
    };
  },
  async limits() {
    const result = await runLimitsScenario({
      limits: TELEGRAM_DEFAULT_LIMITS,
      clientsPerDesk: 2,
      drainDesks: 50,
      drainMessagesPerClient: 10,
      sustainedDesks: 10,
      sustainedMessagesPerClient: 25,
      watchMs: 240_000,
    });
    return {
      lines: describeLimits(result),
      summary: [
        [
          "3. drain, 1,000 msgs over 50 groups",
          `${fixed(result.drain.drainSeconds, 1)} s (ideal ${fixed(result.drain.idealDrainSeconds.max, 1)} s)`,
        ],
        [
          "3. budget utilisation with a backlog",
          `${fixed(result.sustained.utilisation.meanShare * 100, 1)} % (drain groups ${fixed(result.drain.utilisation.meanShare * 100, 1)} %); ${fixed(result.tooManyPerGroupHour, 2)} × 429 per group-hour`,
        ],
      ],
    };
  },
  async scale() {
    const result = await runScaleScenario({
      baselineDesks: 10,
      desks: 10_000,
      loads: [
        { groups: 300, ratePerSecond: 10 },
        { groups: 1_000, ratePerSecond: 50 },
      ],
      idleSampleMs: 10_000,
      laneRetireWaitMs: 35_000,
      loadWatchMs: 150_000,
    });
    return {
      lines: describeScale(result),
      summary: result.loadResults.map((load): [string, string] => {
        const cores = (role: string) =>
          fixed((load.usage.roles.find((entry) => entry.role === role)?.cores ?? Number.NaN) * 100);
        return [
          `4. 10,000 connections, ${load.ratePerSecond} msg/s`,
          `${load.check.delivered}/${load.check.sent} copied, p50 ${fixed(load.latency.p50)} ms; Redis conns peak ${load.peakRedis.clients}, ${load.idleAfter.redis.clients} idle after; router ${cores("router")} %, delivery ${cores("delivery")} % of a core`,
        ];
      }),
    };
  },
  async report() {
    // /stats 30d on a large desk: the target is under a second on a 2-core machine.
    const report = await runReportScenario({ dialogs: 100_000, spreadDays: 60, repeats: 5 });
    return {
      lines: [
        `5. /stats 30d on ${report.dialogs} dialogs (${report.events} events, seeded in ${fixed(report.seedMs / 1000, 1)} s)`,
        `   30-day report: first ${fixed(report.firstReportMs)} ms, median of 5 more ${fixed(report.medianReportMs)} ms (${report.conversationsInPeriod} conversations)`,
        `   chart PNG ${fixed(report.chartMs)} ms; /export of every dialog ${fixed(report.exportMs)} ms, ${fixed(report.exportBytes / 1e6, 1)} MB CSV`,
      ],
      summary: [
        [
          "5. /stats 30d, 100k dialogs",
          `${fixed(report.medianReportMs)} ms (first ${fixed(report.firstReportMs)} ms)`,
        ],
      ],
    };
  },
};

const requested = process.argv.slice(2);
const unknown = requested.filter((name) => !Object.hasOwn(scenarios, name));
if (unknown.length > 0) {
  process.stderr.write(
    `Unknown scenario ${unknown.join(", ")}: expected any of ${Object.keys(scenarios).join(", ")}.\n`,
  );
  process.exit(1);
}
const startedAt = performance.now();
const summary: Array<[string, string]> = [];
for (const name of requested.length > 0 ? requested : Object.keys(scenarios)) {
  const outcome = await scenarios[name]?.();
  if (!outcome) continue;
  console.log(`${outcome.lines.join("\n")}\n`);
  summary.push(...outcome.summary);
}
summary.push(["total bench time", `${fixed((performance.now() - startedAt) / 1000, 1)} s`]);
console.log(summaryTable(summary).join("\n"));
