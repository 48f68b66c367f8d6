import { type Kysely, sql } from "kysely";

/**
 * MTProto sessions (accounts and parallel bots) and their sealed storage. Frozen once released,
 * like every migration.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("mtproto_sessions")
    .addColumn("connection_id", "text", (col) =>
      col.primaryKey().references("connections.id").onDelete("cascade"),
    )
    .addColumn("mode", "text", (col) => col.notNull().check(sql`mode in ('user', 'bot')`))
    .addColumn("self_user_id", "bigint")
    .addColumn("authorized", "boolean", (col) => col.notNull().defaultTo(false))
    .addColumn("created_at", "timestamptz", (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn("updated_at", "timestamptz", (col) => col.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createTable("mtproto_session_entries")
    .addColumn("connection_id", "text", (col) =>
      col.notNull().references("mtproto_sessions.connection_id").onDelete("cascade"),
    )
    .addColumn("namespace", "text", (col) =>
      col.notNull().check(sql`namespace in ('auth', 'auth-temp', 'kv', 'peer')`),
    )
    .addColumn("key", "text", (col) => col.notNull())
    .addColumn("value_sealed", "text", (col) => col.notNull())
    .addColumn("updated_at", "timestamptz", (col) => col.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint("mtproto_session_entries_pkey", ["connection_id", "namespace", "key"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("mtproto_session_entries").execute();
  await db.schema.dropTable("mtproto_sessions").execute();
}
