import { randomBytes } from "node:crypto";
import { type Kysely, sql } from "kysely";
import {
  createDatabase,
  createScratchDatabase,
  type Database,
  MigrationError,
  migrateToLatest,
  type ScratchDatabase,
} from "../src/index.ts";
import { migrationProvider } from "../src/migrations/migration-list.ts";

// A database of this file's own: the migrator reads the whole catalog, so schemas created and
// dropped by other files must not be in it.
let scratch: ScratchDatabase;
let url: string;
beforeAll(async () => {
  scratch = await createScratchDatabase();
  url = scratch.url;
});
const schema = `test_migrations_${randomBytes(6).toString("hex")}`;
const opened: Kysely<Database>[] = [];

function open(): Kysely<Database> {
  const db = createDatabase({ url, schema, maxConnections: 2 });
  opened.push(db);
  return db;
}

async function tablesIn(db: Kysely<Database>): Promise<string[]> {
  const tables = await db.introspection.getTables({ withInternalKyselyTables: true });
  return tables.filter((table) => table.schema === schema).map((table) => table.name);
}

async function appliedMigrations(db: Kysely<Database>): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(db);
  return rows.map((row) => row.name);
}

afterAll(async () => {
  await Promise.all(opened.map((db) => db.destroy()));
  await scratch.drop();
});

/** Every migration the release carries, in order: what an up-to-date database has applied. */
const allMigrations = async () => Object.keys(await migrationProvider.getMigrations());

describe("migrations", () => {
  test("two processes migrating an empty schema at once both succeed and apply each migration once", async () => {
    const [a, b] = [open(), open()];
    await Promise.all([migrateToLatest(a), migrateToLatest(b)]);
    expect(await appliedMigrations(a)).toEqual(await allMigrations());
    expect(await tablesIn(a)).toEqual(
      expect.arrayContaining([
        "connections",
        "dialogs",
        "message_links",
        "operators",
        "parameters",
        "processed_events",
        "outbox",
        "album_parts",
        "dialog_events",
      ]),
    );
  });

  test("migrating an up-to-date schema again changes nothing", async () => {
    const db = open();
    await migrateToLatest(db);
    await migrateToLatest(db);
    expect(await appliedMigrations(db)).toEqual(await allMigrations());
  });

  test("the schema is created when missing and used for every pooled connection", async () => {
    const db = open();
    const paths = await Promise.all(
      [1, 2].map(() =>
        db.connection().execute((conn) => sql<{ s: string }>`select current_schema() as s`.execute(conn)),
      ),
    );
    expect(paths.map((result) => result.rows[0]?.s)).toEqual([schema, schema]);
  });

  test("a failing migration names itself and leaves nothing half-applied", async () => {
    const brokenSchema = `${schema}_broken`;
    const db = createDatabase({ url, schema: brokenSchema, maxConnections: 1 });
    try {
      // A table the first migration is about to create makes it fail midway.
      await sql`create table dialogs (id int)`.execute(db);
      const failure = migrateToLatest(db);
      await expect(failure).rejects.toThrow(MigrationError);
      await expect(failure).rejects.toMatchObject({ migrationName: "0001-initial" });
      await expect(failure).rejects.toThrow(/in migration 0001-initial: relation "dialogs" already exists/);
      const tables = await db.introspection.getTables();
      expect(tables.filter((table) => table.schema === brokenSchema).map((table) => table.name)).toEqual([
        "dialogs",
      ]);
      expect(await appliedMigrations(db)).toEqual([]);
    } finally {
      await sql`drop schema ${sql.id(brokenSchema)} cascade`.execute(db);
      await db.destroy();
    }
  });

  test("an unsafe schema name is refused before any connection is made", () => {
    expect(() => createDatabase({ url, schema: 'x"; drop table dialogs; --' })).toThrow(
      /invalid schema name/,
    );
  });
});
