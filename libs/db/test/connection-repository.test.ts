import {
  ConnectionRepository,
  createSecretBox,
  createTestDatabase,
  InvalidConnectionIdError,
  SecretDecryptionError,
  type TestDatabase,
} from "../src/index.ts";
import { aConnection, aDialog, BACKEND_CHAT_ID, box } from "./fixtures.ts";

let testDb: TestDatabase;
let connections: ConnectionRepository;

beforeAll(async () => {
  testDb = await createTestDatabase();
  connections = new ConnectionRepository(testDb.db);
});

afterAll(async () => {
  await testDb.drop();
});

describe("connection repository", () => {
  test("a created connection stores its token and webhook secret sealed, and reveals them on request", async () => {
    const input = aConnection();
    const created = await connections.create(input, box);
    expect(created).toMatchObject({
      id: input.id,
      kind: "bot",
      status: "active",
      backend_chat_id: BACKEND_CHAT_ID,
    });
    expect(created.token_encrypted).toMatch(/^v1:/);
    expect(JSON.stringify(created)).not.toContain(input.token);
    expect(connections.revealToken(created, box)).toBe(input.token);
    expect(connections.revealWebhookSecret(created, box)).toBe(input.webhook_secret);
  });

  test("revealing with the wrong key fails with a named error", async () => {
    const created = await connections.create(aConnection(), box);
    expect(() => connections.revealToken(created, createSecretBox("wrong key"))).toThrow(
      SecretDecryptionError,
    );
  });

  test("a connection without secrets reveals nothing", async () => {
    const created = await connections.create(
      aConnection({ token: null, webhook_secret: null, kind: "account" }),
      box,
    );
    expect(created.token_encrypted).toBeNull();
    expect(connections.revealToken(created, box)).toBeUndefined();
    expect(connections.revealWebhookSecret(created, box)).toBeUndefined();
  });

  test("an id unsafe for subjects and queue names is refused", async () => {
    await expect(connections.create(aConnection({ id: "Bad.Id" }), box)).rejects.toThrow(
      InvalidConnectionIdError,
    );
    await expect(connections.get("Bad.Id")).resolves.toBeUndefined();
  });

  test("bootstrapping the same bot twice keeps one connection and refreshes it, but keeps its status", async () => {
    const { kind: _kind, ...input } = aConnection({ id: "bootstrap-bot" });
    const first = await connections.upsertBotConnection(input, box);
    await connections.setStatus(first.id, "paused");
    const second = await connections.upsertBotConnection(
      { ...input, title: "Renamed", token: "1:new-token" },
      box,
    );
    expect(second).toMatchObject({ id: "bootstrap-bot", title: "Renamed", status: "paused" });
    expect(second.created_at).toEqual(first.created_at);
    expect(connections.revealToken(second, box)).toBe("1:new-token");
    expect((await connections.list()).filter((connection) => connection.id === "bootstrap-bot")).toHaveLength(
      1,
    );
  });

  test("get, list and findByBackendChat find connections; unknown ids find nothing", async () => {
    const backendChatId = -1_005_555_555_555;
    const a = await connections.create(aConnection({ backend_chat_id: backendChatId }), box);
    const b = await connections.create(aConnection({ backend_chat_id: backendChatId }), box);
    expect(await connections.get(a.id)).toEqual(a);
    expect(await connections.get("no-such-connection")).toBeUndefined();
    expect((await connections.list()).map((connection) => connection.id)).toEqual(
      expect.arrayContaining([a.id, b.id]),
    );
    expect((await connections.findByBackendChat(backendChatId)).map((connection) => connection.id)).toEqual([
      a.id,
      b.id,
    ]);
    expect(await connections.findByBackendChat(-1)).toEqual([]);
  });

  test("setStatus pauses and resumes; an unknown id returns undefined", async () => {
    const created = await connections.create(aConnection(), box);
    expect((await connections.setStatus(created.id, "paused"))?.status).toBe("paused");
    expect((await connections.setStatus(created.id, "active"))?.status).toBe("active");
    expect(await connections.setStatus("no-such-connection", "paused")).toBeUndefined();
  });

  test("removing a connection removes its dialogs and parameters with it", async () => {
    const created = await connections.create(aConnection(), box);
    const { db } = testDb;
    await db.insertInto("dialogs").values(aDialog(created.id)).execute();
    await db
      .insertInto("parameters")
      .values({ connection_id: created.id, name: "welcome", value: "hi" })
      .execute();
    expect(await connections.remove(created.id)).toBe(true);
    expect(await connections.remove(created.id)).toBe(false);
    const dialogs = await db
      .selectFrom("dialogs")
      .select("id")
      .where("connection_id", "=", created.id)
      .execute();
    const parameters = await db
      .selectFrom("parameters")
      .select("name")
      .where("connection_id", "=", created.id)
      .execute();
    expect([dialogs, parameters]).toEqual([[], []]);
  });
});
