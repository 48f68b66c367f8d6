import { bodyOf, type Harness, startHarness } from "./support/e2e-harness.ts";

describe("/new: an operator opens a dialog from the General topic", () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness({ params: { WELCOME: "OFF" } });
  });
  afterAll(async () => {
    await harness?.stop();
  });

  async function processedEvents(): Promise<number> {
    const rows = await harness.database.db.selectFrom("processed_events").select("event_id").execute();
    return rows.length;
  }

  function inGeneral(text: string) {
    return harness.sim.sendAsUser(harness.operator.id, { chatId: harness.groupId }, { text });
  }

  function generalTexts(): string[] {
    return harness.sim.messages(harness.groupId, { threadId: 1 }).flatMap((message) => bodyOf(message) ?? []);
  }

  test("a topic appears for the user, and the operator's message in it reaches them", async () => {
    // Sam started the bot while ignored (IGNORE_CHATS), so the bot may write to him but he has no
    // dialog: the team opens one with /new.
    const sam = harness.sim.createUser({ firstName: "Sam", lastName: "Stone", username: "sam_stone" });
    await harness.setParameter("IGNORE_CHATS", String(sam.id));
    harness.sim.sendAsUser(sam.id, { botId: harness.bot.id }, { text: "/start" });
    await harness.waitFor(async () => (await processedEvents()) >= 1, "the /start handled (and ignored)");
    await harness.unsetParameter("IGNORE_CHATS");

    inGeneral(`/new ${sam.id}`);
    const topicId = await harness.topicOf(sam.id);

    await harness.waitFor(
      () => generalTexts().some((text) => text.startsWith(`✅ Dialog opened with ${sam.id}`)),
      "the confirmation in General",
    );
    const topic = harness.sim.topics(harness.groupId).find((entry) => entry.threadId === topicId);
    expect(topic?.name).toContain("Sam Stone");
    await harness.waitFor(
      () => harness.topicMessages(topicId).some((message) => bodyOf(message)?.includes(`id: ${sam.id}`)),
      "the opening card",
    );

    harness.operatorSays(topicId, { text: "Hello Sam, this is support." });
    await harness.waitFor(
      () => harness.clientChat(sam.id).some((message) => bodyOf(message) === "Hello Sam, this is support."),
      "the operator's message in Sam's chat",
    );
    // Sam's answer comes back into the same topic, with no keyword needed: the dialog is open.
    harness.sim.sendAsUser(sam.id, { botId: harness.bot.id }, { text: "thanks!" });
    await harness.waitFor(
      () => harness.topicMessages(topicId).some((message) => bodyOf(message) === "thanks!"),
      "Sam's answer in the topic",
    );
  });

  test("a user who never started the bot: a clear answer, and no topic", async () => {
    const stranger = harness.sim.createUser({ firstName: "Stranger" });
    const topicsBefore = harness.sim.topics(harness.groupId).length;

    inGeneral(`/new ${stranger.id}`);

    await harness.waitFor(
      () => generalTexts().some((text) => text.includes(`The bot cannot write to ${stranger.id}`)),
      "the refusal",
    );
    expect(harness.sim.topics(harness.groupId)).toHaveLength(topicsBefore);
    const dialogs = await harness.database.db
      .selectFrom("dialogs")
      .select("id")
      .where("client_chat_id", "=", stranger.id)
      .execute();
    expect(dialogs).toEqual([]);
  });

  test("a username the bot cannot resolve gets the Bot API explanation", async () => {
    inGeneral("/new @nobody_known");
    await harness.waitFor(
      () => generalTexts().some((text) => text.includes("a bot cannot look people up by username")),
      "the explanation",
    );
  });
});
