import { BOT_TOKEN, bodyOf, type Harness, startHarness } from "./support/e2e-harness.ts";

describe("a bot connected to a backend group, end to end", () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness();
  });
  afterAll(async () => {
    await harness?.stop();
  });

  test("a client's first message opens a 🟪 topic named after them, with the message in it and a welcome back", async () => {
    harness.clientSays({ text: "Hello, my order #123 has not arrived" });
    const topicId = await harness.topicOf();
    const topic = await harness.waitFor(
      () =>
        harness.sim
          .topics(harness.groupId)
          .find((entry) => entry.threadId === topicId && entry.name.startsWith("🟪")),
      "the topic",
    );
    expect(topic.name).toBe(`🟪 Jane Doe · ${harness.client.id}`);
    await harness.waitFor(
      () => harness.topicMessages(topicId).length === 2,
      "the card and the copy in the topic",
    );
    const [card, copy] = harness.topicMessages(topicId).map(bodyOf);
    expect(card?.split("\n")).toEqual([
      "ℹ️ Jane Doe",
      `id: ${harness.client.id}`,
      "username: @jane_doe",
      "language: en",
    ]);
    expect(copy).toBe("Hello, my order #123 has not arrived");
    const welcome = await harness.waitFor(
      () => harness.clientChat().find((message) => message.from?.is_bot),
      "the welcome",
    );
    expect(bodyOf(welcome)).toContain("Jane");
  });

  test("an operator's answer reaches the client from the bot and the topic turns 🟨", async () => {
    const topicId = await harness.topicOf();
    harness.operatorSays(topicId, { text: "We are sorry! It ships today." });
    await harness.waitFor(
      () => harness.clientChat().find((message) => bodyOf(message) === "We are sorry! It ships today."),
      "the answer in the client's chat",
    );
    const answer = harness
      .clientChat()
      .find((message) => bodyOf(message) === "We are sorry! It ships today.");
    expect(answer?.from?.id).toBe(harness.bot.id);
    await harness.waitFor(
      () =>
        harness.sim
          .topics(harness.groupId)
          .find((topic) => topic.threadId === topicId)
          ?.name.startsWith("🟨"),
      "the 🟨 status",
    );
  });

  test("an internal comment stays in the topic", async () => {
    const topicId = await harness.topicOf();
    const before = harness.clientChat().length;
    harness.operatorSays(topicId, { text: "/ customer called by phone, be nice" });
    harness.operatorSays(topicId, { text: "marker after the comment" });
    await harness.waitFor(
      () => harness.clientChat().find((message) => bodyOf(message) === "marker after the comment"),
      "the marker",
    );
    expect(harness.clientChat().slice(before).map(bodyOf)).toEqual(["marker after the comment"]);
  });

  test("replies are mapped both ways", async () => {
    const topicId = await harness.topicOf();
    const clientQuestion = harness.clientSays({ text: "Which courier?" });
    const copy = await harness.waitFor(
      () => harness.topicMessages(topicId).find((message) => bodyOf(message) === "Which courier?"),
      "the question's copy",
    );
    harness.operatorSays(topicId, { text: "DHL", replyToMessageId: copy.message_id });
    const answer = await harness.waitFor(
      () => harness.clientChat().find((message) => bodyOf(message) === "DHL"),
      "the reply in the client's chat",
    );
    expect(answer.reply_to_message?.message_id).toBe(clientQuestion.message_id);
    harness.clientSays({ text: "thanks!", replyToMessageId: answer.message_id });
    const thanks = await harness.waitFor(
      () => harness.topicMessages(topicId).find((message) => bodyOf(message) === "thanks!"),
      "the client's reply in the topic",
    );
    const operatorOriginal = harness.topicMessages(topicId).find((message) => bodyOf(message) === "DHL");
    expect(thanks.reply_to_message?.message_id).toBe(operatorOriginal?.message_id);
  });

  test("edits of text are mirrored both ways", async () => {
    const topicId = await harness.topicOf();
    const typo = harness.clientSays({ text: "my adress is Main st" });
    await harness.waitFor(
      () => harness.topicMessages(topicId).find((m) => bodyOf(m) === "my adress is Main st"),
      "copy",
    );
    harness.sim.editAsUser(harness.client.id, harness.client.id, typo.message_id, {
      text: "my address is Main st",
    });
    await harness.waitFor(
      () => harness.topicMessages(topicId).find((m) => bodyOf(m) === "my address is Main st"),
      "edited copy",
    );
    const sent = harness.operatorSays(topicId, { text: "noted, Main st" });
    await harness.waitFor(
      () => harness.clientChat().find((m) => bodyOf(m) === "noted, Main st"),
      "operator message",
    );
    harness.sim.editAsUser(harness.operator.id, harness.groupId, sent.message_id, {
      text: "noted, 1 Main st",
    });
    await harness.waitFor(
      () => harness.clientChat().find((m) => bodyOf(m) === "noted, 1 Main st"),
      "edited answer",
    );
  });

  test("a caption edit and a reaction of the client are mirrored onto the copy in the topic", async () => {
    const topicId = await harness.topicOf();
    const photo = harness.clientSays({ photo: true, caption: "broken part" });
    const copy = await harness.waitFor(
      () => harness.topicMessages(topicId).find((m) => bodyOf(m) === "broken part"),
      "the photo's copy",
    );
    harness.sim.editAsUser(harness.client.id, harness.client.id, photo.message_id, {
      caption: "broken part, left side",
    });
    await harness.waitFor(
      () => harness.sim.message(harness.groupId, copy.message_id)?.caption === "broken part, left side",
      "the edited caption",
    );
    harness.sim.reactAsUser(harness.client.id, harness.client.id, photo.message_id, ["👍"]);
    await harness.waitFor(
      () => harness.sim.reactions(harness.groupId, copy.message_id)[harness.bot.id]?.length === 1,
      "the mirrored reaction",
    );
    expect(harness.sim.reactions(harness.groupId, copy.message_id)[harness.bot.id]).toEqual([
      { type: "emoji", emoji: "👍" },
    ]);
  });

  test("/close closes the topic; the client's next message reopens it with the welcome again", async () => {
    const topicId = await harness.topicOf();
    harness.operatorSays(topicId, { text: "/close" });
    await harness.waitFor(() => {
      const topic = harness.sim.topics(harness.groupId).find((entry) => entry.threadId === topicId);
      return topic?.closed && topic.name.startsWith("⬛️");
    }, "the closed topic");
    const welcomesBefore = harness
      .clientChat()
      .filter((m) => m.from?.is_bot && bodyOf(m)?.includes("Jane")).length;
    harness.clientSays({ text: "one more question" });
    await harness.waitFor(() => {
      const topic = harness.sim.topics(harness.groupId).find((entry) => entry.threadId === topicId);
      return topic && !topic.closed && topic.name.startsWith("🟪");
    }, "the reopened topic");
    await harness.waitFor(
      () =>
        harness.clientChat().filter((m) => m.from?.is_bot && bodyOf(m)?.includes("Jane")).length ===
        welcomesBefore + 1,
      "a second welcome",
    );
    await harness.waitFor(
      () => harness.topicMessages(topicId).some((m) => bodyOf(m) === "one more question"),
      "the message in the reopened topic",
    );
  });

  test("a client who blocked the bot: the operator is told the answer was not delivered", async () => {
    const topicId = await harness.topicOf();
    harness.sim.blockBot(harness.client.id, harness.bot.id);
    harness.operatorSays(topicId, { text: "are you there?" });
    const notice = await harness.waitFor(
      () => harness.topicMessages(topicId).find((m) => bodyOf(m)?.startsWith("⚠️ Not delivered")),
      "the not-delivered notice",
    );
    expect(bodyOf(notice)).toContain("blocked the bot");
    harness.sim.unblockBot(harness.client.id, harness.bot.id);
  });
});

