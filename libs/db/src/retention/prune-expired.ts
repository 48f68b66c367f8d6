import type { DbExecutor } from "../database-schema.ts";
import { AlbumRepository } from "../repositories/album-repository.ts";
import { EventLedger } from "../repositories/event-ledger.ts";
import { MessageLinkRepository } from "../repositories/message-link-repository.ts";

const DAY_MS = 24 * 60 * 60 * 1000;

/** How long each kind of bookkeeping row is kept, in days. */
export const RETENTION_DAYS = {
  /** Replies, edits and reactions to messages older than this are no longer mirrored. */
  messageLinks: 90,
  /** Must outlast the inbound stream's maximum age, or a redelivered event could be handled twice. */
  processedEvents: 7,
  /** An album arrives within seconds; a day is ample for a slow or retried delivery. */
  albumParts: 1,
} as const;

export interface PrunedCounts {
  messageLinks: number;
  processedEvents: number;
  albumParts: number;
}

/** Deletes every row past its retention; meant for a periodic maintenance job. */
export async function pruneExpired(db: DbExecutor, now: Date = new Date()): Promise<PrunedCounts> {
  const before = (days: number) => new Date(now.getTime() - days * DAY_MS);
  return {
    messageLinks: await new MessageLinkRepository(db).prune(before(RETENTION_DAYS.messageLinks)),
    processedEvents: await new EventLedger(db).prune(before(RETENTION_DAYS.processedEvents)),
    albumParts: await new AlbumRepository(db).prune(before(RETENTION_DAYS.albumParts)),
  };
}
