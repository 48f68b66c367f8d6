import type { SimLimits } from "@topicdesk/telegram-sim";
import { startBenchCluster } from "../cluster/bench-cluster.ts";
import { type ClusterSnapshot, snapshotOf } from "../cluster/cluster-snapshot.ts";
import type { Desk } from "../cluster/desks.ts";
import { CopyLedger, type DeliveryCheck } from "../copy-ledger.ts";
import { type Distribution, distributionOf } from "../percentiles.ts";

export interface LimitsOptions {
  limits: SimLimits;
  clientsPerDesk: number;
  /** Desks whose clients write the drain backlog (each client's first message opens a topic). */
  drainDesks: number;
  drainMessagesPerClient: number;
  /** Desks with a backlog several minutes long, for the utilisation of the budget. */
  sustainedDesks: number;
  sustainedMessagesPerClient: number;
  /** Longest the bench waits for the backlogs to drain. */
  watchMs: number;
}

/** Sends into one backend group, relative to the moment the backlog was written. */
interface GroupSends {
  desk: Desk;
  seqs: number[];
  times: number[];
}

export interface UtilisationFigures {
  /** Sends per full 60 s window (from the backlog's start) that ended while the group still had a backlog. */
  windows: Distribution;
  /** The windows' mean sends as a share of the group budget. */
  meanShare: number;
  /** Most sends in any 60 s window of any group: above the budget means we overran Telegram's limit. */
  busiestWindow: number;
}

export interface DrainFigures {
  groups: number;
  messages: number;
  check: DeliveryCheck;
  /** From the backlog's first message to its last copy, over all groups. */
  drainSeconds: number;
  /** Per group: backlog start → its last send into the group. */
  groupDrainSeconds: Distribution;
  /** Per group: the drain a sender exactly at Telegram's limit would need for the same sends. */
  idealDrainSeconds: Distribution;
  /** Group sends per group (topic, opening card and copies). */
  sendsPerGroup: Distribution;
  utilisation: UtilisationFigures;
}

export interface LimitsResult extends LimitsOptions {
  drain: DrainFigures;
  sustained: DrainFigures;
  /** 429 answers over the whole run, and normalised per group per hour. */
  tooManyRequests: number;
  tooManyPerGroupHour: number;
  runSeconds: number;
  snapshot: ClusterSnapshot;
}

const MINUTE_MS = 60_000;

/**
 * Telegram's limits on, in the simulator and in our delivery. Each desk (bot) has a backend group
 * of its own. At one moment the clients of every desk write their whole backlog, every client's
 * first message opening a topic: `drainDesks` desks hold 1,000 messages together, the
 * `sustainedDesks` ones enough to keep their group's budget busy for minutes. Send times come from
 * the simulator (`stats().sendsByChat`), whose clock is not moved: the budgets are real minutes.
 */
export async function runLimitsScenario(options: LimitsOptions): Promise<LimitsResult> {
  const cluster = await startBenchCluster({
    desks: options.drainDesks + options.sustainedDesks,
    clientsPerDesk: options.clientsPerDesk,
    telegramLimits: options.limits,
    replicas: 1,
    updates: "polling",
  });
  const ledger = new CopyLedger(cluster.sim, { pollIntervalMs: 10 });
  try {
    const drainDesks = cluster.desks.slice(0, options.drainDesks);
    const sustainedDesks = cluster.desks.slice(options.drainDesks);
    const perDesk = new Map<Desk, number[]>(cluster.desks.map((desk) => [desk, []]));
    const rounds = Math.max(options.drainMessagesPerClient, options.sustainedMessagesPerClient);
    const backlogAt = Date.now();
    const startedAt = performance.now();
    for (let round = 0; round < rounds; round += 1) {
      for (const desk of cluster.desks) {
        const wanted = drainDesks.includes(desk)
          ? options.drainMessagesPerClient
          : options.sustainedMessagesPerClient;
        if (round >= wanted) continue;
        for (const client of desk.clients) perDesk.get(desk)?.push(ledger.send(desk, client));
      }
    }
    // Quiet stretches of up to a minute are expected (a group waits for its budget).
    await ledger.waitForCopies([...perDesk.values()].flat(), 90_000, options.watchMs);
    const runSeconds = (performance.now() - startedAt) / 1000;
    const stats = cluster.sim.stats();
    const groupSends = (desks: Desk[]): GroupSends[] =>
      desks.map((desk) => ({
        desk,
        seqs: perDesk.get(desk) ?? [],
        times: (stats.sendsByChat[desk.groupId] ?? []).map((at) => at - backlogAt),
      }));
    const figures = (groups: GroupSends[]) => drainFigures(groups, ledger, startedAt, options.limits);
    const groups = cluster.desks.length;
    return {
      ...options,
      drain: figures(groupSends(drainDesks)),
      sustained: figures(groupSends(sustainedDesks)),
      tooManyRequests: stats.tooManyRequests,
      tooManyPerGroupHour: stats.tooManyRequests / groups / (runSeconds / 3600),
      runSeconds,
      snapshot: snapshotOf(cluster),
    };
  } finally {
    ledger.stop();
    await cluster.stop();
  }
}

function drainFigures(
  groups: GroupSends[],
  ledger: CopyLedger,
  startedAt: number,
  limits: SimLimits,
): DrainFigures {
  const seqs = groups.flatMap((group) => group.seqs);
  const lastCopyAt = Math.max(...seqs.map((seq) => ledger.seen.get(seq)?.firstSeenAt ?? Number.NaN));
  return {
    groups: groups.length,
    messages: seqs.length,
    check: ledger.check(seqs),
    drainSeconds: (lastCopyAt - startedAt) / 1000,
    groupDrainSeconds: distributionOf(groups.map((group) => (group.times.at(-1) ?? Number.NaN) / 1000)),
    idealDrainSeconds: distributionOf(
      groups.map((group) => idealDrainMs(group.times.length, limits.perGroupPerMinute) / 1000),
    ),
    sendsPerGroup: distributionOf(groups.map((group) => group.times.length)),
    utilisation: utilisationOf(groups, limits.perGroupPerMinute),
  };
}

/** A sender that starts with a full budget sends `budget` at once, then `budget` each minute. */
function idealDrainMs(sends: number, budget: number): number {
  return sends === 0 ? 0 : Math.floor((sends - 1) / budget) * MINUTE_MS;
}

function utilisationOf(groups: GroupSends[], budget: number): UtilisationFigures {
  const windows: number[] = [];
  for (const { times } of groups) {
    const backlogEnd = times.at(-1) ?? 0;
    for (let start = 0; start + MINUTE_MS <= backlogEnd; start += MINUTE_MS) {
      windows.push(times.filter((at) => at >= start && at < start + MINUTE_MS).length);
    }
  }
  const mean = windows.reduce((sum, count) => sum + count, 0) / windows.length;
  return {
    windows: distributionOf(windows),
    meanShare: mean / budget,
    busiestWindow: Math.max(...groups.map((group) => busiestWindow(group.times, MINUTE_MS))),
  };
}

function busiestWindow(times: readonly number[], windowMs: number): number {
  let busiest = 0;
  let start = 0;
  for (let end = 0; end < times.length; end += 1) {
    while ((times[end] ?? 0) - (times[start] ?? 0) >= windowMs) start += 1;
    busiest = Math.max(busiest, end - start + 1);
  }
  return busiest;
}
