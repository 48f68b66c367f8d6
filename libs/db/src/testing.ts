import { randomBytes } from "node:crypto";
import type { Kysely } from "kysely";
import pg from "pg";
import { createDatabase } from "./create-database.ts";
import type { Database } from "./database-schema.ts";
import { migrateToLatest } from "./migrate-to-latest.ts";

export const DEFAULT_TEST_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/test";

export interface ScratchDatabase {
  /** Connection URL of the new, empty database. */
  url: string;
  name: string;
  /** Drops the database (closing anything still connected to it). */
  drop(): Promise<void>;
}

export interface TestDatabase {
  db: Kysely<Database>;
  /** Name of the database this test file owns. */
  name: string;
  /** Closes the pool and drops the database with everything in it. */
  drop(): Promise<void>;
}

/**
 * A new, empty database on the test server, named uniquely. A database rather than a schema:
 * Postgres keeps catalogs per database, and kysely's migrator reads the whole catalog, so a file
 * dropping its schema while another file migrates made that migration fail now and then.
 */
export async function createScratchDatabase(
  serverUrl: string = process.env.TEST_DATABASE_URL ?? DEFAULT_TEST_DATABASE_URL,
): Promise<ScratchDatabase> {
  const name = `test_${process.pid}_${randomBytes(6).toString("hex")}`;
  await onServer(serverUrl, `create database ${pg.escapeIdentifier(name)}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    drop: () => onServer(serverUrl, `drop database if exists ${pg.escapeIdentifier(name)} with (force)`),
  };
}

/**
 * A migrated database of its own, so every test file of every package isolates itself and files
 * run in parallel. Call `drop()` in `afterAll`.
 */
export async function createTestDatabase(
  serverUrl: string = process.env.TEST_DATABASE_URL ?? DEFAULT_TEST_DATABASE_URL,
): Promise<TestDatabase> {
  const scratch = await createScratchDatabase(serverUrl);
  const db = createDatabase({ url: scratch.url, maxConnections: 4 });
  const drop = async () => {
    await db.destroy();
    await scratch.drop();
  };
  try {
    await migrateToLatest(db);
  } catch (error) {
    await drop();
    throw error;
  }
  return { db, name: scratch.name, drop };
}

async function onServer(serverUrl: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}
