import { type Kysely, sql } from "kysely";
import { Migrator } from "kysely/migration";
import type { Database } from "./database-schema.ts";
import { migrationProvider } from "./migrations/migration-list.ts";

/** A migration failed; none of this run's migrations were applied (they run in one transaction). */
export class MigrationError extends Error {
  override readonly name = "MigrationError";
  /** The migration that failed, when the failure was in a migration and not around it. */
  readonly migrationName: string | undefined;

  constructor(migrationName: string | undefined, cause: unknown) {
    const where = migrationName === undefined ? "before any migration ran" : `in migration ${migrationName}`;
    super(`database migration failed ${where}: ${describe(cause)}`, { cause });
    this.migrationName = migrationName;
  }
}

/**
 * Brings the current schema up to the latest migration. Safe to call from several processes at
 * once (every service runs it on start): a session advisory lock, keyed by schema, makes them take
 * turns, and whoever comes second finds nothing left to do. Kysely's own lock starts only after it
 * has created its bookkeeping tables, which itself races; ours covers that too. The pending
 * migrations then run in one transaction (kysely's default), so a failure applies none of them.
 */
export async function migrateToLatest(db: Kysely<Database>): Promise<void> {
  await db.connection().execute(async (session) => {
    const schema = await currentSchema(session);
    const lockKey = `topicdesk-migrations:${schema}`;
    await sql`select pg_advisory_lock(hashtext(${lockKey}))`.execute(session);
    try {
      await runMigrations(session, schema);
    } finally {
      await sql`select pg_advisory_unlock(hashtext(${lockKey}))`.execute(session);
    }
  });
}

async function runMigrations(session: Kysely<Database>, schema: string): Promise<void> {
  const { error, results } = await new Migrator({
    db: session,
    provider: migrationProvider,
    // Named explicitly: without it kysely looks for its bookkeeping tables in every schema and
    // mistakes another schema's for ours.
    migrationTableSchema: schema,
  }).migrateToLatest();
  if (error !== undefined) {
    throw new MigrationError(results?.find((result) => result.status === "Error")?.migrationName, error);
  }
}

async function currentSchema(session: Kysely<Database>): Promise<string> {
  const { rows } = await sql<{ schema: string | null }>`select current_schema() as schema`.execute(session);
  const schema = rows[0]?.schema;
  if (schema == null) {
    throw new MigrationError(undefined, new Error("no schema on the search_path exists to migrate into"));
  }
  return schema;
}

function describe(cause: unknown): string {
  return cause instanceof Error ? cause.message : String(cause);
}
