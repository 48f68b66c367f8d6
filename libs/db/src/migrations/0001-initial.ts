import { type Kysely, sql } from "kysely";

/**
 * The first schema. Migrations are frozen once released: later changes go into new files, never
 * edits here. Hence no imports of live constants (a changed constant would rewrite history).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await createConnections(db);
  await createDialogs(db);
  await createMessageLinks(db);
  await createOperatorsAndParameters(db);
  await createRouterBookkeeping(db);
  await createDialogEvents(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    "dialog_events",
    "album_parts",
    "outbox",
    "processed_events",
    "parameters",
    "operators",
    "message_links",
    "dialogs",
    "connections",
  ]) {
    await db.schema.dropTable(table).execute();
  }
}

async function createConnections(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("connections")
    .addColumn("id", "text", (col) => col.primaryKey())
    .addColumn("kind", "text", (col) => col.notNull().check(sql`kind in ('bot', 'account')`))
    .addColumn("title", "text", (col) => col.notNull())
    .addColumn("bot_user_id", "bigint")
    .addColumn("bot_username", "text")
    .addColumn("token_encrypted", "text")
    .addColumn("webhook_secret_encrypted", "text")
    .addColumn("backend_chat_id", "bigint", (col) => col.notNull())
    .addColumn("admin_user_id", "bigint")
    .addColumn("status", "text", (col) =>
      col.notNull().defaultTo("active").check(sql`status in ('active', 'paused')`),
    )
    .addColumn("created_at", "timestamptz", (col) => col.notNull().defaultTo(sql`now()`))
    .execute();
  // Operator messages arrive from the backend group: which connections serve it?
  await db.schema
    .createIndex("connections_backend_chat_idx")
    .on("connections")
    .column("backend_chat_id")
    .execute();
}

async function createDialogs(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("dialogs")
    .addColumn("id", "bigserial", (col) => col.primaryKey())
    .addColumn("connection_id", "text", (col) =>
      col.notNull().references("connections.id").onDelete("cascade"),
    )
    .addColumn("client_chat_id", "bigint", (col) => col.notNull())
    .addColumn("chat_type", "text", (col) => col.notNull())
    .addColumn("backend_chat_id", "bigint", (col) => col.notNull())
    .addColumn("topic_id", "integer")
    .addColumn("status", "text", (col) =>
      col.notNull().check(sql`status in ('user_answered', 'support_answered', 'closed')`),
    )
    .addColumn("first_name", "text")
    .addColumn("last_name", "text")
    .addColumn("username", "text")
    .addColumn("language_code", "text")
    .addColumn("phone", "text")
    .addColumn("title", "text")
    .addColumn("start_param", "text")
    .addColumn("topic_name", "text")
    .addColumn("icon_color", "integer")
    .addColumn("blocked", "boolean", (col) => col.notNull().defaultTo(false))
    .addColumn("banned", "boolean", (col) => col.notNull().defaultTo(false))
    .addColumn("labels", sql`text[]`, (col) => col.notNull().defaultTo(sql`'{}'`))
    .addColumn("created_at", "timestamptz", (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn("updated_at", "timestamptz", (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn("last_client_message_at", "timestamptz")
    .addColumn("last_operator_message_at", "timestamptz")
    .addColumn("status_changed_at", "timestamptz", (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn("closed_at", "timestamptz")
    // One dialog per client chat and connection: the router's lookup for every client message.
    .addUniqueConstraint("dialogs_connection_client_chat_key", ["connection_id", "client_chat_id"])
    .execute();
  // Operator messages name their topic: topic → dialog. Topics appear only once delivery made them.
  await db.schema
    .createIndex("dialogs_backend_topic_key")
    .on("dialogs")
    .columns(["backend_chat_id", "topic_id"])
    .unique()
    .where(sql.ref("topic_id"), "is not", null)
    .execute();
  // Auto-close sweeps: dialogs waiting on the client since before a cutoff.
  await db.schema
    .createIndex("dialogs_support_answered_idx")
    .on("dialogs")
    .columns(["connection_id", "last_operator_message_at"])
    .where(sql.ref("status"), "=", "support_answered")
    .execute();
}

async function createMessageLinks(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("message_links")
    .addColumn("id", "bigserial", (col) => col.primaryKey())
    .addColumn("dialog_id", "bigint", (col) => col.notNull().references("dialogs.id").onDelete("cascade"))
    .addColumn("direction", "text", (col) => col.notNull().check(sql`direction in ('inbound', 'outbound')`))
    .addColumn("client_chat_id", "bigint", (col) => col.notNull())
    .addColumn("client_message_id", "integer", (col) => col.notNull())
    .addColumn("backend_chat_id", "bigint", (col) => col.notNull())
    .addColumn("topic_message_id", "integer", (col) => col.notNull())
    .addColumn("created_at", "timestamptz", (col) => col.notNull().defaultTo(sql`now()`))
    // Both sides are unique, so a replayed delivery cannot record a link twice.
    .addUniqueConstraint("message_links_dialog_client_message_key", ["dialog_id", "client_message_id"])
    .addUniqueConstraint("message_links_backend_topic_message_key", ["backend_chat_id", "topic_message_id"])
    .execute();
  // Links are kept 90 days; pruning scans by age.
  await db.schema
    .createIndex("message_links_created_at_idx")
    .on("message_links")
    .column("created_at")
    .execute();
}

async function createOperatorsAndParameters(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("operators")
    .addColumn("backend_chat_id", "bigint", (col) => col.notNull())
    .addColumn("user_id", "bigint", (col) => col.notNull())
    .addColumn("first_name", "text", (col) => col.notNull())
    .addColumn("username", "text")
    .addColumn("last_seen_at", "timestamptz", (col) => col.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint("operators_pkey", ["backend_chat_id", "user_id"])
    .execute();
  await db.schema
    .createTable("parameters")
    .addColumn("connection_id", "text", (col) =>
      col.notNull().references("connections.id").onDelete("cascade"),
    )
    .addColumn("name", "text", (col) => col.notNull())
    .addColumn("value", "text", (col) => col.notNull())
    .addColumn("updated_at", "timestamptz", (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn("updated_by", "bigint")
    .addPrimaryKeyConstraint("parameters_pkey", ["connection_id", "name"])
    .execute();
}

/** Idempotency ledger, transactional outbox and album assembly: the router's working state. */
async function createRouterBookkeeping(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("processed_events")
    .addColumn("event_id", "text", (col) => col.primaryKey())
    .addColumn("processed_at", "timestamptz", (col) => col.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createIndex("processed_events_processed_at_idx")
    .on("processed_events")
    .column("processed_at")
    .execute();
  await db.schema
    .createTable("outbox")
    .addColumn("id", "bigserial", (col) => col.primaryKey())
    .addColumn("event_id", "text", (col) => col.notNull())
    .addColumn("queue", "text", (col) => col.notNull())
    .addColumn("job", "jsonb", (col) => col.notNull())
    .addColumn("created_at", "timestamptz", (col) => col.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex("outbox_event_idx").on("outbox").column("event_id").execute();
  await db.schema
    .createTable("album_parts")
    .addColumn("connection_id", "text", (col) => col.notNull())
    .addColumn("chat_id", "bigint", (col) => col.notNull())
    .addColumn("media_group_id", "text", (col) => col.notNull())
    .addColumn("message_id", "integer", (col) => col.notNull())
    .addColumn("created_at", "timestamptz", (col) => col.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint("album_parts_pkey", ["connection_id", "chat_id", "media_group_id", "message_id"])
    .execute();
  await db.schema.createIndex("album_parts_created_at_idx").on("album_parts").column("created_at").execute();
}

async function createDialogEvents(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("dialog_events")
    .addColumn("id", "bigserial", (col) => col.primaryKey())
    .addColumn("dialog_id", "bigint", (col) => col.notNull().references("dialogs.id").onDelete("cascade"))
    .addColumn("connection_id", "text", (col) => col.notNull())
    .addColumn("kind", "text", (col) =>
      col
        .notNull()
        .check(sql`kind in ('opened', 'reopened', 'client_message', 'operator_message', 'closed')`),
    )
    .addColumn("operator_id", "bigint")
    .addColumn("at", "timestamptz", (col) => col.notNull().defaultTo(sql`now()`))
    .execute();
  // Deleting a dialog (or its connection) cascades here; without this index each delete scans the log.
  await db.schema.createIndex("dialog_events_dialog_idx").on("dialog_events").column("dialog_id").execute();
  // Analytics read one connection over a time range.
  await db.schema
    .createIndex("dialog_events_connection_at_idx")
    .on("dialog_events")
    .columns(["connection_id", "at"])
    .execute();
}
