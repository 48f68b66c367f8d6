import type { Message } from "@grammyjs/types";
import { bodyOf, type Harness, startHarness } from "./support/e2e-harness.ts";

/** Quick replies end to end: saved as references in the group, sent to the client through delivery. */
describe("/say quick replies", () => {
  let harness: Harness;
  let topicId: number;

  beforeAll(async () => {
    harness = await startHarness();
    harness.clientSays({ text: "hi, when are you open?" });
    topicId = await harness.topicOf();
  }, 60_000);

  afterAll(async () => {
    await harness.stop();
  });

  const inGeneral = (text: string, replyToMessageId?: number) =>
    harness.sim.sendAsUser(
      harness.operator.id,
      { chatId: harness.groupId },
      replyToMessageId === undefined ? { text } : { text, replyToMessageId },
    );
  const botAnswerTo = (command: Message) =>
    harness.waitFor(
      () =>
        harness.sim
          .messages(harness.groupId)
          .find(
            (message) => message.reply_to_message?.message_id === command.message_id && message.from?.is_bot,
          ),
      `the bot's answer to ${bodyOf(command)}`,
    );
  const fromBot = () => harness.clientChat().filter((message) => message.from?.is_bot);
  const savedRows = () => harness.database.db.selectFrom("quick_replies").selectAll().execute();

  test("a message written in the General topic is saved by replying /say NAME, as a reference only", async () => {
    const source = inGeneral("We are open *9 to 5*, Monday to Friday.");
    const answer = await botAnswerTo(inGeneral("/say Hours", source.message_id));
    expect(bodyOf(answer)).toContain("Quick reply “hours” saved");
    expect(await savedRows()).toEqual([
      expect.objectContaining({
        name: "hours",
        chat_id: harness.groupId,
        thread_id: null,
        message_ids: [source.message_id],
      }),
    ]);
  });

  test("/say NAME in the topic sends it to the client and shows it in the topic", async () => {
    const before = fromBot().length;
    harness.operatorSays(topicId, { text: "/say hours" });
    const received = await harness.waitFor(() => fromBot()[before], "the quick reply at the client");
    expect(bodyOf(received)).toBe("We are open *9 to 5*, Monday to Friday.");
    expect(received.forward_origin).toBeUndefined();
    await harness.waitFor(
      () =>
        harness
          .topicMessages(topicId)
          .some((message) => message.from?.is_bot && bodyOf(message)?.startsWith("We are open")),
      "the quick reply's copy in the topic",
    );
    const dialog = await harness.database.db.selectFrom("dialogs").select("status").executeTakeFirstOrThrow();
    expect(dialog.status).toBe("support_answered");
  });

  test("/say NAME fwd forwards it", async () => {
    const before = fromBot().length;
    harness.operatorSays(topicId, { text: "/say hours fwd" });
    const received = await harness.waitFor(() => fromBot()[before], "the forwarded quick reply");
    expect(received.forward_origin).toBeDefined();
  });

  test("an album sent in the topic is saved whole from a reply to one of its parts, and sent as an album", async () => {
    const album = harness.sim.sendAlbumAsUser(
      harness.operator.id,
      { chatId: harness.groupId, threadId: topicId },
      [{ photo: true, caption: "catalogue" }, { photo: true }],
    );
    await harness.waitFor(
      () => fromBot().filter((message) => message.media_group_id).length === 2,
      "the album at the client",
    );
    const answer = await botAnswerTo(
      harness.operatorSays(topicId, { text: "/say catalogue", replyToMessageId: album[1]?.message_id ?? 0 }),
    );
    expect(bodyOf(answer)).toContain("saved");
    const saved = (await savedRows()).find((row) => row.name === "catalogue");
    expect(saved?.message_ids).toEqual(album.map((message) => message.message_id));

    harness.operatorSays(topicId, { text: "/say catalogue" });
    const albums = await harness.waitFor(() => {
      const groups = new Set(
        fromBot().flatMap((message) => (message.media_group_id ? [message.media_group_id] : [])),
      );
      return groups.size === 2 ? groups : undefined;
    }, "the album sent again as a quick reply");
    expect(albums.size).toBe(2);
  });

  test("/say lists the quick replies with t.me links", async () => {
    const answer = await botAnswerTo(inGeneral("/say"));
    const internalId = String(harness.groupId).replace(/^-100/, "");
    expect(bodyOf(answer)).toContain(`• hours — https://t.me/c/${internalId}/`);
    expect(bodyOf(answer)).toContain("• catalogue (album of 2)");
  });

  test.each([
    ["/say nothing", "no quick reply “nothing”"],
    ["/say b@d", "not a valid name"],
    ["/say hours twice", "unknown option"],
  ])("%s answers with a clear error and sends the client nothing", async (text, error) => {
    const before = fromBot().length;
    const answer = await botAnswerTo(harness.operatorSays(topicId, { text }));
    expect(bodyOf(answer)).toContain(error);
    expect(fromBot()).toHaveLength(before);
  });

  test("/say NAME without a reply in the General topic does not send anything", async () => {
    const answer = await botAnswerTo(inGeneral("/say hours"));
    expect(bodyOf(answer)).toContain("use it in the client's topic");
  });

  test("/say del NAME deletes it", async () => {
    const answer = await botAnswerTo(inGeneral("/say del hours"));
    expect(bodyOf(answer)).toContain("deleted");
    expect((await savedRows()).map((row) => row.name)).toEqual(["catalogue"]);
  });

  test("an album more than a day old is refused as too old", async () => {
    const album = harness.sim.sendAlbumAsUser(
      harness.operator.id,
      { chatId: harness.groupId, threadId: topicId },
      [{ photo: true }, { photo: true }],
    );
    await harness.waitFor(
      () => fromBot().filter((message) => message.media_group_id).length === 6,
      "the old album",
    );
    harness.sim.advanceClock(25 * 3_600_000);
    const answer = await botAnswerTo(
      harness.operatorSays(topicId, { text: "/say old", replyToMessageId: album[0]?.message_id ?? 0 }),
    );
    expect(bodyOf(answer)).toContain("too old");
    expect((await savedRows()).map((row) => row.name)).toEqual(["catalogue"]);
  });

  test("a client's album is saved from a reply to one of its copies and reaches another client as one album", async () => {
    const sent = harness.sim.sendAlbumAsUser(harness.client.id, { botId: harness.bot.id }, [
      { photo: true, caption: "is this in stock?" },
      { photo: true },
      { video: true },
    ]);
    const copies = await harness.waitFor(() => {
      const album = harness
        .topicMessages(topicId)
        .filter((message) => message.from?.is_bot && message.caption === "is this in stock?");
      const group = album[0]?.media_group_id;
      const parts = harness.topicMessages(topicId).filter((message) => message.media_group_id === group);
      return group !== undefined && parts.length === sent.length ? parts : undefined;
    }, "the client's album in the topic");
    const answer = await botAnswerTo(
      harness.operatorSays(topicId, { text: "/say promo", replyToMessageId: copies[1]?.message_id ?? 0 }),
    );
    expect(bodyOf(answer)).toContain("Quick reply “promo” saved");
    const saved = (await savedRows()).find((row) => row.name === "promo");
    expect(saved).toEqual(
      expect.objectContaining({
        chat_id: harness.groupId,
        thread_id: topicId,
        message_ids: copies.map((copy) => copy.message_id),
      }),
    );

    const other = harness.sim.createUser({ firstName: "Omar" });
    harness.sim.sendAsUser(other.id, { botId: harness.bot.id }, { text: "hello, do you have a catalogue?" });
    const otherTopic = await harness.topicOf(other.id);
    harness.operatorSays(otherTopic, { text: "/say promo" });
    const received = await harness.waitFor(() => {
      const album = harness.clientChat(other.id).filter((message) => message.media_group_id !== undefined);
      return album.length === sent.length ? album : undefined;
    }, "the album at the other client");
    expect(new Set(received.map((message) => message.media_group_id)).size).toBe(1);
    expect(received.map((message) => message.caption)).toEqual(["is this in stock?", undefined, undefined]);
    expect(received.map((message) => (message.photo ? "photo" : message.video ? "video" : "?"))).toEqual([
      "photo",
      "photo",
      "video",
    ]);
  });
});
