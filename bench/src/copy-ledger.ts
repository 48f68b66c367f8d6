import type { Message } from "@grammyjs/types";
import type { SimUser } from "@topicdesk/telegram-sim";
import type { BenchSystem } from "./bench-system.ts";

/** One numbered client message: who sent it and when (performance.now() ms). */
export interface SentMessage {
  seq: number;
  clientId: number;
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
  duplicates: number;
  missing: number;
  /** Copies that landed outside the topic their client's other copies are in. */
  misplaced: number;
  /** Copies that appear in the topic before a message the same client sent earlier. */
  outOfOrder: number;
  /** Distinct topics the clients' copies landed in. */
  topics: number;
}

const POLL_INTERVAL_MS = 2;
// Deleted group messages leave holes in the id sequence; look this far past one.
const LOOKAHEAD_IDS = 20;

/**
 * Sends numbered messages ("bench <n>") as clients and watches the backend group for their
 * copies. The group is read by message id, so each poll costs only the messages new since the
 * last one; sightings are therefore accurate to about the poll interval plus event-loop delay.
 */
export class CopyLedger {
  readonly sent = new Map<number, SentMessage>();
  readonly seen = new Map<number, CopySighting>();
  /** Group messages that are not client copies (topic-created notices, info cards …). */
  otherGroupMessages = 0;
  readonly #system: BenchSystem;
  readonly #timer: NodeJS.Timeout;
  #nextSeq = 1;
  #nextGroupMessageId = 1;
  #lastSightingAt = performance.now();

  constructor(system: BenchSystem) {
    this.#system = system;
    this.#timer = setInterval(() => this.#poll(), POLL_INTERVAL_MS);
  }

  /** A client writes the next numbered message to the bot; returns its number. */
  send(client: SimUser): number {
    const seq = this.#nextSeq++;
    this.sent.set(seq, { seq, clientId: client.id, sentAt: performance.now() });
    this.#system.sim.sendAsUser(client.id, { botId: this.#system.bot.id }, { text: `bench ${seq}` });
    return seq;
  }

  latencyOf(seq: number): number | undefined {
    const sent = this.sent.get(seq);
    const seen = this.seen.get(seq);
    return sent && seen ? seen.firstSeenAt - sent.sentAt : undefined;
  }

  /**
   * Resolves once every one of `seqs` has a copy, or when nothing new arrived for `idleMs`
   * (a stuck or lossy pipeline), or at `deadlineMs` — whichever comes first.
   */
  async waitForCopies(seqs: readonly number[], idleMs: number, deadlineMs: number): Promise<void> {
    const deadline = performance.now() + deadlineMs;
    for (;;) {
      this.#poll();
      const now = performance.now();
      if (seqs.every((seq) => this.seen.has(seq))) return;
      if (now - this.#lastSightingAt > idleMs || now > deadline) return;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  check(seqs: readonly number[]): DeliveryCheck {
    const sightings = seqs.flatMap((seq) => {
      const seen = this.seen.get(seq);
      const sent = this.sent.get(seq);
      return seen && sent ? [{ seq, seen, clientId: sent.clientId }] : [];
    });
    const byClient = Map.groupBy(sightings, (entry) => entry.clientId);
    let misplaced = 0;
    let outOfOrder = 0;
    const topics = new Set<number | undefined>();
    for (const entries of byClient.values()) {
      const home = mostCommon(entries.map((entry) => entry.seen.threadId));
      topics.add(home);
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

  #poll(): void {
    const { sim, groupId } = this.#system;
    for (;;) {
      let message = sim.message(groupId, this.#nextGroupMessageId);
      for (let skip = 1; message === undefined && skip <= LOOKAHEAD_IDS; skip += 1) {
        const later = sim.message(groupId, this.#nextGroupMessageId + skip);
        if (later) this.#nextGroupMessageId += skip;
        message = later;
      }
      if (message === undefined) return;
      this.#record(message);
      this.#nextGroupMessageId += 1;
    }
  }

  #record(message: Message): void {
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

/** Pairs that appear in the wrong order; `ids` are listed in the order the client sent them. */
function countInversions(ids: readonly number[]): number {
  let inversions = 0;
  let highest = Number.NEGATIVE_INFINITY;
  for (const id of ids) {
    if (id < highest) inversions += 1;
    else highest = id;
  }
  return inversions;
}
