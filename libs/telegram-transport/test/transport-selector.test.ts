import { ConnectionBotApis } from "@topicdesk/connections";
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
  const now = () => clock.now;
  // No call reaches Telegram here: the client's token shows which bot a choice would talk as.
  const botApis = new ConnectionBotApis({
    connections,
    secretBox: box,
    telegramApiRoot: "http://127.0.0.1:9",
    now,
  });
  return createTransportSelector({
    sessions,
    botApis,
    viaSession: (connectionId) => `session:${connectionId}`,
    viaBotApi: (api, connectionId) => `bot-api:${connectionId}:${api.token}`,
    cacheMs: 1_000,
    now,
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

  test("forget drops a choice and its Bot API client at once: a replaced token counts without waiting", async () => {
    const select = selector();
    await connections.create(
      { id: "renewed", kind: "bot", title: "Renewed", backend_chat_id: -1001, token: "3:CCC" },
      box,
    );
    expect(await select("renewed")).toBe("bot-api:renewed:3:CCC");
    await connections.upsertBotConnection(
      { id: "renewed", title: "Renewed", backend_chat_id: -1001, token: "3:DDD" },
      box,
    );
    expect(await select("renewed")).toBe("bot-api:renewed:3:CCC");
    select.forget("renewed");
    expect(await select("renewed")).toBe("bot-api:renewed:3:DDD");
  });

  test("forget without an id drops every choice", async () => {
    const select = selector();
    await connections.create(
      { id: "gains-session", kind: "bot", title: "Gains", backend_chat_id: -1001, token: "4:EEE" },
      box,
    );
    expect(await select("gains-session")).toBe("bot-api:gains-session:4:EEE");
    await sessions.ensure("gains-session", "bot");
    select.forget();
    expect(await select("gains-session")).toBe("session:gains-session");
  });
});
