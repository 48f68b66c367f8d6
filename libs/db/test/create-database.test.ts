import { sql } from "kysely";
import { createTestDatabase, parseInt8, type TestDatabase } from "../src/index.ts";
import { aDialog } from "./fixtures.ts";

let testDb: TestDatabase;

beforeAll(async () => {
  testDb = await createTestDatabase();
});

afterAll(async () => {
  await testDb.drop();
});

describe("bigint columns", () => {
  test("Telegram ids beyond 2^31 and up to 2^52 come back as exact JS numbers", async () => {
    const { db } = testDb;
    const supergroup = -1_009_876_543_210;
    const bigUser = 2 ** 52 - 1;
    await db
      .insertInto("connections")
      .values({ id: "bigints", kind: "bot", title: "t", backend_chat_id: supergroup, admin_user_id: bigUser })
      .execute();
    const row = await db
      .selectFrom("connections")
      .selectAll()
      .where("id", "=", "bigints")
      .executeTakeFirstOrThrow();
    expect(row.backend_chat_id).toBe(supergroup);
    expect(row.admin_user_id).toBe(bigUser);
  });

  test("bigserial ids and counts are numbers too", async () => {
    const { db } = testDb;
    const connection = await db
      .insertInto("connections")
      .values({ id: "counts", kind: "bot", title: "t", backend_chat_id: -1 })
      .returning("id")
      .executeTakeFirstOrThrow();
    const dialog = await db
      .insertInto("dialogs")
      .values(aDialog(connection.id))
      .returning("id")
      .executeTakeFirstOrThrow();
    const { count } = await db
      .selectFrom("dialogs")
      .select((eb) => eb.fn.countAll().as("count"))
      .executeTakeFirstOrThrow();
    expect(typeof dialog.id).toBe("number");
    expect(count).toBe(1);
  });

  test("an int8 beyond 2^53 fails the query instead of being rounded", async () => {
    await expect(sql`select 9007199254740993::int8 as id`.execute(testDb.db)).rejects.toThrow(RangeError);
    expect(() => parseInt8("9007199254740993")).toThrow(/losing precision/);
  });
});

describe("test database", () => {
  test("each test file gets a migrated database of its own, gone after drop", async () => {
    const other = await createTestDatabase();
    try {
      expect(other.name).not.toBe(testDb.name);
      await other.db
        .insertInto("connections")
        .values({ id: "only-here", kind: "bot", title: "t", backend_chat_id: -1 })
        .execute();
      const mine = await testDb.db
        .selectFrom("connections")
        .select("id")
        .where("id", "=", "only-here")
        .execute();
      expect(mine).toEqual([]);
    } finally {
      await other.drop();
    }
    const { rows } = await sql<{ n: number }>`
      select count(*)::int as n from pg_database where datname = ${other.name}`.execute(testDb.db);
    expect(rows[0]?.n).toBe(0);
  });
});
