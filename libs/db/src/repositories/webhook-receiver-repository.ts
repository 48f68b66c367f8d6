import type { DbExecutor } from "../database-schema.ts";
import type { WebhookReceiver } from "../schema/webhook-tables.ts";

/**
 * Each receiver's health, keyed by (connection, URL) whichever source configured it. Deliveries
 * report here; a receiver that failed too often in a row is paused until someone resumes it.
 */
export class WebhookReceiverRepository {
  readonly #db: DbExecutor;

  constructor(db: DbExecutor) {
    this.#db = db;
  }

  async recordSuccess(connectionId: string, url: string, at: Date): Promise<void> {
    await this.#db
      .insertInto("webhook_receivers")
      .values({ connection_id: connectionId, url, last_success_at: at, last_error: null })
      .onConflict((conflict) =>
        conflict
          .columns(["connection_id", "url"])
          .doUpdateSet({ consecutive_failures: 0, last_success_at: at, last_error: null }),
      )
      .execute();
  }

  /** Counts one more failed delivery in a row and returns the count. */
  async recordFailure(connectionId: string, url: string, error: string, at: Date): Promise<number> {
    const row = await this.#db
      .insertInto("webhook_receivers")
      .values({
        connection_id: connectionId,
        url,
        consecutive_failures: 1,
        last_error: error,
        last_failure_at: at,
      })
      .onConflict((conflict) =>
        conflict.columns(["connection_id", "url"]).doUpdateSet((eb) => ({
          consecutive_failures: eb("webhook_receivers.consecutive_failures", "+", 1),
          last_error: error,
          last_failure_at: at,
        })),
      )
      .returning("consecutive_failures")
      .executeTakeFirstOrThrow();
    return row.consecutive_failures;
  }

  /** Pauses the receiver; true only for the call that paused it (so the team is told once). */
  async pause(connectionId: string, url: string, at: Date): Promise<boolean> {
    const result = await this.#db
      .updateTable("webhook_receivers")
      .set({ paused_at: at })
      .where("connection_id", "=", connectionId)
      .where("url", "=", url)
      .where("paused_at", "is", null)
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }

  /** Resumes a paused receiver with a clean count; false when it was not paused. */
  async resume(connectionId: string, url: string): Promise<boolean> {
    const result = await this.#db
      .updateTable("webhook_receivers")
      .set({ paused_at: null, consecutive_failures: 0 })
      .where("connection_id", "=", connectionId)
      .where("url", "=", url)
      .where("paused_at", "is not", null)
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }

  async isPaused(connectionId: string, url: string): Promise<boolean> {
    const row = await this.#db
      .selectFrom("webhook_receivers")
      .select("paused_at")
      .where("connection_id", "=", connectionId)
      .where("url", "=", url)
      .executeTakeFirst();
    return row?.paused_at != null;
  }

  async list(connectionId: string): Promise<WebhookReceiver[]> {
    return await this.#db
      .selectFrom("webhook_receivers")
      .selectAll()
      .where("connection_id", "=", connectionId)
      .orderBy("url")
      .execute();
  }
}
