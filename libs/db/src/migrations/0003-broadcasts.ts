import { type Kysely, sql } from "kysely";

/**
 * Broadcasts (`/send`): one row per broadcast and one per recipient, so a restarted runner resumes
 * where it stopped and never writes to anyone twice. Frozen once released.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("broadcasts")
    .addColumn("id", "bigserial", (col) => col.primaryKey())
    .addColumn("connection_id", "text", (col) =>
      col.notNull().references("connections.id").onDelete("cascade"),
    )
    .addColumn("backend_chat_id", "bigint", (col) => col.notNull())
    .addColumn("command_event_id", "text", (col) => col.notNull().unique())
    .addColumn("created_by", "bigint", (col) => col.notNull())
    .addColumn("source_chat_id", "bigint", (col) => col.notNull())
    .addColumn("source_message_id", "integer", (col) => col.notNull())
    .addColumn("audience", "text", (col) => col.notNull())
    .addColumn("status", "text", (col) =>
      col.notNull().check(sql`status in ('draft', 'scheduled', 'running', 'paused', 'cancelled', 'done')`),
    )
    .addColumn("scheduled_at", "timestamptz")
    .addColumn("total", "integer", (col) => col.notNull())
    .addColumn("progress_message_id", "integer")
    .addColumn("lease_owner", "text")
    .addColumn("lease_until", "timestamptz")
    .addColumn("created_at", "timestamptz", (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn("started_at", "timestamptz")
    .addColumn("finished_at", "timestamptz")
    .addColumn("report_sent_at", "timestamptz")
    .execute();
  // The runner's poll: broadcasts that are running or due.
  await db.schema
    .createIndex("broadcasts_active_idx")
    .on("broadcasts")
    .columns(["status", "scheduled_at"])
    .where(sql.ref("status"), "in", sql`('scheduled', 'running')`)
    .execute();
  await db.schema
    .createTable("broadcast_recipients")
    .addColumn("broadcast_id", "bigint", (col) =>
      col.notNull().references("broadcasts.id").onDelete("cascade"),
    )
    .addColumn("chat_id", "bigint", (col) => col.notNull())
    .addColumn("connection_id", "text", (col) => col.notNull())
    .addColumn("status", "text", (col) =>
      col
        .notNull()
        .defaultTo("pending")
        .check(sql`status in ('pending', 'sending', 'sent', 'blocked', 'failed', 'skipped')`),
    )
    .addColumn("reason", "text")
    .addColumn("message_id", "integer")
    .addColumn("updated_at", "timestamptz")
    .addPrimaryKeyConstraint("broadcast_recipients_pkey", ["broadcast_id", "chat_id"])
    .execute();
  // Next pending recipients of a broadcast, and counts by status for progress.
  await db.schema
    .createIndex("broadcast_recipients_status_idx")
    .on("broadcast_recipients")
    .columns(["broadcast_id", "status"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("broadcast_recipients").execute();
  await db.schema.dropTable("broadcasts").execute();
}
