import { publishDomainEvent } from "@topicdesk/bus";
import { bodyOf, type Harness, startHarness } from "./support/e2e-harness.ts";

/**
 * A broadcast runs beside live dialogs: the client's messages keep reaching their topic, in order,
 * while the broadcast is still sending. The `/send` command event is published here the way the
 * router publishes it after its role check.
 */
let harness: Harness;

beforeAll(async () => {
  harness = await startHarness();
}, 60_000);
afterAll(async () => {
  await harness?.stop();
});

test("live dialogs keep flowing while a broadcast is sending", async () => {
  const { sim, database, groupId, operator } = harness;
  const recipients = Array.from({ length: 150 }, (_, index) =>
    sim.createUser({ firstName: `Reader${index}` }),
  );
  for (const reader of recipients)
    sim.sendAsUser(reader.id, { botId: harness.bot.id }, { text: "subscribe" });
  await harness.waitFor(
    async () =>
      (await database.db.selectFrom("dialogs").select("id").execute()).length >= recipients.length
        ? true
        : undefined,
    "dialogs of the readers",
    60_000,
  );
  harness.clientSays({ text: "first question" });
  const topic = await harness.topicOf();
  const prepared = sim.sendAsUser(operator.id, { chatId: groupId }, { text: "Newsletter #1" });
  const publish = (id: string, args: string) =>
    publishDomainEvent(harness.stack.bus, harness.stack.naming, {
      v: 1,
      id,
      kind: "command.invoked",
      connectionId: harness.config.connectionId,
      at: Date.now(),
      command: {
        name: "send",
        args,
        callerId: operator.id,
        callerRole: "admin",
        backendChatId: groupId,
        messageId: prepared.message_id + 1,
        replyToMessageId: prepared.message_id,
      },
    });
  await publish("e2e-send-1", "all");
  const draft = await harness.waitFor(
    () =>
      database.db
        .selectFrom("broadcasts")
        .selectAll()
        .where("command_event_id", "=", "e2e-send-1")
        .executeTakeFirst(),
    "the draft",
  );
  await harness.waitFor(
    () =>
      sim.messages(groupId).some((message) => bodyOf(message)?.includes(`Broadcast #${draft.id} (draft)`)),
    "the preview in General",
  );
  await publish("e2e-send-2", `confirm ${draft.id}`);
  await harness.waitFor(
    async () =>
      (await database.db
        .selectFrom("broadcast_recipients")
        .select("chat_id")
        .where("broadcast_id", "=", draft.id)
        .where("status", "=", "sent")
        .executeTakeFirst()) !== undefined,
    "the broadcast under way",
  );

  for (const text of ["second", "third", "fourth"]) harness.clientSays({ text });
  await harness.waitFor(
    () => harness.topicMessages(topic).some((message) => bodyOf(message) === "fourth"),
    "the live messages in the topic",
  );
  const stillPending = await database.db
    .selectFrom("broadcast_recipients")
    .select("chat_id")
    .where("broadcast_id", "=", draft.id)
    .where("status", "=", "pending")
    .execute();
  expect(stillPending.length).toBeGreaterThan(0);
  const live = harness
    .topicMessages(topic)
    .map(bodyOf)
    .filter((body) => body !== undefined);
  expect(live.filter((body) => ["first question", "second", "third", "fourth"].includes(body))).toEqual([
    "first question",
    "second",
    "third",
    "fourth",
  ]);
  // Broadcasts are not copied into topics.
  expect(live).not.toContain("Newsletter #1");

  await harness.waitFor(
    async () => {
      const row = await database.db
        .selectFrom("broadcasts")
        .select("status")
        .where("id", "=", draft.id)
        .executeTakeFirst();
      return row?.status === "done";
    },
    "the broadcast to finish",
    60_000,
  );
  for (const reader of recipients.slice(0, 5)) {
    expect(
      harness
        .clientChat(reader.id)
        .filter((message) => message.from?.is_bot)
        .map(bodyOf),
    ).toContain("Newsletter #1");
  }
}, 120_000);

test("/send file as the caption of a file of ids broadcasts to exactly those clients", async () => {
  const { sim, groupId, operator } = harness;
  const readers = ["Ann", "Ben", "Cid"].map((firstName) => sim.createUser({ firstName }));
  for (const reader of readers) sim.sendAsUser(reader.id, { botId: harness.bot.id }, { text: "hi" });
  await Promise.all(readers.map((reader) => harness.topicOf(reader.id)));
  const prepared = sim.sendAsUser(operator.id, { chatId: groupId }, { text: "Members' offer" });
  const [ann, ben, cid] = readers.map((reader) => reader.id);
  const command = sim.sendAsUser(
    operator.id,
    { chatId: groupId },
    {
      document: { fileName: "members.csv", content: `user_id,name\n${ann},Ann\n${cid},Cid\n` },
      caption: "/send file",
      replyToMessageId: prepared.message_id,
    },
  );
  const answerTo = (messageId: number) =>
    harness.waitFor(
      () =>
        sim
          .messages(groupId)
          .find((message) => message.from?.is_bot && message.reply_to_message?.message_id === messageId),
      "the broadcast service's answer",
    );
  const preview = bodyOf(await answerTo(command.message_id)) ?? "";
  expect(preview).toContain("2 recipients (file of 2)");
  const broadcastId = /Broadcast #(\d+)/.exec(preview)?.[1];
  const confirm = sim.sendAsUser(operator.id, { chatId: groupId }, { text: `/send confirm ${broadcastId}` });
  expect(bodyOf(await answerTo(confirm.message_id))).toContain("started");
  const offerAt = (id: number | undefined) =>
    harness
      .clientChat(id)
      .filter((message) => message.from?.is_bot)
      .map(bodyOf)
      .includes("Members' offer");
  await harness.waitFor(() => offerAt(ann) && offerAt(cid), "the offer at Ann and Cid");
  await harness.waitFor(
    async () =>
      (
        await harness.database.db
          .selectFrom("broadcasts")
          .select("status")
          .where("id", "=", Number(broadcastId))
          .executeTakeFirst()
      )?.status === "done",
    "the broadcast to finish",
  );
  expect(offerAt(ben)).toBe(false);
}, 60_000);
