import { randomBytes } from "node:crypto";
import { ConnectionBotApis, NoBotTokenError } from "@topicdesk/connections";
import {
  ConnectionRepository,
  createSecretBox,
  createTestDatabase,
  type SecretBox,
  type TestDatabase,
} from "@topicdesk/db";
import { startTelegramSim, type TelegramSim } from "@topicdesk/telegram-sim";

const FIRST_TOKEN = "111111:first-token-abcdefghijklmnopqrstuvwxyz01";
const SECOND_TOKEN = "222222:second-token-abcdefghijklmnopqrstuvwxyz0";

describe("ConnectionBotApis: a connection's Bot API client by its id", () => {
  let database: TestDatabase;
  let sim: TelegramSim;
  let connections: ConnectionRepository;
  let secretBox: SecretBox;
  const clock = { now: 1_000_000 };

  beforeAll(async () => {
    database = await createTestDatabase();
    sim = await startTelegramSim({ limits: false });
    sim.createBot({ token: FIRST_TOKEN, username: "first_bot", firstName: "First" });
    sim.createBot({ token: SECOND_TOKEN, username: "second_bot", firstName: "Second" });
    secretBox = createSecretBox(`bot-apis-test-${randomBytes(8).toString("hex")}`);
    connections = new ConnectionRepository(database.db);
    await connections.create(
      { id: "desk", kind: "bot", title: "Desk", backend_chat_id: -1001, token: FIRST_TOKEN },
      secretBox,
    );
    await connections.create(
      { id: "person", kind: "account", title: "Person", backend_chat_id: -1001, token: null },
      secretBox,
    );
  });
  afterAll(async () => {
    await sim.close();
    await database.drop();
  });

  const botApis = () =>
    new ConnectionBotApis({
      connections,
      secretBox,
      telegramApiRoot: `${sim.apiRoot}/`,
      cacheMs: 60_000,
      now: () => clock.now,
    });

  test("the client talks to Telegram as the connection's bot, and is reused", async () => {
    const apis = botApis();
    const api = await apis.get("desk");
    expect((await api.getMe()).username).toBe("first_bot");
    expect(await apis.get("desk")).toBe(api);
  });

  test("a replaced token is used once the cached client expires", async () => {
    const apis = botApis();
    expect((await (await apis.get("desk")).getMe()).username).toBe("first_bot");
    await connections.upsertBotConnection(
      { id: "desk", title: "Desk", backend_chat_id: -1001, token: SECOND_TOKEN },
      secretBox,
    );
    expect((await (await apis.get("desk")).getMe()).username).toBe("first_bot");
    clock.now += 60_001;
    expect((await (await apis.get("desk")).getMe()).username).toBe("second_bot");
  });

  test("forgetting a connection uses its new token at once", async () => {
    const apis = botApis();
    const before = (await (await apis.get("desk")).getMe()).username;
    const replacement = before === "first_bot" ? SECOND_TOKEN : FIRST_TOKEN;
    await connections.upsertBotConnection(
      { id: "desk", title: "Desk", backend_chat_id: -1001, token: replacement },
      secretBox,
    );
    expect((await (await apis.get("desk")).getMe()).username).toBe(before);
    apis.forget("desk");
    expect((await (await apis.get("desk")).getMe()).username).not.toBe(before);
  });

  test("an account or an unknown connection has no client: find says undefined, get names it", async () => {
    const apis = botApis();
    expect(await apis.find("person")).toBeUndefined();
    expect(await apis.find("nobody")).toBeUndefined();
    await expect(apis.get("person")).rejects.toThrow(NoBotTokenError);
    await expect(apis.get("nobody")).rejects.toThrow("connection nobody has no bot token");
  });
});
