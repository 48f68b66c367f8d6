import type { DbExecutor } from "../database-schema.ts";
import type { WebhookDeadLetter } from "../schema/webhook-tables.ts";

export interface NewWebhookDeadLetter {
  connectionId: string;
  url: string;
  eventType: string;
  eventId: string;
  job: object;
  attempts: number;
  lastError: string;
}

export interface DeadLetterFilter {
  /** Only letters not yet replayed (the default), or all of them. */
  pendingOnly?: boolean;
  url?: string;
  limit?: number;
  /** Only letters older than this id: the next page after a page ending with it. */
  beforeId?: number;
}

/**
 * Webhook deliveries that ran out of retries. The HTTP API and the CLI list them and ask for a
 * replay; the webhooks service claims the requests and queues the deliveries again, so a replay
 * needs no connection to the service's queue.
 */
export class WebhookDeadLetterRepository {
  readonly #db: DbExecutor;

  constructor(db: DbExecutor) {
    this.#db = db;
  }

  async add(letter: NewWebhookDeadLetter): Promise<WebhookDeadLetter> {
    return await this.#db
      .insertInto("webhook_dead_letters")
      .values({
        connection_id: letter.connectionId,
        url: letter.url,
        event_type: letter.eventType,
        event_id: letter.eventId,
        job: JSON.stringify(letter.job),
        attempts: letter.attempts,
        last_error: letter.lastError,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  /** Newest first. */
  async list(connectionId: string, filter: DeadLetterFilter = {}): Promise<WebhookDeadLetter[]> {
    let query = this.#db
      .selectFrom("webhook_dead_letters")
      .selectAll()
      .where("connection_id", "=", connectionId)
      .orderBy("id", "desc")
      .limit(filter.limit ?? 100);
    if (filter.pendingOnly ?? true) query = query.where("replayed_at", "is", null);
    if (filter.url !== undefined) query = query.where("url", "=", filter.url);
    if (filter.beforeId !== undefined) query = query.where("id", "<", filter.beforeId);
    return await query.execute();
  }

  /**
   * Asks for a replay of the given letters (or of every pending one of the connection when `ids`
   * is omitted). Returns the ids that will be replayed; ids of another connection are ignored.
   */
  async requestReplay(connectionId: string, ids?: readonly number[], at = new Date()): Promise<number[]> {
    if (ids !== undefined && ids.length === 0) return [];
    let query = this.#db
      .updateTable("webhook_dead_letters")
      .set({ replay_requested_at: at })
      .where("connection_id", "=", connectionId)
      .where("replayed_at", "is", null);
    if (ids !== undefined) query = query.where("id", "in", [...ids]);
    const rows = await query.returning("id").execute();
    return rows.map((row) => row.id).sort((a, b) => a - b);
  }

  /**
   * Replay requests not yet carried out, oldest first, locked for this transaction so two
   * webhooks processes never both replay one letter. Call inside a transaction, queue the
   * deliveries, then `markReplayed`.
   */
  async lockReplayRequests(limit: number): Promise<WebhookDeadLetter[]> {
    return await this.#db
      .selectFrom("webhook_dead_letters")
      .selectAll()
      .where("replay_requested_at", "is not", null)
      .where("replayed_at", "is", null)
      .orderBy("id")
      .limit(limit)
      .forUpdate()
      .skipLocked()
      .execute();
  }

  async markReplayed(ids: readonly number[], at: Date): Promise<void> {
    if (ids.length === 0) return;
    await this.#db
      .updateTable("webhook_dead_letters")
      .set({ replayed_at: at })
      .where("id", "in", [...ids])
      .execute();
  }
}
