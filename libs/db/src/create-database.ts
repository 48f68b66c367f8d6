import { CompiledQuery, type DatabaseConnection, Kysely, type KyselyConfig, PostgresDialect } from "kysely";
import pg from "pg";
import type { Database } from "./database-schema.ts";
import { telegramIdTypes } from "./int8-type-parser.ts";

export interface DatabaseOptions {
  /** `postgres://user@host:port/database` */
  url: string;
  /**
   * Postgres schema to work in (created if missing). Tests give every file its own schema so they
   * can run in parallel against one database.
   */
  schema?: string;
  /**
   * Kysely's query log: a list of levels or a function. Logged parameters can include sealed
   * (encrypted) secrets, never plaintext ones: sealing happens before a value reaches a query.
   */
  log?: KyselyConfig["log"];
  /** Pool size; pg's default (10) when omitted. */
  maxConnections?: number;
}

/** Lower-case identifiers only, so a schema name is safe to splice into `search_path` unquoted too. */
const SCHEMA_NAME_PATTERN = /^[a-z_][a-z0-9_]{0,62}$/;

export function createDatabase(options: DatabaseOptions): Kysely<Database> {
  const pool = new pg.Pool({
    connectionString: options.url,
    types: telegramIdTypes(),
    ...(options.maxConnections === undefined ? {} : { max: options.maxConnections }),
  });
  // An idle pooled connection that Postgres closes (a restart, a failover, a dropped test database)
  // is reported here. The pool already discards it and opens a new one on the next query; without a
  // listener Node would treat the event as an uncaught error and end the process.
  pool.on("error", () => {});
  const dialect = new PostgresDialect({
    pool,
    ...(options.schema === undefined ? {} : { onCreateConnection: useSchema(options.schema) }),
  });
  return new Kysely<Database>({ dialect, ...(options.log === undefined ? {} : { log: options.log }) });
}

/**
 * Points every new pooled connection at the schema, creating it first. `search_path` is a session
 * setting, so it is set once per physical connection, before kysely hands it out.
 */
function useSchema(schema: string): (connection: DatabaseConnection) => Promise<void> {
  if (!SCHEMA_NAME_PATTERN.test(schema)) {
    throw new Error(`invalid schema name "${schema}": use lower-case letters, digits and underscores`);
  }
  const quoted = pg.escapeIdentifier(schema);
  return async (connection) => {
    await createSchemaIfMissing(connection, quoted);
    await connection.executeQuery(CompiledQuery.raw(`set search_path to ${quoted}`));
  };
}

async function createSchemaIfMissing(connection: DatabaseConnection, quoted: string): Promise<void> {
  try {
    await connection.executeQuery(CompiledQuery.raw(`create schema if not exists ${quoted}`));
  } catch (error) {
    // Two sessions creating the same schema at once: `if not exists` checks before inserting into
    // the catalog, so the loser gets a unique violation. The schema exists either way.
    if (!(error instanceof pg.DatabaseError && (error.code === "23505" || error.code === "42P06"))) {
      throw error;
    }
  }
}
