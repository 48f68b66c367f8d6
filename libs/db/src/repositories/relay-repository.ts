import type { DbExecutor } from "../database-schema.ts";
import type { ConnectionRelay } from "../schema/relay-tables.ts";
import type { SecretBox } from "../secret-box.ts";

/** Where a relaying connection forwards each update, with the secret header it sends (plaintext). */
export interface RelayTarget {
  connectionId: string;
  url: string;
  secret: string | undefined;
}

/** Webhook relay settings per connection; the other system's secret is stored sealed. */
export class RelayRepository {
  readonly #db: DbExecutor;

  constructor(db: DbExecutor) {
    this.#db = db;
  }

  /** Sets or replaces the connection's relay target. */
  async set(target: RelayTarget, box: SecretBox): Promise<void> {
    const row = {
      url: target.url,
      secret_encrypted: target.secret === undefined ? null : box.seal(target.secret),
    };
    await this.#db
      .insertInto("connection_relays")
      .values({ connection_id: target.connectionId, ...row })
      .onConflict((conflict) =>
        conflict.column("connection_id").doUpdateSet((eb) => ({ ...row, updated_at: eb.fn("now") })),
      )
      .execute();
  }

  async get(connectionId: string): Promise<ConnectionRelay | undefined> {
    return await this.#db
      .selectFrom("connection_relays")
      .selectAll()
      .where("connection_id", "=", connectionId)
      .executeTakeFirst();
  }

  async list(): Promise<ConnectionRelay[]> {
    return await this.#db.selectFrom("connection_relays").selectAll().orderBy("connection_id").execute();
  }

  /**
   * Relays of bot connections, paused ones included: pausing Topicdesk must not cut the other
   * system off from the updates that still arrive at our webhook.
   */
  async listForBots(): Promise<ConnectionRelay[]> {
    return await this.#db
      .selectFrom("connection_relays")
      .innerJoin("connections", "connections.id", "connection_relays.connection_id")
      .selectAll("connection_relays")
      .where("connections.kind", "=", "bot")
      .orderBy("connection_relays.connection_id")
      .execute();
  }

  /** Stops relaying for the connection. False when it did not relay. */
  async remove(connectionId: string): Promise<boolean> {
    const result = await this.#db
      .deleteFrom("connection_relays")
      .where("connection_id", "=", connectionId)
      .executeTakeFirst();
    return result.numDeletedRows > 0n;
  }

  /** Opens the sealed secret; throws SecretDecryptionError under another TOPICDESK_SECRET_KEY. */
  reveal(row: ConnectionRelay, box: SecretBox): RelayTarget {
    return {
      connectionId: row.connection_id,
      url: row.url,
      secret: row.secret_encrypted === null ? undefined : box.open(row.secret_encrypted),
    };
  }
}
