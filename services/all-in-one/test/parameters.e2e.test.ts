import type { SimUser } from "@topicdesk/telegram-sim";
import { bodyOf, type Harness, startHarness } from "./support/e2e-harness.ts";

/** Each parameter of the core, observed through what the client and the backend group show. */
describe("connection parameters, end to end", () => {
  let harness: Harness;
  let clients = 0;
  beforeAll(async () => {
    harness = await startHarness();
  });
  afterAll(async () => {
    await harness?.stop();
  });
  afterEach(async () => {
    await harness.clearParameters();
  });

  const newClient = (): SimUser => {
    clients += 1;
    return harness.sim.createUser({
      firstName: `Client${clients}`,
      lastName: "Test",
      username: `client_${clients}`,
    });
  };
  const say = (client: SimUser, text: string) =>
    harness.sim.sendAsUser(client.id, { botId: harness.bot.id }, { text });
  const topicOf = (client: SimUser) => harness.topicOf(client.id);
  const hasDialog = async (client: SimUser) =>
    (await harness.database.db
      .selectFrom("dialogs")
      .select("id")
      .where("client_chat_id", "=", client.id)
      .executeTakeFirst()) !== undefined;
  const processedCount = async () =>
    (await harness.database.db.selectFrom("processed_events").select("event_id").execute()).length;
  /** Runs `send` and waits until the router has handled the `count` events it caused. */
  const routed = async (count: number, send: () => void) => {
    const before = await processedCount();
    send();
    await harness.waitFor(async () => (await processedCount()) >= before + count, "the events to be routed");
  };
  const topicName = (threadId: number) =>
    harness.sim.topics(harness.groupId).find((topic) => topic.threadId === threadId)?.name ?? "";

  test("WELCOME: a custom text with {title}", async () => {
    await harness.setParameter("WELCOME", "Hi {title}\\! We are on it\\.");
    const client = newClient();
    say(client, "hello");
    const welcome = await harness.waitFor(
      () => harness.clientChat(client.id).find((message) => message.from?.is_bot),
      "the welcome",
    );
    expect(bodyOf(welcome)).toBe("Hi Client1 Test! We are on it.");
  });

  test("IGNORE_CHATS and WHITE_LIST keep clients out", async () => {
    const ignored = newClient();
    const outsider = newClient();
    const listed = newClient();
    await harness.setParameter("IGNORE_CHATS", `"${ignored.id}"`);
    await routed(1, () => say(ignored, "ignored"));
    expect(await hasDialog(ignored)).toBe(false);
    await harness.setParameter("WHITE_LIST", `"${listed.id}"`);
    await routed(2, () => {
      say(outsider, "outsider");
      say(listed, "listed");
    });
    await topicOf(listed);
    expect(await hasDialog(outsider)).toBe(false);
  });

  test("MONITOR_PRIVATE FALSE relays no private dialog", async () => {
    await harness.setParameter("MONITOR_PRIVATE", "FALSE");
    const client = newClient();
    await routed(1, () => say(client, "anyone?"));
    expect(await hasDialog(client)).toBe(false);
    expect(harness.clientChat(client.id).filter((m) => m.from?.is_bot)).toEqual([]);
  });

  test("PRIVATE_KEYWORDS: only a matching message opens the topic", async () => {
    await harness.setParameter("PRIVATE_KEYWORDS", '"operator", ["human", "~bot"]');
    const client = newClient();
    say(client, "what are your prices?");
    say(client, "I need an OPERATOR");
    const topicId = await topicOf(client);
    await harness.waitFor(
      () => harness.topicMessages(topicId).some((m) => bodyOf(m) === "I need an OPERATOR"),
      "copy",
    );
    expect(harness.topicMessages(topicId).some((m) => bodyOf(m) === "what are your prices?")).toBe(false);
  });

  test("LEAVE_CLOSED private: the topic is born closed and gets no welcome; an operator answer still goes out", async () => {
    await harness.setParameter("LEAVE_CLOSED", '"private"');
    const client = newClient();
    say(client, "quietly");
    const topicId = await topicOf(client);
    await harness.waitFor(
      () => harness.sim.topics(harness.groupId).find((t) => t.threadId === topicId)?.closed,
      "closed",
    );
    expect(topicName(topicId)).toMatch(/^⬛️/);
    harness.operatorSays(topicId, { text: "we saw it" });
    await harness.waitFor(
      () => harness.clientChat(client.id).some((m) => bodyOf(m) === "we saw it"),
      "the answer",
    );
    expect(
      harness
        .clientChat(client.id)
        .filter((m) => m.from?.is_bot)
        .map(bodyOf),
    ).toEqual(["we saw it"]);
  });

  test("REPLY_ONLY: only replies to client messages go out; the rest are comments", async () => {
    const client = newClient();
    say(client, "question");
    const topicId = await topicOf(client);
    const copy = await harness.waitFor(
      () => harness.topicMessages(topicId).find((m) => bodyOf(m) === "question"),
      "the copy",
    );
    await harness.setParameter("REPLY_ONLY", "TRUE");
    harness.operatorSays(topicId, { text: "thinking aloud" });
    harness.operatorSays(topicId, { text: "the answer", replyToMessageId: copy.message_id });
    await harness.waitFor(
      () => harness.clientChat(client.id).some((m) => bodyOf(m) === "the answer"),
      "the reply",
    );
    expect(harness.clientChat(client.id).some((m) => bodyOf(m) === "thinking aloud")).toBe(false);
  });

  test("RESTRICTED_KEYWORDS_FRONTEND and _BACKEND stop contacts crossing either way", async () => {
    await harness.setParameter("RESTRICTED_KEYWORDS_FRONTEND", '"@gmail"');
    await harness.setParameter("RESTRICTED_KEYWORDS_BACKEND", '"t.me/"');
    const client = newClient();
    say(client, "hello");
    const topicId = await topicOf(client);
    say(client, "mail me at me@gmail.com");
    await harness.waitFor(
      () =>
        harness.topicMessages(topicId).some((m) => bodyOf(m)?.startsWith("🚫 A client message was withheld")),
      "the withheld notice",
    );
    harness.operatorSays(topicId, { text: "write to t.me/me" });
    await harness.waitFor(
      () => harness.topicMessages(topicId).some((m) => bodyOf(m)?.startsWith("🚫 Not delivered")),
      "the refused notice",
    );
    expect(harness.topicMessages(topicId).some((m) => bodyOf(m)?.includes("gmail"))).toBe(false);
    expect(harness.clientChat(client.id).some((m) => bodyOf(m)?.includes("t.me"))).toBe(false);
  });

  test("HIDE_INFO name and ICON_COLOR: a pseudonym in the topic name, the chosen colour", async () => {
    await harness.setParameter("HIDE_INFO", '"name", "link"');
    await harness.setParameter("ICON_COLOR", "green");
    const client = newClient();
    say(client, "private person");
    const topicId = await topicOf(client);
    const topic = await harness.waitFor(
      () => harness.sim.topics(harness.groupId).find((t) => t.threadId === topicId),
      "the topic",
    );
    expect(topic.name).not.toContain("Client");
    expect(topic.name).not.toContain(String(client.id));
    expect(topic.iconColor).toBe(9367192);
    const card = await harness.waitFor(() => harness.topicMessages(topicId)[0], "the card");
    expect(bodyOf(card)).not.toContain(`@client_${clients}`);
  });

  test("AUTO_INFO posts the full card naming the connection", async () => {
    await harness.setParameter("AUTO_INFO", "TRUE");
    const client = newClient();
    say(client, "hello");
    const topicId = await topicOf(client);
    const card = await harness.waitFor(() => harness.topicMessages(topicId)[0], "the card");
    expect(bodyOf(card)).toContain("connection: main");
  });

  test("/hold and /wait set the status shown in the topic name", async () => {
    const client = newClient();
    say(client, "hello");
    const topicId = await topicOf(client);
    harness.operatorSays(topicId, { text: "/wait" });
    await harness.waitFor(() => topicName(topicId).startsWith("🟨"), "🟨");
    harness.operatorSays(topicId, { text: "/hold" });
    await harness.waitFor(() => topicName(topicId).startsWith("🟪"), "🟪");
  });

  test("/ban makes the bot ignore the client until /unban", async () => {
    const client = newClient();
    say(client, "hello");
    const topicId = await topicOf(client);
    harness.operatorSays(topicId, { text: "/ban" });
    await harness.waitFor(
      () => harness.topicMessages(topicId).some((m) => bodyOf(m)?.startsWith("🚷")),
      "banned",
    );
    await routed(1, () => say(client, "while banned"));
    harness.operatorSays(topicId, { text: "/unban" });
    await harness.waitFor(
      () => harness.topicMessages(topicId).some((m) => bodyOf(m)?.startsWith("✅ Client unbanned")),
      "unbanned",
    );
    say(client, "after unban");
    await harness.waitFor(
      () => harness.topicMessages(topicId).some((m) => bodyOf(m) === "after unban"),
      "after unban",
    );
    expect(harness.topicMessages(topicId).some((m) => bodyOf(m) === "while banned")).toBe(false);
  });
});
