import type { SimLimits } from "@topicdesk/telegram-sim";
import { type BenchSystem, startBenchSystem } from "../bench-system.ts";
import { CopyLedger, type DeliveryCheck } from "../copy-ledger.ts";
import { type SystemSnapshot, snapshotOf } from "../system-snapshot.ts";

export interface GroupLimitOptions {
  clients: number;
  messagesPerClient: number;
  /** How much of the drain to watch (the whole backlog takes backlog / perGroupPerMinute minutes). */
  measureMs: number;
  limits: SimLimits;
}

export interface GroupLimitResult extends GroupLimitOptions {
  backlog: number;
  /** Accepted sends into the backend group during the measured drain. */
  groupSends: number;
  /** Sends in the first 60 s after the backlog was written (the ceiling allows perGroupPerMinute). */
  firstMinuteSends: number;
  /** Most sends inside any 60 s window of the drain; above the ceiling means we overran it. */
  busiestMinuteSends: number;
  /** Sends per 10 s bucket from the moment the backlog was written. */
  timeline: number[];
  /** 429 answers from the simulator while setting up the topics and during the drain. */
  setupTooManyRequests: number;
  drainTooManyRequests: number;
  check: DeliveryCheck;
  /** Seconds from the backlog to its first copy. */
  firstCopyAfterSeconds: number;
  system: SystemSnapshot;
}

const MINUTE_MS = 60_000;
const BUCKET_MS = 10_000;
/** Moves the simulator's flood windows past the topic set-up, so the drain starts with a full budget. */
const CLOCK_JUMP_MS = MINUTE_MS + 1_000;

/**
 * Telegram's real limits on both sides: clients whose topics already exist write a backlog all at
 * once, and we watch how fast the one backend group drains against its 20-sends-a-minute ceiling.
 */
export async function runGroupLimitScenario(options: GroupLimitOptions): Promise<GroupLimitResult> {
  const system = await startBenchSystem({
    name: "limit",
    clients: options.clients,
    telegramLimits: options.limits,
  });
  const ledger = new CopyLedger(system);
  try {
    await openTopics(system, ledger);
    const setupTooManyRequests = system.sim.stats().tooManyRequests;
    system.sim.advanceClock(CLOCK_JUMP_MS);
    await system.restartWithFreshQueues();
    system.queries.reset();
    const sendsBefore = groupSendTimes(system).length;
    // On the simulator's clock, which send times are stamped with.
    const backlogAt = Date.now() + CLOCK_JUMP_MS;
    const startedAt = performance.now();
    const seqs: number[] = [];
    for (let round = 0; round < options.messagesPerClient; round += 1) {
      for (const client of system.clients) seqs.push(ledger.send(client));
    }
    await ledger.waitForCopies(seqs, options.measureMs, options.measureMs);
    const rest = startedAt + options.measureMs - performance.now();
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, rest)));
    const sends = groupSendTimes(system)
      .slice(sendsBefore)
      .map((at) => at - backlogAt);
    const firstCopy = Math.min(
      ...seqs.map((seq) => ledger.seen.get(seq)?.firstSeenAt ?? Number.POSITIVE_INFINITY),
    );
    return {
      ...options,
      backlog: seqs.length,
      groupSends: sends.length,
      firstMinuteSends: sends.filter((at) => at < MINUTE_MS).length,
      busiestMinuteSends: busiestWindow(sends, MINUTE_MS),
      timeline: bucketed(sends, BUCKET_MS, options.measureMs),
      setupTooManyRequests,
      drainTooManyRequests: system.sim.stats().tooManyRequests - setupTooManyRequests,
      check: ledger.check(seqs),
      firstCopyAfterSeconds: (firstCopy - startedAt) / 1000,
      system: snapshotOf(system),
    };
  } finally {
    ledger.stop();
    await system.stop();
  }
}

/** Each client's first message opens its topic (a createForumTopic and a copy: two group sends). */
async function openTopics(system: BenchSystem, ledger: CopyLedger): Promise<void> {
  const seqs = system.clients.map((client) => ledger.send(client));
  await ledger.waitForCopies(seqs, 30_000, 90_000);
  const missing = seqs.filter((seq) => !ledger.seen.has(seq));
  if (missing.length > 0) throw new Error(`set-up: ${missing.length} first messages never reached a topic`);
}

function groupSendTimes(system: BenchSystem): number[] {
  return system.sim.stats().sendsByChat[system.groupId] ?? [];
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

function bucketed(times: readonly number[], bucketMs: number, spanMs: number): number[] {
  const buckets = new Array<number>(Math.ceil(spanMs / bucketMs)).fill(0);
  for (const at of times) {
    const index = Math.floor(at / bucketMs);
    if (index >= 0 && index < buckets.length) buckets[index] = (buckets[index] ?? 0) + 1;
  }
  return buckets;
}
