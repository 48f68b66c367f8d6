import type { DeliveryJob } from "@topicdesk/contracts";
import type { DbExecutor, OutboxEntry } from "../database-schema.ts";

/** One delivery job bound for one BullMQ queue. */
export interface OutboxRow {
  queue: string;
  job: DeliveryJob;
}

/**
 * The router's idempotency ledger and transactional outbox. In one transaction the router marks an
 * inbound event processed, writes its state changes and its delivery jobs here; after commit it
 * moves the jobs to BullMQ and deletes them. A crash in between leaves the jobs here to be moved
 * again (BullMQ job ids make that harmless); a replayed event finds itself already processed.
 */
export class EventLedger {
  readonly #db: DbExecutor;

  constructor(db: DbExecutor) {
    this.#db = db;
  }

  /** True when the event is new (and is now marked), false when it was processed before. */
  async markProcessed(eventId: string): Promise<boolean> {
    const result = await this.#db
      .insertInto("processed_events")
      .values({ event_id: eventId })
      .onConflict((conflict) => conflict.column("event_id").doNothing())
      .executeTakeFirst();
    return (result.numInsertedOrUpdatedRows ?? 0n) > 0n;
  }

  async addOutbox(eventId: string, rows: readonly OutboxRow[]): Promise<OutboxEntry[]> {
    if (rows.length === 0) {
      return [];
    }
    return await this.#db
      .insertInto("outbox")
      .values(rows.map((row) => ({ event_id: eventId, queue: row.queue, job: JSON.stringify(row.job) })))
      .returningAll()
      .execute();
  }

  /** Jobs not yet moved to BullMQ, oldest first: of one event, or of all (a sweep after a crash). */
  async pendingOutbox(eventId?: string, limit = 1000): Promise<OutboxEntry[]> {
    let query = this.#db.selectFrom("outbox").selectAll().orderBy("id").limit(limit);
    if (eventId !== undefined) {
      query = query.where("event_id", "=", eventId);
    }
    return await query.execute();
  }

  async deleteOutbox(ids: readonly number[]): Promise<number> {
    if (ids.length === 0) {
      return 0;
    }
    const result = await this.#db
      .deleteFrom("outbox")
      .where("id", "in", [...ids])
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  /** Forgets events processed before `olderThan` (JetStream no longer redelivers them); returns how many. */
  async prune(olderThan: Date): Promise<number> {
    const result = await this.#db
      .deleteFrom("processed_events")
      .where("processed_at", "<", olderThan)
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  /**
   * Forgets every event of one connection, whose ids start with `<connection>:`. For a connection
   * whose update ids start over (the demo's simulator begins at 1 on every start).
   */
  async forgetConnection(connectionId: string): Promise<number> {
    const result = await this.#db
      .deleteFrom("processed_events")
      // Connection ids are [a-z0-9-] (CONNECTION_ID_PATTERN): nothing in them is special to LIKE.
      .where("event_id", "like", `${connectionId}:%`)
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
