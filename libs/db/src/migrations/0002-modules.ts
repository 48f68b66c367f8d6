import { type Kysely, sql } from "kysely";

/**
 * Quick replies (`/say`) and labels (`/mark`). Frozen once released, like every migration: later
 * changes go into new files. Dialogs already carry their labels (`dialogs.labels`, 0001); this adds
 * the index that label segments (broadcasts, export) and label renames read.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("quick_replies")
    .addColumn("connection_id", "text", (col) =>
      col.notNull().references("connections.id").onDelete("cascade"),
    )
    .addColumn("name", "text", (col) => col.notNull())
    .addColumn("chat_id", "bigint", (col) => col.notNull())
    .addColumn("thread_id", "integer")
    .addColumn("message_ids", sql`integer[]`, (col) =>
      col.notNull().check(sql`cardinality(message_ids) between 1 and 10`),
    )
    .addColumn("saved_by", "bigint")
    .addColumn("created_at", "timestamptz", (col) => col.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint("quick_replies_pkey", ["connection_id", "name"])
    .execute();
  await db.schema
    .createTable("labels")
    .addColumn("connection_id", "text", (col) =>
      col.notNull().references("connections.id").onDelete("cascade"),
    )
    .addColumn("name", "text", (col) => col.notNull().check(sql`name ~ '^[a-z][a-z0-9_-]*$'`))
    .addColumn("ticker", "text")
    .addColumn("removes", sql`text[]`, (col) => col.notNull().defaultTo(sql`'{}'`))
    .addColumn("sends_template", "text")
    .addColumn("created_by", "bigint")
    .addColumn("created_at", "timestamptz", (col) => col.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint("labels_pkey", ["connection_id", "name"])
    .execute();
  // "Dialogs carrying label X": segments for broadcasts and export, renames and deletions of a label.
  await db.schema.createIndex("dialogs_labels_idx").on("dialogs").using("gin").column("labels").execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex("dialogs_labels_idx").execute();
  await db.schema.dropTable("labels").execute();
  await db.schema.dropTable("quick_replies").execute();
}
