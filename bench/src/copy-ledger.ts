import type { Message } from "@grammyjs/types";
import type { SimUser, TelegramSim } from "@topicdesk/telegram-sim";
import type { Desk } from "./cluster/desks.ts";

/** One numbered client message: who sent it, to which desk, and when (performance.now() ms). */
export interface SentMessage {
  seq: number;
  clientId: number;
  groupId: number;
  sentAt: number;
}

/** Where and when its copy first showed up in the backend group, and how many copies there were. */
export interface CopySighting {
  firstSeenAt: number;
  threadId: number | undefined;
  groupMessageId: number;
  copies: number;
}

export interface DeliveryCheck {
  sent: number;
  delivered: number;
  /** Extra copies of a message (each copy beyond the first counts once). */
  duplicates: number;
  /** Messages with no copy (lost, or not yet drained when the watch ended). */
  missing: number;
  /** Copies that landed outside the topic their client's other copies are in. */
  misplaced: number;
  /** Copies that appear in the topic before a message the same client sent earlier. */
  outOfOrder: number;
  /** Distinct topics the clients' copies landed in. */
  topics: number;
}

// Deleted group messages leave holes in the id sequence; look this far past one.
const LOOKAHEAD_IDS = 20;

interface WatchedGroup {
  nextMessageId: number;
  /** Messages sent to this group's desk whose copy was not seen yet. */
  outstanding: number;
}

/**
 * Sends numbered messages ("bench <n>") as clients and watches the backend groups for their
 * copies. Groups are read by message id, so a poll costs only what is new, and only groups still
 * owed a copy are polled (10,000 quiet groups cost nothing). Sightings are accurate to about the
 * poll interval plus event-loop delay; the simulator runs in this process, so there is no network
 * between the copy landing and the bench seeing it.
 */
export class CopyLedger {
  readonly sent = new Map<number, SentMessage>();
  readonly seen = new Map<number, CopySighting>();
  /** Group messages that are not client copies (topic-created notices, info cards …). */
  otherGroupMessages = 0;
  readonly #sim: TelegramSim;
  readonly #groups = new Map<number, WatchedGroup>();
  readonly #timer: NodeJS.Timeout;
  #nextSeq = 1;
  #lastSightingAt = performance.now();

  constructor(sim: TelegramSim, options: { pollIntervalMs?: number } = {}) {
    this.#sim = sim;
    this.#timer = setInterval(() => this.#pollOutstanding(), options.pollIntervalMs ?? 2);
  }

  /** A client of `desk` writes the next numbered message to its bot; returns its number. */
  send(desk: Desk, client: SimUser): number {
    const seq = this.#nextSeq++;
    this.sent.set(seq, { seq, clientId: client.id, groupId: desk.groupId, sentAt: performance.now() });
    const group = this.#groups.get(desk.groupId) ?? { nextMessageId: 1, outstanding: 0 };
    group.outstanding += 1;
    this.#groups.set(desk.groupId, group);
    this.#sim.sendAsUser(client.id, { botId: desk.bot.id }, { text: `bench ${seq}` });
    return seq;
  }

  latencyOf(seq: number): number | undefined {
    const sent = this.sent.get(seq);
    const seen = this.seen.get(seq);
    return sent && seen ? seen.firstSeenAt - sent.sentAt : undefined;
  }

  /**
   * Resolves once every one of `seqs` has a copy, or when nothing new arrived for `idleMs`
   * (a stuck or lossy pipeline), or at `deadlineMs`, whichever comes first.
   */
  async waitForCopies(seqs: readonly number[], idleMs: number, deadlineMs: number): Promise<void> {
    const deadline = performance.now() + deadlineMs;
    this.#lastSightingAt = Math.max(this.#lastSightingAt, performance.now());
    for (;;) {
      this.#pollOutstanding();
      const now = performance.now();
      if (seqs.every((seq) => this.seen.has(seq))) return;
      if (now - this.#lastSightingAt > idleMs || now > deadline) return;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  /** Reads every group once more, so copies that trail the last expected one count as duplicates. */
  sweep(): void {
    for (const [groupId, group] of this.#groups) this.#readNew(groupId, group);
  }

  check(seqs: readonly number[]): DeliveryCheck {
    this.sweep();
    const sightings = seqs.flatMap((seq) => {
      const seen = this.seen.get(seq);
      const sent = this.sent.get(seq);
      return seen && sent ? [{ seq, seen, clientId: sent.clientId, groupId: sent.groupId }] : [];
    });
    const byClient = Map.groupBy(sightings, (entry) => entry.clientId);
    let misplaced = 0;
    let outOfOrder = 0;
    const topics = new Set<string>();
    for (const entries of byClient.values()) {
      const home = mostCommon(entries.map((entry) => entry.seen.threadId));
      topics.add(`${entries[0]?.groupId}:${home}`);
      misplaced += entries.filter((entry) => entry.seen.threadId !== home).length;
      outOfOrder += countInversions(entries.map((entry) => entry.seen.groupMessageId));
    }
    return {
      sent: seqs.length,
      delivered: sightings.length,
      duplicates: sightings.reduce((sum, entry) => sum + entry.seen.copies - 1, 0),
      missing: seqs.length - sightings.length,
      misplaced,
      outOfOrder,
      topics: topics.size,
    };
  }

  stop(): void {
    clearInterval(this.#timer);
  }

  #pollOutstanding(): void {
    for (const [groupId, group] of this.#groups) {
      if (group.outstanding > 0) this.#readNew(groupId, group);
    }
  }

  #readNew(groupId: number, group: WatchedGroup): void {
    for (;;) {
      let message = this.#sim.message(groupId, group.nextMessageId);
      for (let skip = 1; message === undefined && skip <= LOOKAHEAD_IDS; skip += 1) {
        const later = this.#sim.message(groupId, group.nextMessageId + skip);
        if (later) group.nextMessageId += skip;
        message = later;
      }
      if (message === undefined) return;
      this.#record(message, group);
      group.nextMessageId += 1;
    }
  }

  #record(message: Message, group: WatchedGroup): void {
    const seq = seqOf(message);
    if (seq === undefined) {
      this.otherGroupMessages += 1;
      return;
    }
    const now = performance.now();
    this.#lastSightingAt = now;
    const earlier = this.seen.get(seq);
    if (earlier) {
      earlier.copies += 1;
      return;
    }
    group.outstanding -= 1;
    this.seen.set(seq, {
      firstSeenAt: now,
      threadId: message.message_thread_id,
      groupMessageId: message.message_id,
      copies: 1,
    });
  }
}

function seqOf(message: Message): number | undefined {
  const match = /^bench (\d+)$/.exec(message.text ?? message.caption ?? "");
  return match ? Number(match[1]) : undefined;
}

function mostCommon<T>(values: readonly T[]): T | undefined {
  const counts = new Map<T, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
}

/** Copies shown before one their client sent earlier; `ids` are in the order the client sent them. */
function countInversions(ids: readonly number[]): number {
  let inversions = 0;
  let highest = Number.NEGATIVE_INFINITY;
  for (const id of ids) {
    if (id < highest) inversions += 1;
    else highest = id;
  }
  return inversions;
}
