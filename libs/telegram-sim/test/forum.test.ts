import { Api } from "grammy";
import { SimError, TOPIC_ICON_COLORS } from "../src/index.ts";
import { apiError, startWorld, type World } from "./support.ts";

describe("forum topics", () => {
  let w: World;
  beforeEach(async () => {
    w = await startWorld();
  });
  afterEach(async () => {
    await w.sim.close();
  });

  test("createForumTopic posts forum_topic_created whose message_id is the thread id", async () => {
    const topic = await w.api.createForumTopic(w.groupId, "Jane Doe #1", { icon_color: 16766590 });
    expect(topic).toEqual({
      message_thread_id: expect.any(Number),
      name: "Jane Doe #1",
      icon_color: 16766590,
    });

    const [created, ...rest] = w.sim.messages(w.groupId, { threadId: topic.message_thread_id });
    expect(rest).toEqual([]);
    expect(created).toMatchObject({
      message_id: topic.message_thread_id,
      message_thread_id: topic.message_thread_id,
      is_topic_message: true,
      from: { id: w.bot.id },
      forum_topic_created: { name: "Jane Doe #1", icon_color: 16766590 },
    });
    expect(w.sim.topics(w.groupId)).toEqual([
      {
        threadId: topic.message_thread_id,
        name: "Jane Doe #1",
        iconColor: 16766590,
        closed: false,
        deleted: false,
      },
    ]);
    // No update for the bot about its own action.
    expect(await w.api.getUpdates()).toEqual([]);
  });

  test("topic creation checks icon colours and rights", async () => {
    expect(TOPIC_ICON_COLORS).toHaveLength(6);
    // Deliberately outside the six colours grammY's types allow.
    const red = 0xff0000 as (typeof TOPIC_ICON_COLORS)[number];
    const color = await apiError(w.api.createForumTopic(w.groupId, "x", { icon_color: red }));
    expect([color.error_code, color.description]).toEqual([400, "Bad Request: invalid icon_color specified"]);

    w.sim.setMemberStatus(w.groupId, w.bot.id, "member");
    const rights = await apiError(w.api.createForumTopic(w.groupId, "x"));
    expect(rights.description).toBe("Bad Request: not enough rights to create a topic");

    w.sim.setMemberStatus(w.groupId, w.bot.id, "administrator", { canManageTopics: true });
    const ok = await w.api.createForumTopic(w.groupId, "x");
    expect(ok.icon_color).toBe(TOPIC_ICON_COLORS[0]);

    w.sim.setMemberStatus(w.groupId, w.bot.id, "administrator", { canManageTopics: false });
    const manage = await apiError(w.api.closeForumTopic(w.groupId, ok.message_thread_id + 1000));
    expect(manage.description).toBe("Bad Request: message thread not found");
    // The bot created this topic, so it may still manage it (Telegram's creator exception).
    expect(await w.api.closeForumTopic(w.groupId, ok.message_thread_id)).toBe(true);
    const other = w.sim.createTopicAsUser(w.operator.id, w.groupId, { name: "operator's" });
    const denied = await apiError(w.api.closeForumTopic(w.groupId, other.threadId));
    expect(denied.description).toBe("Bad Request: not enough rights to manage topics");
  });

  test("topic messages reply to the creation message unless they reply explicitly (Telegram quirk)", async () => {
    const { message_thread_id: threadId } = await w.api.createForumTopic(w.groupId, "Case 7");
    const first = w.sim.sendAsUser(w.operator.id, { chatId: w.groupId, threadId }, { text: "On it" });
    expect(first).toMatchObject({ message_thread_id: threadId, is_topic_message: true });
    expect(first.reply_to_message).toMatchObject({
      message_id: threadId,
      forum_topic_created: { name: "Case 7" },
    });

    const explicit = w.sim.sendAsUser(
      w.operator.id,
      { chatId: w.groupId, threadId },
      {
        text: "see above",
        replyToMessageId: first.message_id,
      },
    );
    expect(explicit.reply_to_message?.message_id).toBe(first.message_id);

    const fromBot = await w.api.sendMessage(w.groupId, "bot in topic", { message_thread_id: threadId });
    expect(fromBot).toMatchObject({
      message_thread_id: threadId,
      is_topic_message: true,
      reply_to_message: { message_id: threadId },
    });

    // A reply without message_thread_id lands in the topic of the message it replies to.
    const viaReply = await w.api.sendMessage(w.groupId, "reply", {
      reply_parameters: { message_id: first.message_id },
    });
    expect(viaReply).toMatchObject({
      message_thread_id: threadId,
      reply_to_message: { message_id: first.message_id },
    });
    expect(w.sim.messages(w.groupId, { threadId }).map((m) => m.message_id)).toEqual([
      threadId,
      first.message_id,
      explicit.message_id,
      fromBot.message_id,
      viaReply.message_id,
    ]);
  });

  test("the General topic has no thread id and can't be addressed as thread 1", async () => {
    const general = w.sim.sendAsUser(w.operator.id, { chatId: w.groupId }, { text: "hello all" });
    expect(general.message_thread_id).toBeUndefined();
    expect(general.is_topic_message).toBeUndefined();
    expect(general.reply_to_message).toBeUndefined();

    const viaOne = await apiError(w.api.sendMessage(w.groupId, "x", { message_thread_id: 1 }));
    expect(viaOne.description).toBe("Bad Request: message thread not found");
    expect(await w.api.sendChatAction(w.groupId, "typing", { message_thread_id: 1 })).toBe(true);

    // Telegram quirk: a reply in General carries the chain's root id as message_thread_id.
    const reply = w.sim.sendAsUser(
      w.operator.id,
      { chatId: w.groupId },
      { text: "re", replyToMessageId: general.message_id },
    );
    expect(reply.message_thread_id).toBe(general.message_id);
    expect(reply.is_topic_message).toBeUndefined();
    expect(w.sim.messages(w.groupId, { threadId: 1 }).map((m) => m.text)).toEqual(["hello all", "re"]);
  });

  test("edit, close and reopen post their service messages; closed topics refuse non-admins", async () => {
    const { message_thread_id: threadId } = await w.api.createForumTopic(w.groupId, "Jane");
    expect(await w.api.editForumTopic(w.groupId, threadId, { name: "Jane (VIP)" })).toBe(true);
    expect(await w.api.closeForumTopic(w.groupId, threadId)).toBe(true);
    const again = await apiError(w.api.closeForumTopic(w.groupId, threadId));
    expect(again.description).toBe("Bad Request: TOPIC_NOT_MODIFIED");

    expect(w.sim.topics(w.groupId)[0]).toMatchObject({ name: "Jane (VIP)", closed: true });
    const member = w.sim.createUser({ firstName: "Mark" });
    w.sim.addMember(w.groupId, { userId: member.id, status: "member" });
    expect(() => w.sim.sendAsUser(member.id, { chatId: w.groupId, threadId }, { text: "x" })).toThrow(
      SimError,
    );
    expect(() => w.sim.sendAsUser(member.id, { chatId: w.groupId, threadId }, { text: "x" })).toThrow(
      "TOPIC_CLOSED",
    );
    // The creator may still post, and so may a bot with topic rights.
    w.sim.sendAsUser(w.operator.id, { chatId: w.groupId, threadId }, { text: "admin note" });
    await w.api.sendMessage(w.groupId, "bot note", { message_thread_id: threadId });

    const plainBot = w.sim.createBot({ token: "777:PLAIN", username: "plain_bot" });
    w.sim.addMember(w.groupId, { userId: plainBot.id, status: "member" });
    const plainApi = new Api("777:PLAIN", { apiRoot: w.sim.apiRoot });
    const closed = await apiError(plainApi.sendMessage(w.groupId, "x", { message_thread_id: threadId }));
    expect([closed.error_code, closed.description]).toEqual([400, "Bad Request: TOPIC_CLOSED"]);

    expect(await w.api.reopenForumTopic(w.groupId, threadId)).toBe(true);
    await plainApi.sendMessage(w.groupId, "now open", { message_thread_id: threadId });

    const services = w.sim
      .messages(w.groupId, { threadId })
      .map((m) => Object.keys(m).find((k) => k.startsWith("forum_topic_")) ?? m.text);
    expect(services).toEqual([
      "forum_topic_created",
      "forum_topic_edited",
      "forum_topic_closed",
      "admin note",
      "bot note",
      "forum_topic_reopened",
      "now open",
    ]);
    expect(w.sim.messages(w.groupId, { threadId })[1]?.forum_topic_edited).toEqual({ name: "Jane (VIP)" });
  });

  test("a deleted topic loses its messages and refuses sends with thread not found", async () => {
    const a = await w.api.createForumTopic(w.groupId, "A");
    const b = await w.api.createForumTopic(w.groupId, "B");
    w.sim.sendAsUser(w.operator.id, { chatId: w.groupId, threadId: a.message_thread_id }, { text: "in A" });
    const photo = w.sim.sendAsUser(
      w.operator.id,
      { chatId: w.groupId, threadId: a.message_thread_id },
      { photo: true },
    );

    expect(await w.api.deleteForumTopic(w.groupId, a.message_thread_id)).toBe(true);
    expect(w.sim.messages(w.groupId, { threadId: a.message_thread_id })).toEqual([]);
    expect(w.sim.topics(w.groupId).map((t) => [t.name, t.deleted])).toEqual([
      ["A", true],
      ["B", false],
    ]);
    const send = await apiError(
      w.api.sendMessage(w.groupId, "x", { message_thread_id: a.message_thread_id }),
    );
    expect([send.error_code, send.description]).toEqual([400, "Bad Request: message thread not found"]);
    const copy = await apiError(w.api.copyMessage(w.groupId, w.groupId, photo.message_id));
    expect(copy.description).toBe("Bad Request: message to copy not found");

    w.sim.deleteTopicAsUser(w.groupId, b.message_thread_id);
    const afterUserDelete = await apiError(
      w.api.sendMessage(w.groupId, "x", { message_thread_id: b.message_thread_id }),
    );
    expect(afterUserDelete.description).toBe("Bad Request: message thread not found");
    expect(() =>
      w.sim.sendAsUser(w.operator.id, { chatId: w.groupId, threadId: b.message_thread_id }, { text: "x" }),
    ).toThrow("message thread not found");
  });
});
