import { randomBytes } from "node:crypto";
import { type Kysely, sql } from "kysely";
import { createDatabase } from "./create-database.ts";
import type { Database } from "./database-schema.ts";
import { migrateToLatest } from "./migrate-to-latest.ts";

export interface TestDatabase {
  db: Kysely<Database>;
  schema: string;
  /** Drops the schema with everything in it and closes the pool. */
  drop(): Promise<void>;
}

export const DEFAULT_TEST_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/test";

/**
 * A migrated, uniquely named schema in the test database, so every test file of every package
 * isolates itself and files can run in parallel. Call `drop()` in `afterAll`.
 */
export async function createTestDatabase(
  url: string = process.env.TEST_DATABASE_URL ?? DEFAULT_TEST_DATABASE_URL,
): Promise<TestDatabase> {
  const schema = `test_${process.pid}_${randomBytes(6).toString("hex")}`;
  const db = createDatabase({ url, schema, maxConnections: 4 });
  try {
    await migrateToLatest(db);
  } catch (error) {
    await dropSchema(db, schema);
    throw error;
  }
  return { db, schema, drop: () => dropSchema(db, schema) };
}

async function dropSchema(db: Kysely<Database>, schema: string): Promise<void> {
  try {
    await sql`drop schema if exists ${sql.id(schema)} cascade`.execute(db);
  } finally {
    await db.destroy();
  }
}
