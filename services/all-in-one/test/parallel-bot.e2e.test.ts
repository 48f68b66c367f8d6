import { ConnectionRepository } from "@topicdesk/db";
import type { MtprotoService } from "@topicdesk/mtproto";
import type { SimUser } from "@topicdesk/telegram-sim";
import { bodyOf, type Harness, startHarness } from "./support/e2e-harness.ts";
import { startSessionService, stopHarnessAndSession } from "./support/mtproto-session.ts";
import { publishedEvents } from "./support/published-events.ts";
import { SimParallelBotWorld } from "./support/sim-parallel-bot.ts";

const SHOP_TOKEN = "515151:TEST-other-system-bot-token-0123456789";

/**
 * Parallel mode (`accounts add-bot`), end to end: a shop bot that "another system" runs over the
 * Bot API keeps running there, while Topicdesk runs a second session of the same bot (connection
 * `shop`: no token kept, only the session). Clients' messages reach the topic through that session;
 * what the other system sends is shown as intercepted; operators' replies leave through our session.
 */
describe("a bot in parallel mode", () => {
  let harness: Harness;
  let world: SimParallelBotWorld;
  let mtproto: MtprotoService;
  let client: SimUser;

  beforeAll(async () => {
    harness = await startHarness();
    const shopBot = harness.sim.createBot({
      token: SHOP_TOKEN,
      username: "legacy_shop_bot",
      firstName: "Shop",
    });
    harness.sim.addMember(harness.groupId, {
      userId: shopBot.id,
      status: "administrator",
      canManageTopics: true,
    });
    client = harness.sim.createUser({ firstName: "Kim", username: "kim_buys" });
    world = new SimParallelBotWorld(harness.sim, shopBot, SHOP_TOKEN, harness.groupId);
    // What `accounts add-bot` leaves behind: a bot connection without a token, and its session.
    await new ConnectionRepository(harness.database.db).upsertBotConnection(
      {
        id: "shop",
        title: "Shop",
        bot_user_id: shopBot.id,
        bot_username: "legacy_shop_bot",
        backend_chat_id: harness.groupId,
      },
      harness.stack.secretBox,
    );
    mtproto = await startSessionService(harness, {
      connectionId: "shop",
      mode: "bot",
      selfUserId: shopBot.id,
      createClient: world.createClient,
    });
  });

  afterAll(async () => {
    await stopHarnessAndSession(harness, mtproto);
  });

  const shopTopic = () =>
    harness.waitFor(async () => {
      const row = await harness.database.db
        .selectFrom("dialogs")
        .select("topic_id")
        .where("connection_id", "=", "shop")
        .where("client_chat_id", "=", client.id)
        .executeTakeFirst();
      return row?.topic_id ?? undefined;
    }, "the shop dialog's topic");
  const topicTexts = (threadId: number) =>
    harness.topicMessages(threadId).map((message) => bodyOf(message) ?? "");

  test("a client's message reaches the topic through our session, and the other system still gets it", async () => {
    harness.sim.sendAsUser(client.id, { botId: world.bot.id }, { text: "Hi, I need a human" });
    const threadId = await shopTopic();
    await harness.waitFor(
      () => topicTexts(threadId).includes("Hi, I need a human"),
      "the client's message in the topic",
    );
    const copy = harness.topicMessages(threadId).find((message) => bodyOf(message) === "Hi, I need a human");
    expect(copy?.from?.id).toBe(world.bot.id);
    expect(world.sessionCalls.map((call) => call.method)).toContain("createTopic");

    const updates = await world.otherSystem.getUpdates({ timeout: 0 });
    expect(updates.map((update) => update.message?.text)).toContain("Hi, I need a human");
  });

  test("what the other system sends the client shows in the topic as intercepted, with message.intercepted", async () => {
    const threadId = await shopTopic();
    const sent = await world.otherSystem.sendMessage(client.id, "Your order #12 has shipped");
    await harness.waitFor(
      () => topicTexts(threadId).some((text) => text.includes("Your order #12 has shipped")),
      "the intercepted message in the topic",
    );
    const intercepted = await harness.waitFor(async () => {
      const events = await publishedEvents(harness, "message.intercepted", "shop");
      return events.some((event) => event.messageIds?.includes(sent.message_id)) ? events : undefined;
    }, "the message.intercepted event");
    expect(intercepted.flatMap((event) => event.messageIds ?? [])).toEqual([sent.message_id]);
    // Shown in the topic, never sent back to the client.
    expect(
      world.privateChat(client.id).filter((message) => message.text === "Your order #12 has shipped"),
    ).toHaveLength(1);
  });

  test("an operator's reply goes out through our session, once, and is not taken for the other system's", async () => {
    const threadId = await shopTopic();
    harness.sim.sendAsUser(
      harness.operator.id,
      { chatId: harness.groupId, threadId },
      { text: "A human here: how can I help?" },
    );
    await harness.waitFor(
      () => world.privateChat(client.id).some((message) => message.text === "A human here: how can I help?"),
      "the reply in the client's chat with the bot",
    );
    const reply = world
      .privateChat(client.id)
      .filter((message) => message.text === "A human here: how can I help?");
    expect(reply).toHaveLength(1);
    expect(reply[0]?.from?.id).toBe(world.bot.id);
    expect(world.sessionCalls).toContainEqual({
      method: "copyMessages",
      request: expect.objectContaining({ toChatId: client.id, fromChatId: harness.groupId }),
    });

    // A later intercepted message (same chat, decided in order) proves the reply's echo was decided on.
    const later = await world.otherSystem.sendMessage(client.id, "Rate our service: ⭐️⭐️⭐️⭐️⭐️");
    await harness.waitFor(async () => {
      const events = await publishedEvents(harness, "message.intercepted", "shop");
      return events.some((event) => event.messageIds?.includes(later.message_id));
    }, "the later intercepted message");
    const interceptedIds = (await publishedEvents(harness, "message.intercepted", "shop")).flatMap(
      (event) => event.messageIds ?? [],
    );
    expect(interceptedIds).not.toContain(reply[0]?.message_id);
    expect(
      topicTexts(threadId).filter((text) => text.includes("A human here: how can I help?")),
    ).toHaveLength(1);
  });

  test("operators' commands are answered: their role is asked through the session (the connection keeps no token)", async () => {
    const threadId = await shopTopic();
    harness.sim.sendAsUser(harness.operator.id, { chatId: harness.groupId, threadId }, { text: "/close" });
    await harness.waitFor(async () => {
      const row = await harness.database.db
        .selectFrom("dialogs")
        .select("status")
        .where("connection_id", "=", "shop")
        .where("client_chat_id", "=", client.id)
        .executeTakeFirst();
      return row?.status === "closed";
    }, "the dialog closed by /close");
    expect(world.sessionCalls).toContainEqual({
      method: "getChatMember",
      request: { chatId: harness.groupId, userId: harness.operator.id },
    });
    // The topic is closed by our session (the last job /close queues).
    await harness.waitFor(
      () => harness.sim.topics(harness.groupId).find((topic) => topic.threadId === threadId)?.closed,
      "the topic closed",
    );
    expect(world.sessionCalls.map((call) => call.method)).toContain("setTopicOpen");
  });
});
