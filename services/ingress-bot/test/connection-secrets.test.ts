import { ConnectionRepository, createTestDatabase, type TestDatabase } from "@topicdesk/db";
import { createConnectionSecrets } from "../src/webhook/connection-secrets.ts";
import { createBotConnection, secretBox, unreachableDatabase } from "./ingress-fixtures.ts";

let testDb: TestDatabase;
let connections: ConnectionRepository;

beforeAll(async () => {
  testDb = await createTestDatabase();
  connections = new ConnectionRepository(testDb.db);
});

afterAll(async () => {
  await testDb?.drop();
});

describe("the webhook secrets of connections", () => {
  test("a connection is read with its revealed secret and its status", async () => {
    const { id, secret } = await createBotConnection(testDb);
    const lookUp = createConnectionSecrets(testDb.db, secretBox);

    expect(await lookUp(id)).toEqual({ id, secret, active: true });
    expect(await lookUp("no-such-connection")).toBeUndefined();
  });

  test("within the TTL a cached connection is answered without reading it again", async () => {
    const { id } = await createBotConnection(testDb);
    const lookUp = createConnectionSecrets(testDb.db, secretBox, { ttlMs: 60_000 });
    await lookUp(id);

    await connections.setStatus(id, "paused");

    expect((await lookUp(id))?.active).toBe(true);
  });

  test("a paused connection stops once the TTL has passed", async () => {
    const { id } = await createBotConnection(testDb);
    const lookUp = createConnectionSecrets(testDb.db, secretBox, { ttlMs: 20 });
    await lookUp(id);

    await connections.setStatus(id, "paused");
    await new Promise((resolve) => setTimeout(resolve, 40));

    expect((await lookUp(id))?.active).toBe(false);
  });

  test("made-up ids cannot grow the cache without bound: the oldest entry is forgotten", async () => {
    const { id } = await createBotConnection(testDb);
    const lookUp = createConnectionSecrets(testDb.db, secretBox, { ttlMs: 60_000, maxEntries: 3 });
    await lookUp(id);
    await connections.setStatus(id, "paused");

    for (const madeUp of ["made-up-1", "made-up-2", "made-up-3"]) await lookUp(madeUp);

    // Forgotten, so read again: the pause shows although the TTL has not passed.
    expect((await lookUp(id))?.active).toBe(false);
  });

  test("an id no connection can have is answered without a database query", async () => {
    const db = unreachableDatabase();
    try {
      const lookUp = createConnectionSecrets(db, secretBox);
      for (const impossible of ["\u0000bot", "Bot", "", "x".repeat(41), "bot/1", "-bot"]) {
        await expect(lookUp(impossible)).resolves.toBeUndefined();
      }
      await expect(lookUp("plausible-bot")).rejects.toThrow();
    } finally {
      await db.destroy();
    }
  });
});
