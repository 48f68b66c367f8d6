import type { DbExecutor } from "../database-schema.ts";

/** The digest of the webhook ingress last set for each bot (see migration 0010-webhook-registrations). */
export class WebhookRegistrationRepository {
  readonly #db: DbExecutor;

  constructor(db: DbExecutor) {
    this.#db = db;
  }

  /** Digests by connection id: of one connection, or of all. */
  async digests(connectionId?: string): Promise<Map<string, string>> {
    let query = this.#db.selectFrom("webhook_registrations").select(["connection_id", "digest"]);
    if (connectionId !== undefined) query = query.where("connection_id", "=", connectionId);
    const rows = await query.execute();
    return new Map(rows.map((row) => [row.connection_id, row.digest]));
  }

  async record(connectionId: string, digest: string): Promise<void> {
    await this.#db
      .insertInto("webhook_registrations")
      .values({ connection_id: connectionId, digest })
      .onConflict((conflict) =>
        conflict.column("connection_id").doUpdateSet((eb) => ({ digest, registered_at: eb.fn("now") })),
      )
      .execute();
  }
}
