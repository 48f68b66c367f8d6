import { type Kysely, sql } from "kysely";

/**
 * What each MTProto session sent on delivery's behalf, so its own sends seen again as updates (at
 * once, or replayed by a catch-up after a restart) are never shown as intercepted. Ids only, no
 * content. Frozen once released, like every migration.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("mtproto_sent_messages")
    .addColumn("connection_id", "text", (col) =>
      col.notNull().references("mtproto_sessions.connection_id").onDelete("cascade"),
    )
    .addColumn("chat_id", "bigint", (col) => col.notNull())
    .addColumn("message_id", "bigint", (col) => col.notNull())
    .addColumn("sent_at", "timestamptz", (col) => col.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint("mtproto_sent_messages_pkey", ["connection_id", "chat_id", "message_id"])
    .execute();
  // Pruning by age.
  await db.schema
    .createIndex("mtproto_sent_messages_sent_at_idx")
    .on("mtproto_sent_messages")
    .column("sent_at")
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("mtproto_sent_messages").execute();
}
