import {
  AlbumRepository,
  ConnectionRepository,
  createRepositories,
  createTestDatabase,
  DialogEventRepository,
  DialogRepository,
  OperatorRepository,
  ParameterRepository,
  type TestDatabase,
} from "../src/index.ts";
import { aConnection, aDialog, BACKEND_CHAT_ID, box } from "./fixtures.ts";

let testDb: TestDatabase;
let connectionId: string;

beforeAll(async () => {
  testDb = await createTestDatabase();
  connectionId = (await new ConnectionRepository(testDb.db).create(aConnection(), box)).id;
});

afterAll(async () => {
  await testDb.drop();
});

describe("parameter repository", () => {
  test("values are kept raw, replaced on a second set, and removed by unset", async () => {
    const parameters = new ParameterRepository(testDb.db);
    await parameters.set(connectionId, "welcome", "  Hello, *friend*!  ", 42);
    await parameters.set(connectionId, "auto_close", "24h");
    await parameters.set(connectionId, "auto_close", "48h", 43);
    expect(await parameters.listRaw(connectionId)).toEqual({
      welcome: "  Hello, *friend*!  ",
      auto_close: "48h",
    });
    const row = await testDb.db
      .selectFrom("parameters")
      .selectAll()
      .where("name", "=", "auto_close")
      .executeTakeFirstOrThrow();
    expect(row.updated_by).toBe(43);
    expect(await parameters.unset(connectionId, "welcome")).toBe(true);
    expect(await parameters.unset(connectionId, "welcome")).toBe(false);
    expect(await parameters.listRaw(connectionId)).toEqual({ auto_close: "48h" });
    expect(await parameters.listRaw("no-such-connection")).toEqual({});
  });
});

describe("operator repository", () => {
  test("touching an operator records them once and refreshes their name and last sighting", async () => {
    const operators = new OperatorRepository(testDb.db);
    const userId = 2 ** 40 + 7;
    await operators.touch(BACKEND_CHAT_ID, { id: userId, firstName: "Grace" });
    const [first] = await operators.list(BACKEND_CHAT_ID);
    await operators.touch(BACKEND_CHAT_ID, { id: userId, firstName: "Grace H.", username: "grace" });
    const listed = await operators.list(BACKEND_CHAT_ID);
    expect(listed).toHaveLength(1);
    expect(listed[0]).toMatchObject({ user_id: userId, first_name: "Grace H.", username: "grace" });
    expect(listed[0]?.last_seen_at.getTime()).toBeGreaterThanOrEqual(
      first?.last_seen_at.getTime() ?? Infinity,
    );
    expect(await operators.list(-1)).toEqual([]);
  });
});

describe("album repository", () => {
  test("parts come back sorted by message id, each once, per album", async () => {
    const albums = new AlbumRepository(testDb.db);
    for (const messageId of [12, 10, 11, 10]) {
      await albums.addPart(connectionId, 5_000_000_001, "album-a", messageId);
    }
    await albums.addPart(connectionId, 5_000_000_001, "album-b", 20);
    await albums.addPart(connectionId, 5_000_000_002, "album-a", 30);
    expect(await albums.parts(connectionId, 5_000_000_001, "album-a")).toEqual([10, 11, 12]);
    expect(await albums.addPart(connectionId, 5_000_000_001, "album-a", 11)).toBe(false);
    expect(await albums.parts(connectionId, 5_000_000_001, "nothing")).toEqual([]);
  });

  test("prune removes parts older than the cutoff", async () => {
    const albums = new AlbumRepository(testDb.db);
    await testDb.db
      .insertInto("album_parts")
      .values({
        connection_id: connectionId,
        chat_id: 1,
        media_group_id: "old",
        message_id: 1,
        created_at: "2020-01-01T00:00:00Z",
      })
      .execute();
    expect(await albums.prune(new Date("2021-01-01T00:00:00Z"))).toBe(1);
    expect(await albums.parts(connectionId, 1, "old")).toEqual([]);
  });
});

describe("dialog event repository", () => {
  test("events are appended with their time and operator", async () => {
    const dialog = await new DialogRepository(testDb.db).create(aDialog(connectionId));
    const events = new DialogEventRepository(testDb.db);
    await events.append({ dialog_id: dialog.id, connection_id: connectionId, kind: "opened" });
    await events.append({
      dialog_id: dialog.id,
      connection_id: connectionId,
      kind: "operator_message",
      operator_id: 99,
    });
    const rows = await testDb.db
      .selectFrom("dialog_events")
      .select(["kind", "operator_id", "at"])
      .where("dialog_id", "=", dialog.id)
      .orderBy("id")
      .execute();
    expect(rows.map(({ kind, operator_id }) => ({ kind, operator_id }))).toEqual([
      { kind: "opened", operator_id: null },
      { kind: "operator_message", operator_id: 99 },
    ]);
    expect(rows[0]?.at).toBeInstanceOf(Date);
  });
});

describe("repositories in a transaction", () => {
  test("work done through createRepositories(trx) is rolled back with the transaction", async () => {
    const clientChatId = 5_999_999_999;
    const attempt = testDb.db.transaction().execute(async (trx) => {
      const { dialogRepository, parameterRepository } = createRepositories(trx);
      await dialogRepository.create(aDialog(connectionId, { client_chat_id: clientChatId }));
      await parameterRepository.set(connectionId, "rolled_back", "yes");
      throw new Error("abort");
    });
    await expect(attempt).rejects.toThrow("abort");
    const { dialogRepository, parameterRepository } = createRepositories(testDb.db);
    expect(await dialogRepository.findByClientChat(connectionId, clientChatId)).toBeUndefined();
    expect(await parameterRepository.listRaw(connectionId)).not.toHaveProperty("rolled_back");
  });
});
