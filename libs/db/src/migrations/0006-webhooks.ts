import { type Kysely, sql } from "kysely";

/**
 * Outgoing webhooks: per-connection keys, receivers registered through the API, each receiver's
 * health (failures in a row, paused), and the dead letters kept for replay. Frozen once released.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await createWebhookKeys(db);
  await createWebhookEndpoints(db);
  await createWebhookReceivers(db);
  await createWebhookDeadLetters(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ["webhook_dead_letters", "webhook_receivers", "webhook_endpoints", "webhook_keys"]) {
    await db.schema.dropTable(table).execute();
  }
}

async function createWebhookKeys(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("webhook_keys")
    .addColumn("connection_id", "text", (col) =>
      col.primaryKey().references("connections.id").onDelete("cascade"),
    )
    .addColumn("api_key_encrypted", "text", (col) => col.notNull())
    .addColumn("signing_secret_encrypted", "text", (col) => col.notNull())
    .addColumn("created_at", "timestamptz", (col) => col.notNull().defaultTo(sql`now()`))
    .execute();
}

async function createWebhookEndpoints(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("webhook_endpoints")
    .addColumn("id", "bigserial", (col) => col.primaryKey())
    .addColumn("connection_id", "text", (col) =>
      col.notNull().references("connections.id").onDelete("cascade"),
    )
    .addColumn("url", "text", (col) => col.notNull())
    .addColumn("events", sql`text[]`, (col) => col.notNull().check(sql`cardinality(events) > 0`))
    .addColumn("secret_encrypted", "text", (col) => col.notNull())
    .addColumn("created_at", "timestamptz", (col) => col.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint("webhook_endpoints_connection_url_key", ["connection_id", "url"])
    .execute();
}

async function createWebhookReceivers(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("webhook_receivers")
    .addColumn("connection_id", "text", (col) =>
      col.notNull().references("connections.id").onDelete("cascade"),
    )
    .addColumn("url", "text", (col) => col.notNull())
    .addColumn("consecutive_failures", "integer", (col) => col.notNull().defaultTo(0))
    .addColumn("last_error", "text")
    .addColumn("last_failure_at", "timestamptz")
    .addColumn("last_success_at", "timestamptz")
    .addColumn("paused_at", "timestamptz")
    .addPrimaryKeyConstraint("webhook_receivers_pkey", ["connection_id", "url"])
    .execute();
}

async function createWebhookDeadLetters(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("webhook_dead_letters")
    .addColumn("id", "bigserial", (col) => col.primaryKey())
    .addColumn("connection_id", "text", (col) =>
      col.notNull().references("connections.id").onDelete("cascade"),
    )
    .addColumn("url", "text", (col) => col.notNull())
    .addColumn("event_type", "text", (col) => col.notNull())
    .addColumn("event_id", "text", (col) => col.notNull())
    .addColumn("job", "jsonb", (col) => col.notNull())
    .addColumn("attempts", "integer", (col) => col.notNull())
    .addColumn("last_error", "text", (col) => col.notNull())
    .addColumn("failed_at", "timestamptz", (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn("replay_requested_at", "timestamptz")
    .addColumn("replayed_at", "timestamptz")
    .execute();
  await db.schema
    .createIndex("webhook_dead_letters_connection_idx")
    .on("webhook_dead_letters")
    .columns(["connection_id", "failed_at"])
    .execute();
  // The webhooks service polls for replays someone asked for; few rows ever match.
  await db.schema
    .createIndex("webhook_dead_letters_replay_idx")
    .on("webhook_dead_letters")
    .column("replay_requested_at")
    .where(sql.ref("replayed_at"), "is", null)
    .execute();
}
