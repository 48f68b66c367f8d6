import { type Kysely, sql } from "kysely";

/**
 * The HTTP API's tables: API keys (stored as hashes only), the custom topics integrators create by
 * a key, and the outcome of each message posted through the API. Frozen once released.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await createApiKeys(db);
  await createApiTopics(db);
  await createApiPosts(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ["api_posts", "api_topics", "api_keys"]) await db.schema.dropTable(table).execute();
}

async function createApiKeys(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("api_keys")
    .addColumn("id", "bigserial", (col) => col.primaryKey())
    // Null: an installation-wide key (adds and lists connections); created only from the CLI.
    .addColumn("connection_id", "text", (col) => col.references("connections.id").onDelete("cascade"))
    .addColumn("label", "text", (col) => col.notNull())
    // The first characters of the key, so a person can tell their keys apart without the secret.
    .addColumn("key_prefix", "text", (col) => col.notNull())
    .addColumn("key_hash", "text", (col) => col.notNull().unique())
    .addColumn("scopes", sql`text[]`, (col) =>
      col.notNull().check(sql`scopes <@ array['read', 'write', 'admin']::text[] and cardinality(scopes) > 0`),
    )
    .addColumn("created_at", "timestamptz", (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn("last_used_at", "timestamptz")
    .addColumn("revoked_at", "timestamptz")
    .execute();
  await db.schema.createIndex("api_keys_connection_idx").on("api_keys").column("connection_id").execute();
}

async function createApiTopics(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("api_topics")
    .addColumn("connection_id", "text", (col) =>
      col.notNull().references("connections.id").onDelete("cascade"),
    )
    .addColumn("key", "text", (col) => col.notNull())
    .addColumn("name", "text", (col) => col.notNull())
    .addColumn("backend_chat_id", "bigint", (col) => col.notNull())
    .addColumn("topic_id", "integer", (col) => col.notNull())
    .addColumn("icon_color", "integer")
    .addColumn("created_at", "timestamptz", (col) => col.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint("api_topics_pkey", ["connection_id", "key"])
    .execute();
}

async function createApiPosts(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("api_posts")
    // The delivery job id: the API derives it, delivery names its outcome events after it.
    .addColumn("job_id", "text", (col) => col.primaryKey())
    .addColumn("connection_id", "text", (col) =>
      col.notNull().references("connections.id").onDelete("cascade"),
    )
    .addColumn("status", "text", (col) =>
      col.notNull().defaultTo("queued").check(sql`status in ('queued', 'sent', 'failed')`),
    )
    .addColumn("chat_id", "bigint")
    .addColumn("thread_id", "integer")
    .addColumn("message_id", "integer")
    .addColumn("reason", "text")
    .addColumn("created_at", "timestamptz", (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn("finished_at", "timestamptz")
    .execute();
  await db.schema.createIndex("api_posts_created_at_idx").on("api_posts").column("created_at").execute();
}
