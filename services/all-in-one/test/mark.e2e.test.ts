import type { Message } from "@grammyjs/types";
import type { DomainEvent } from "@topicdesk/contracts";
import type { SimUser } from "@topicdesk/telegram-sim";
import { bodyOf, type Harness, startHarness } from "./support/e2e-harness.ts";

/** Labels and funnels end to end: tickers in topic names, funnel stages, quick replies on assignment. */
describe("/mark labels", () => {
  let harness: Harness;
  let topicId: number;
  let member: SimUser;
  const tagged: DomainEvent[] = [];

  beforeAll(async () => {
    harness = await startHarness();
    member = harness.sim.createUser({ firstName: "Max" });
    harness.sim.addMember(harness.groupId, { userId: member.id, status: "member" });
    const subject = harness.stack.naming.domainEventSubject(harness.config.connectionId, "dialog.tagged");
    const subscription = harness.stack.bus.nc.subscribe(subject);
    void (async () => {
      for await (const message of subscription) tagged.push(message.json<DomainEvent>());
    })();
    harness.clientSays({ text: "I'd like to buy" });
    topicId = await harness.topicOf();
  }, 60_000);

  afterAll(async () => {
    await harness.stop();
  });

  const asUser = (user: SimUser, text: string, threadId?: number, replyToMessageId?: number) =>
    harness.sim.sendAsUser(
      user.id,
      threadId === undefined ? { chatId: harness.groupId } : { chatId: harness.groupId, threadId },
      replyToMessageId === undefined ? { text } : { text, replyToMessageId },
    );
  const botAnswerTo = async (command: Message) => {
    const answer = await harness.waitFor(
      () =>
        harness.sim
          .messages(harness.groupId)
          .find(
            (message) => message.reply_to_message?.message_id === command.message_id && message.from?.is_bot,
          ),
      `the bot's answer to ${bodyOf(command)}`,
    );
    return bodyOf(answer) ?? "";
  };
  const admin = (text: string, threadId?: number, replyTo?: number) =>
    botAnswerTo(asUser(harness.operator, text, threadId, replyTo));
  const topicName = () =>
    harness.sim.topics(harness.groupId).find((topic) => topic.threadId === topicId)?.name;
  const dialogLabels = async () =>
    (await harness.database.db.selectFrom("dialogs").select("labels").executeTakeFirstOrThrow()).labels;
  const labelNames = async () =>
    (await harness.database.db.selectFrom("labels").select("name").orderBy("name").execute()).map(
      (row) => row.name,
    );

  test("the administrator creates labels and their funnel in the General topic", async () => {
    expect(await admin("/mark new Alex")).toContain("created");
    expect(await admin("/mark alex ticker Alex")).toContain("shows “Alex”");
    expect(await admin("/mark new lead")).toContain("created");
    expect(await admin("/mark new paid")).toContain("created");
    expect(await admin("/mark paid after lead")).toContain("now removes: lead");
    const thanks = asUser(harness.operator, "Thank you for your order!");
    expect(await admin("/say thanks", undefined, thanks.message_id)).toContain("saved");
    expect(await admin("/mark paid sends thanks")).toContain("now sends quick reply “thanks”");
    expect(await labelNames()).toEqual(["alex", "lead", "paid"]);
  });

  test("a plain operator may not manage labels in the General topic", async () => {
    const answer = await botAnswerTo(asUser(member, "/mark new vip"));
    expect(answer).toBe(
      "⛔ /mark outside a client's topic is for the administrator and the users in EXTENSIONS_ALLOWED.",
    );
    expect(await labelNames()).toEqual(["alex", "lead", "paid"]);
  });

  test("an operator assigns the dialog: the ticker shows after the status and dialog.tagged is published", async () => {
    expect(await botAnswerTo(asUser(member, "/mark alex", topicId))).toContain("added");
    await harness.waitFor(
      () => topicName()?.startsWith("🟪 Alex · Jane Doe"),
      "the ticker in the topic name",
    );
    expect(await dialogLabels()).toEqual(["alex"]);
    const event = await harness.waitFor(() => tagged[0], "dialog.tagged");
    expect(event).toMatchObject({
      operatorId: member.id,
      labels: { current: ["alex"], added: ["alex"], removed: [] },
    });
  });

  test("the ticker stays when the status changes", async () => {
    harness.operatorSays(topicId, { text: "Sure, here is the price list." });
    await harness.waitFor(() => topicName()?.startsWith("🟨 Alex · Jane Doe"), "🟨 with the ticker");
  });

  test("a later funnel stage removes the earlier one and sends its quick reply to the client", async () => {
    await botAnswerTo(asUser(member, "/mark lead", topicId));
    expect(await dialogLabels()).toEqual(["alex", "lead"]);
    const answer = await botAnswerTo(asUser(member, "/mark paid", topicId));
    expect(answer).toContain("removed: lead");
    expect(await dialogLabels()).toEqual(["alex", "paid"]);
    await harness.waitFor(
      () =>
        harness
          .clientChat()
          .some((message) => message.from?.is_bot && bodyOf(message) === "Thank you for your order!"),
      "the quick reply at the client",
    );
  });

  test("a new ticker renames the topics that carry the label", async () => {
    await admin("/mark alex ticker Sasha");
    await harness.waitFor(
      () => topicName()?.startsWith("🟨 Sasha · Jane Doe"),
      "the new ticker in the topic name",
    );
  });

  test.each([
    ["/mark nobody", "no label “nobody”"],
    ["/mark del lead", "has no label “lead”"],
    ["/mark 9lives", "not a valid label name"],
  ])("%s in the topic answers with a clear error and changes nothing", async (text, error) => {
    expect(await botAnswerTo(asUser(member, text, topicId))).toContain(error);
    expect(await dialogLabels()).toEqual(["alex", "paid"]);
  });

  test("/mark in the topic lists its labels, /mark del removes one", async () => {
    expect(await botAnswerTo(asUser(member, "/mark", topicId))).toBe("Labels: alex, paid");
    await botAnswerTo(asUser(member, "/mark del alex", topicId));
    expect(await dialogLabels()).toEqual(["paid"]);
    await harness.waitFor(
      () => topicName()?.startsWith("🟨 Jane Doe"),
      "the ticker gone from the topic name",
    );
  });

  test("renaming and deleting a label follow it onto the dialogs", async () => {
    await admin("/mark paid name customer");
    expect(await dialogLabels()).toEqual(["customer"]);
    await admin("/mark del customer");
    expect(await dialogLabels()).toEqual([]);
    expect(await labelNames()).toEqual(["alex", "lead"]);
  });
});
