import { CONNECTION_ID_PATTERN } from "@topicdesk/contracts";
import type { DbExecutor } from "../database-schema.ts";
import { InvalidConnectionIdError } from "../repository-errors.ts";
import type { MtprotoEntryNamespace, MtprotoSession, MtprotoSessionMode } from "../schema/accounts-tables.ts";
import type { SecretBox } from "../secret-box.ts";

/** One storage entry as the session sees it: plaintext here, sealed in the table. */
export interface SessionEntry {
  namespace: MtprotoEntryNamespace;
  key: string;
  value: string;
}

/** A change to a session's storage: a new value, or `null` to delete the entry. */
export interface SessionEntryChange {
  namespace: MtprotoEntryNamespace;
  key: string;
  value: string | null;
}

/**
 * MTProto sessions of accounts and parallel bots, and their storage entries (auth keys, update
 * state, peers), sealed with the SecretBox before they reach a query and opened only on load.
 */
export class MtprotoSessionRepository {
  readonly #db: DbExecutor;

  constructor(db: DbExecutor) {
    this.#db = db;
  }

  /** Registers a session for a connection (idempotent); a new login starts unauthorized. */
  async ensure(connectionId: string, mode: MtprotoSessionMode): Promise<MtprotoSession> {
    if (!CONNECTION_ID_PATTERN.test(connectionId)) throw new InvalidConnectionIdError(connectionId);
    return await this.#db
      .insertInto("mtproto_sessions")
      .values({ connection_id: connectionId, mode })
      .onConflict((conflict) =>
        conflict.column("connection_id").doUpdateSet({ mode, updated_at: new Date() }),
      )
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  async get(connectionId: string): Promise<MtprotoSession | undefined> {
    return await this.#db
      .selectFrom("mtproto_sessions")
      .selectAll()
      .where("connection_id", "=", connectionId)
      .executeTakeFirst();
  }

  /** Every session, whatever its state (the CLI's `accounts list`). */
  async list(): Promise<MtprotoSession[]> {
    return await this.#db.selectFrom("mtproto_sessions").selectAll().orderBy("connection_id").execute();
  }

  /** Forgets a session and its sealed storage (log-out); false when there was none. */
  async remove(connectionId: string): Promise<boolean> {
    const result = await this.#db
      .deleteFrom("mtproto_sessions")
      .where("connection_id", "=", connectionId)
      .executeTakeFirst();
    return result.numDeletedRows > 0n;
  }

  /** Sessions whose login completed and whose connection is active: the ones to run. */
  async listRunnable(): Promise<MtprotoSession[]> {
    return await this.#db
      .selectFrom("mtproto_sessions")
      .innerJoin("connections", "connections.id", "mtproto_sessions.connection_id")
      .selectAll("mtproto_sessions")
      .where("mtproto_sessions.authorized", "=", true)
      .where("connections.status", "=", "active")
      .orderBy("mtproto_sessions.connection_id")
      .execute();
  }

  async markAuthorized(connectionId: string, selfUserId: number): Promise<void> {
    await this.#db
      .updateTable("mtproto_sessions")
      .set({ authorized: true, self_user_id: selfUserId, updated_at: new Date() })
      .where("connection_id", "=", connectionId)
      .execute();
  }

  /** Every entry of the session, opened. Throws SecretDecryptionError under another key. */
  async loadEntries(connectionId: string, box: SecretBox): Promise<SessionEntry[]> {
    const rows = await this.#db
      .selectFrom("mtproto_session_entries")
      .select(["namespace", "key", "value_sealed"])
      .where("connection_id", "=", connectionId)
      .execute();
    return rows.map((row) => ({ namespace: row.namespace, key: row.key, value: box.open(row.value_sealed) }));
  }

  /** Writes and deletes entries; the caller batches them (one statement per kind of change). */
  async applyChanges(connectionId: string, changes: readonly SessionEntryChange[], box: SecretBox) {
    const upserts = changes.filter((change): change is SessionEntry => change.value !== null);
    const deletes = changes.filter((change) => change.value === null);
    if (upserts.length > 0) {
      await this.#db
        .insertInto("mtproto_session_entries")
        .values(
          upserts.map((entry) => ({
            connection_id: connectionId,
            namespace: entry.namespace,
            key: entry.key,
            value_sealed: box.seal(entry.value),
          })),
        )
        .onConflict((conflict) =>
          conflict.columns(["connection_id", "namespace", "key"]).doUpdateSet((eb) => ({
            value_sealed: eb.ref("excluded.value_sealed"),
            updated_at: new Date(),
          })),
        )
        .execute();
    }
    for (const entry of deletes) {
      await this.#db
        .deleteFrom("mtproto_session_entries")
        .where("connection_id", "=", connectionId)
        .where("namespace", "=", entry.namespace)
        .where("key", "=", entry.key)
        .execute();
    }
  }

  /** Forgets a namespace (or the whole storage): a log-out, or auth keys dropped by Telegram. */
  async clearEntries(connectionId: string, namespaces?: readonly MtprotoEntryNamespace[]): Promise<void> {
    let query = this.#db.deleteFrom("mtproto_session_entries").where("connection_id", "=", connectionId);
    if (namespaces !== undefined) query = query.where("namespace", "in", [...namespaces]);
    await query.execute();
  }
}
