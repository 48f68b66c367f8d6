import { apiError, startWorld, type World } from "./support.ts";

/** What a configuration bot needs from Telegram: buttons, chat pickers, rights and forum mode. */
describe("interactions a setup bot relies on", () => {
  let w: World;
  beforeEach(async () => {
    w = await startWorld();
  });
  afterEach(async () => {
    await w.sim.close();
  });

  test("pressing an inline button sends the bot a callback query with the button's data", async () => {
    w.sim.sendAsUser(w.client.id, { botId: w.bot.id }, { text: "/start" });
    const sent = await w.api.sendMessage(w.client.id, "Pick one", {
      reply_markup: { inline_keyboard: [[{ text: "Yes", callback_data: "answer:yes" }]] },
    });
    const pressed = w.sim.pressButton(w.client.id, w.bot.id, sent.message_id, "answer:yes");
    const updates = await w.api.getUpdates();
    const query = updates.at(-1)?.callback_query;
    expect(query).toMatchObject({
      id: pressed.id,
      data: "answer:yes",
      from: { id: w.client.id },
      message: { message_id: sent.message_id },
    });
    expect(await w.api.answerCallbackQuery(pressed.id, { text: "ok" })).toBe(true);
  });

  test("a button that is not on the message cannot be pressed", async () => {
    w.sim.sendAsUser(w.client.id, { botId: w.bot.id }, { text: "/start" });
    const plain = await w.api.sendMessage(w.client.id, "No buttons here");
    expect(() => w.sim.pressButton(w.client.id, w.bot.id, plain.message_id, "answer:yes")).toThrow(
      /no button with callback data/,
    );
  });

  test("sharing a chat through a chat picker gives the bot a chat_shared message", async () => {
    const message = w.sim.shareChat(w.client.id, w.bot.id, { requestId: 7, chatId: w.groupId });
    const [update] = await w.api.getUpdates();
    expect(update?.message?.message_id).toBe(message.message_id);
    expect(update?.message?.chat_shared).toEqual({ request_id: 7, chat_id: w.groupId, title: "Support" });
  });

  test("pin rights can be withheld, and default to granted", async () => {
    expect(await w.api.getChatMember(w.groupId, w.bot.id)).toMatchObject({ can_pin_messages: true });
    w.sim.setMemberStatus(w.groupId, w.bot.id, "administrator", {
      canManageTopics: true,
      canPinMessages: false,
    });
    expect(await w.api.getChatMember(w.groupId, w.bot.id)).toMatchObject({
      status: "administrator",
      can_pin_messages: false,
      can_manage_topics: true,
    });
  });

  test("a group with Topics off is no forum until the owner turns them on", async () => {
    const { chatId } = w.sim.createForumGroup({
      title: "Plain",
      isForum: false,
      members: [
        { userId: w.operator.id, status: "creator" },
        { userId: w.bot.id, status: "administrator", canManageTopics: true },
      ],
    });
    expect((await w.api.getChat(chatId)).is_forum).toBeUndefined();
    expect((await apiError(w.api.createForumTopic(chatId, "x"))).description).toMatch(/not a forum/);
    w.sim.setForumMode(chatId, true);
    expect((await w.api.getChat(chatId)).is_forum).toBe(true);
    expect((await w.api.createForumTopic(chatId, "x")).name).toBe("x");
  });
});
