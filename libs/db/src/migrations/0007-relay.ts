import { type Kysely, sql } from "kysely";

/**
 * Webhook relay (docs/parallel-mode.md): a bot whose webhook another system used to own forwards
 * every update to that system's URL. One row per relaying connection; the other system's secret
 * token is sealed like every other secret. Frozen once released, like every migration.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("connection_relays")
    .addColumn("connection_id", "text", (col) =>
      col.primaryKey().references("connections.id").onDelete("cascade"),
    )
    .addColumn("url", "text", (col) => col.notNull())
    .addColumn("secret_encrypted", "text")
    .addColumn("updated_at", "timestamptz", (col) => col.notNull().defaultTo(sql`now()`))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("connection_relays").execute();
}
