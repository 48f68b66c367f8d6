import { startTelegramSim, type TelegramSim } from "@topicdesk/telegram-sim";
import { loadWorld, simRequest } from "../src/commands/sim-client.ts";

describe("pnpm topicdesk sim: playing the demo through the simulator's control API", () => {
  let sim: TelegramSim;
  let ids: { bot: number; client: number; operator: number; group: number };
  beforeAll(async () => {
    sim = await startTelegramSim({ limits: false });
    process.env.TOPICDESK_SIM_URL = sim.apiRoot;
    const bot = sim.createBot({ token: "5:demo-token-for-the-cli-test-000000000000", username: "demo_bot" });
    const operator = sim.createUser({ firstName: "Olivia" });
    const client = sim.createUser({ firstName: "Chris" });
    const { chatId } = sim.createForumGroup({
      title: "Demo",
      members: [
        { userId: operator.id, status: "creator" },
        { userId: bot.id, status: "administrator", canManageTopics: true },
      ],
    });
    ids = { bot: bot.id, client: client.id, operator: operator.id, group: chatId };
  });
  afterAll(async () => {
    delete process.env.TOPICDESK_SIM_URL;
    await sim.close();
  });

  test("the world is found: the client is outside the group, the operator owns it", async () => {
    const world = await loadWorld();
    expect(world).toMatchObject({
      bot: { id: ids.bot },
      client: { id: ids.client },
      operator: { id: ids.operator },
    });
    expect(world.group.chatId).toBe(ids.group);
  });

  test("a client's line reaches the bot's chat", async () => {
    await simRequest("/sim/send", { userId: ids.client, botId: ids.bot, text: "hello from the CLI" });
    expect(sim.messages(ids.client, { botId: ids.bot }).map((message) => message.text)).toContain(
      "hello from the CLI",
    );
  });

  test("a simulator that does not answer gives a one-line hint", async () => {
    process.env.TOPICDESK_SIM_URL = "http://127.0.0.1:9";
    await expect(loadWorld()).rejects.toThrow(/does not answer/);
    process.env.TOPICDESK_SIM_URL = sim.apiRoot;
  });
});
