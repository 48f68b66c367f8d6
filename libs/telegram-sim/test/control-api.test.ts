import type { Message, User } from "@grammyjs/types";
import { Api } from "grammy";
import { type SimStateSummary, type SimTopicInfo, startTelegramSim, type TelegramSim } from "../src/index.ts";

describe("control API over HTTP", () => {
  let sim: TelegramSim;
  beforeEach(async () => {
    sim = await startTelegramSim({ limits: false });
  });
  afterEach(async () => {
    await sim.close();
  });

  async function call<T>(method: string, path: string, body?: unknown): Promise<{ status: number; json: T }> {
    const response = await fetch(`${sim.apiRoot}${path}`, {
      method,
      ...(body === undefined
        ? {}
        : { headers: { "content-type": "application/json" }, body: JSON.stringify(body) }),
    });
    return { status: response.status, json: (await response.json()) as T };
  }

  test("a client and an operator play a whole exchange through /sim/ routes", async () => {
    const bot = (await call<User>("POST", "/sim/bots", { token: "31337:CTRL", username: "ctrl_bot" })).json;
    const client = (await call<User>("POST", "/sim/users", { firstName: "Chris", username: "chris_c" })).json;
    const operator = (await call<User>("POST", "/sim/users", { firstName: "Olivia" })).json;
    expect(client).toMatchObject({ is_bot: false, first_name: "Chris", username: "chris_c" });
    const group = await call<{ chatId: number }>("POST", "/sim/groups", {
      title: "Desk",
      members: [
        { userId: operator.id, status: "creator" },
        { userId: bot.id, status: "administrator", canManageTopics: true },
      ],
    });
    expect(group.status).toBe(200);
    const groupId = group.json.chatId;

    const sent = await call<Message>("POST", "/sim/send", {
      userId: client.id,
      botId: bot.id,
      text: "Hello",
    });
    expect(sent.json).toMatchObject({ text: "Hello", chat: { id: client.id } });

    const api = new Api("31337:CTRL", { apiRoot: sim.apiRoot });
    expect((await api.getUpdates()).map((u) => u.message?.text)).toEqual(["Hello"]);
    await api.sendMessage(client.id, "Hi Chris");
    const topic = await api.createForumTopic(groupId, "Chris");

    await call("POST", "/sim/send", {
      userId: operator.id,
      chatId: groupId,
      threadId: topic.message_thread_id,
      text: "Taking it",
    });
    const album = await call<Message[]>("POST", "/sim/album", {
      userId: client.id,
      botId: bot.id,
      items: [{ kind: "photo", caption: "a" }, { kind: "photo" }],
    });
    expect(album.json).toHaveLength(2);
    expect(album.json[0]?.media_group_id).toBe(album.json[1]?.media_group_id);

    const privateChat = await call<Message[]>("GET", `/sim/chats/${client.id}/messages?botId=${bot.id}`);
    expect(privateChat.json.map((m) => m.text ?? m.caption)).toEqual(["Hello", "Hi Chris", "a", undefined]);
    const inTopic = await call<Message[]>(
      "GET",
      `/sim/chats/${groupId}/messages?threadId=${topic.message_thread_id}`,
    );
    expect(inTopic.json.map((m) => m.text ?? (m.forum_topic_created ? "[created]" : "?"))).toEqual([
      "[created]",
      "Taking it",
    ]);
    const topics = await call<SimTopicInfo[]>("GET", `/sim/chats/${groupId}/topics`);
    expect(topics.json).toEqual([
      { threadId: topic.message_thread_id, name: "Chris", iconColor: 7322096, closed: false, deleted: false },
    ]);

    // Pending for the bot: "Hello" (never confirmed), the operator's message and the two album parts.
    const state = await call<SimStateSummary>("GET", "/sim/state");
    expect(state.json).toMatchObject({
      apiRoot: sim.apiRoot,
      users: [{ id: client.id }, { id: operator.id }],
      bots: [{ id: bot.id, username: "ctrl_bot", pendingUpdates: 4, webhookUrl: "" }],
      groups: [
        {
          chatId: groupId,
          title: "Desk",
          members: [
            { userId: operator.id, status: "creator" },
            { userId: bot.id, status: "administrator" },
          ],
          topics: [{ name: "Chris" }],
        },
      ],
      privateChats: [{ botId: bot.id, userId: client.id, blocked: false, messageCount: 4 }],
    });
  });

  test("bad input gets a clear 400, unknown routes 404", async () => {
    const missing = await call<{ ok: boolean; error: string }>("POST", "/sim/users", { lastName: "X" });
    expect(missing.status).toBe(400);
    expect(missing.json.error).toMatch(/firstName/);

    const user = (await call<User>("POST", "/sim/users", { firstName: "U" })).json;
    const bot = (await call<User>("POST", "/sim/bots", { token: "1:A", username: "a_bot" })).json;
    const both = await call<{ error: string }>("POST", "/sim/send", {
      userId: user.id,
      botId: bot.id,
      chatId: -1,
      text: "x",
    });
    expect(both.status).toBe(400);
    expect(both.json.error).toMatch(/oneOf/);

    const wrongType = await call<{ error: string }>("POST", "/sim/send", {
      userId: "abc",
      botId: bot.id,
      text: "x",
    });
    expect(wrongType.status).toBe(400);
    expect(wrongType.json.error).toMatch(/userId/);

    const unknownUser = await call<{ error: string }>("POST", "/sim/send", {
      userId: 42,
      botId: bot.id,
      text: "x",
    });
    expect(unknownUser.status).toBe(400);
    expect(unknownUser.json.error).toBe("unknown user 42");

    const duplicate = await call<{ error: string }>("POST", "/sim/bots", { token: "1:A", username: "b_bot" });
    expect([duplicate.status, duplicate.json.error]).toEqual([400, "a bot with token 1:A already exists"]);

    expect((await call("GET", "/sim/nothing")).status).toBe(404);
  });
});
