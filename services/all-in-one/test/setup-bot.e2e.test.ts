import { ConnectionRepository } from "@topicdesk/db";
import { botToken, SetupChat } from "@topicdesk/setup-bot/testing";
import type { SimUser } from "@topicdesk/telegram-sim";
import { createLogger } from "@topicdesk/telemetry";
import { type Stack, startStack } from "../src/stack.ts";
import { type Harness, startHarness } from "./support/e2e-harness.ts";

/**
 * The setup bot in a stack of its own (its own Deployment in Kubernetes) and ingress, router and
 * delivery in another, sharing only Postgres and NATS: a bot connected, paused or resumed through
 * the setup bot is followed by the running ingress, which is never restarted.
 */
describe("a bot connected through the setup bot, with ingress running elsewhere", () => {
  let harness: Harness;
  let setupStack: Stack;
  let setupBot: SimUser;
  let deskBot: SimUser;
  let deskGroupId: number;
  const deskToken = botToken(7_100_071);

  beforeAll(async () => {
    harness = await startHarness();
    const setupToken = botToken(7_000_070);
    setupBot = harness.sim.createBot({ token: setupToken, username: "e2e_setup_bot" });
    deskBot = harness.sim.createBot({ token: deskToken, username: "second_desk_bot" });
    ({ chatId: deskGroupId } = harness.sim.createForumGroup({
      title: "Second desk",
      members: [
        { userId: harness.operator.id, status: "creator" },
        {
          userId: deskBot.id,
          status: "administrator",
          canManageTopics: true,
          canDeleteMessages: true,
          canPinMessages: true,
          canRestrictMembers: true,
        },
      ],
    }));
    setupStack = await startStack({
      config: { ...harness.config, setupBotToken: setupToken },
      log: createLogger({ service: "e2e-setup", level: "silent" }),
      db: harness.database.db,
      ...harness.prefixes,
      services: ["setup"],
    });
  });
  afterAll(async () => {
    await setupStack?.stop();
    await harness?.stop();
  });

  test("starts receiving client messages at once, and stops while paused", async () => {
    const ingress = harness.stack.ingress();
    expect(ingress?.reception.receiving()).toEqual(["main"]);
    const chat = new SetupChat(harness.sim, setupBot.id, harness.operator.id);
    chat.say("/start");
    await chat.reply(/Your connections/);
    chat.press("➕ Connect a bot");
    await chat.reply(/Send me your bot's token/);
    chat.say(deskToken);
    await chat.reply(/@second_desk_bot checked ✅/);
    chat.shareGroup(deskGroupId);
    await chat.reply(/“Second desk” .* is ready/);
    await chat.reply(/@second_desk_bot is connected \(connection “second-desk-bot”\)/);

    await harness.waitFor(
      () => ingress?.reception.receiving().includes("second-desk-bot"),
      "ingress to receive the new bot",
    );
    const client = harness.sim.createUser({ firstName: "Sam" });
    harness.sim.sendAsUser(client.id, { botId: deskBot.id }, { text: "Hello, second desk" });
    await harness.waitFor(
      () => harness.sim.messages(deskGroupId).some((message) => message.text === "Hello, second desk"),
      "the client's message in the new bot's backend group",
    );
    // The same ingress instance: nothing was restarted.
    expect(harness.stack.ingress()).toBe(ingress);

    chat.press("Connection");
    await chat.reply(/Status: active/);
    chat.press("⏸ Pause");
    await chat.reply(/Status: paused/);
    await harness.waitFor(
      () => !ingress?.reception.receiving().includes("second-desk-bot"),
      "ingress to stop receiving the paused bot",
    );
    chat.press("▶️ Resume");
    await chat.reply(/Status: active/);
    await harness.waitFor(
      () => ingress?.reception.receiving().includes("second-desk-bot"),
      "ingress to receive the resumed bot again",
    );
    harness.sim.sendAsUser(client.id, { botId: deskBot.id }, { text: "Back again?" });
    await harness.waitFor(
      () => harness.sim.messages(deskGroupId).some((message) => message.text === "Back again?"),
      "the message after resuming in the backend group",
    );
    expect((await new ConnectionRepository(harness.database.db).get("second-desk-bot"))?.status).toBe(
      "active",
    );
  });
});