describe("what the system keeps and says about a dialog", () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness({ params: { WELCOME: "Hi {title}, a person will answer soon\\." } });
  });
  afterAll(async () => {
    await harness?.stop();
  });

  test("logs never contain the bot token, message texts or the client's name", async () => {
    harness.clientSays({ text: "my secret order 9981" });
    const topicId = await harness.topicOf();
    harness.operatorSays(topicId, { text: "answer about 9981" });
    harness.operatorSays(topicId, { text: "/unknowncommand" });
    await harness.waitFor(
      () => harness.clientChat().some((m) => bodyOf(m) === "answer about 9981"),
      "the answer",
    );
    await harness.waitFor(
      () => harness.topicMessages(topicId).some((m) => bodyOf(m)?.includes("Unknown command")),
      "hint",
    );
    const logs = harness.logLines.join("\n");
    expect(harness.logLines.length).toBeGreaterThan(0);
    for (const secret of [
      BOT_TOKEN,
      BOT_TOKEN.split(":")[1] ?? "",
      "9981",
      "Jane",
      "Doe",
      "a person will answer",
    ]) {
      expect([secret, logs.includes(secret)]).toEqual([secret, false]);
    }
  });

  test("the database holds ids, never message bodies", async () => {
    const tables = [
      "dialogs",
      "message_links",
      "outbox",
      "processed_events",
      "album_parts",
      "dialog_events",
    ] as const;
    for (const table of tables) {
      const rows = await harness.database.db.selectFrom(table).selectAll().execute();
      expect([table, JSON.stringify(rows).includes("9981")]).toEqual([table, false]);
    }
  });

  test("delivery workers stop once their queues are empty", async () => {
    await harness.waitFor(() => harness.stack.delivery()?.runningLanes().length === 0, "idle lanes", 20_000);
  });
});
