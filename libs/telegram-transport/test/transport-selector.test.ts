import {
  ConnectionRepository,
  createSecretBox,
  createTestDatabase,
  MtprotoSessionRepository,
  type TestDatabase,
} from "@topicdesk/db";
import { createTransportSelector, NoTransportError } from "../src/index.ts";

const box = createSecretBox("telegram-transport-test-key");
let database: TestDatabase;
let connections: ConnectionRepository;
let sessions: MtprotoSessionRepository;

beforeAll(async () => {
  database = await createTestDatabase();
  connections = new ConnectionRepository(database.db);
  sessions = new MtprotoSessionRepository(database.db);
  await connections.create(
    { id: "bot", kind: "bot", title: "Bot", backend_chat_id: -1001, token: "1:AAA" },
    box,
  );
  await connections.create({ id: "acct", kind: "account", title: "Account", backend_chat_id: -1001 }, box);
  await sessions.ensure("acct", "user");
  // A bot in parallel mode: a bot connection without a token, run by its MTProto session.
  await connections.create({ id: "parallel", kind: "bot", title: "Parallel", backend_chat_id: -1001 }, box);
  await sessions.ensure("parallel", "bot");
  await connections.create({ id: "bare", kind: "account", title: "No session", backend_chat_id: -1001 }, box);
});

afterAll(async () => {
  await database.drop();
});

function selector(clock = { now: 0 }) {
  return createTransportSelector({
    connections,
    sessions,
    secretBox: box,
    viaSession: (connectionId) => `session:${connectionId}`,
    viaBotApi: (token, connectionId) => `bot-api:${connectionId}:${token}`,
    cacheMs: 1_000,
    now: () => clock.now,
  });
}

describe("choosing how a connection reaches Telegram", () => {
  test("a bot connection uses the Bot API with its decrypted token", async () => {
    expect(await selector()("bot")).toBe("bot-api:bot:1:AAA");
  });

  test("an account and a bot in parallel mode go through their MTProto session", async () => {
    const select = selector();
    expect(await select("acct")).toBe("session:acct");
    expect(await select("parallel")).toBe("session:parallel");
  });

  test("a connection with neither, or no connection at all, is a named error", async () => {
    await expect(selector()("bare")).rejects.toBeInstanceOf(NoTransportError);
    await expect(selector()("nobody")).rejects.toThrow("neither a bot token nor an MTProto session");
  });

  test("a choice is kept for the cache time, then read again", async () => {
    const clock = { now: 0 };
    const select = selector(clock);
    await connections.create(
      { id: "later", kind: "bot", title: "Later", backend_chat_id: -1001, token: "2:BBB" },
      box,
    );
    expect(await select("later")).toBe("bot-api:later:2:BBB");
    await sessions.ensure("later", "bot");
    clock.now = 999;
    expect(await select("later")).toBe("bot-api:later:2:BBB");
    clock.now = 1_000;
    expect(await select("later")).toBe("session:later");
  });
});
