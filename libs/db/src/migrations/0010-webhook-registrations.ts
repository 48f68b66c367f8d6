import { type Kysely, sql } from "kysely";

/**
 * What ingress last registered as a bot's webhook (URL, allowed updates and secret token), as one
 * digest, so a restart does not call setWebhook for every bot again: Telegram's getWebhookInfo shows
 * the URL and the allowed updates but never the secret. Frozen once released, like every migration.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("webhook_registrations")
    .addColumn("connection_id", "text", (col) =>
      col.primaryKey().references("connections.id").onDelete("cascade"),
    )
    .addColumn("digest", "text", (col) => col.notNull())
    .addColumn("registered_at", "timestamptz", (col) => col.notNull().defaultTo(sql`now()`))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("webhook_registrations").execute();
}
