import type { Message } from "@grammyjs/types";
import type { SimMessageInput } from "@topicdesk/telegram-sim";
import { type Harness, startHarness } from "./support/e2e-harness.ts";

/** Every content kind a client or an operator may send, with the Bot API field that marks it. */
const KINDS: Array<[string, SimMessageInput, keyof Message]> = [
  ["formatted text", { text: "bold move", entities: [{ type: "bold", offset: 0, length: 4 }] }, "text"],
  ["photo", { photo: true, caption: "a photo" }, "photo"],
  ["video", { video: true, caption: "a video" }, "video"],
  ["animation", { animation: true }, "animation"],
  ["audio", { audio: true }, "audio"],
  ["voice", { voice: true }, "voice"],
  ["video note", { videoNote: true }, "video_note"],
  ["document", { document: true, caption: "the invoice" }, "document"],
  ["sticker", { sticker: { emoji: "😀" } }, "sticker"],
  ["location", { location: { latitude: 52.5, longitude: 13.4 } }, "location"],
  ["venue", { venue: { latitude: 52.5, longitude: 13.4, title: "Office", address: "Main st 1" } }, "venue"],
  ["contact", { contact: { phoneNumber: "+4930123", firstName: "Front desk" } }, "contact"],
  ["poll", { poll: { question: "Which day?", options: ["Mon", "Tue"] } }, "poll"],
  ["dice", { dice: { emoji: "🎲" } }, "dice"],
];

describe("every message kind crosses both ways, in order", () => {
  let harness: Harness;
  let topicId: number;
  beforeAll(async () => {
    harness = await startHarness({ params: { WELCOME: "OFF" } });
    harness.clientSays({ text: "hi" });
    topicId = await harness.topicOf();
    // The topic opens with the client card, then the first copy.
    await harness.waitFor(() => harness.topicMessages(topicId).length === 2, "the card and the first copy");
  });
  afterAll(async () => {
    await harness?.stop();
  });

  test("client → topic: each kind arrives as the same kind, in the order sent", async () => {
    for (const [, content] of KINDS) harness.clientSays(content);
    const copies = await harness.waitFor(() => {
      const messages = harness.topicMessages(topicId).slice(2);
      return messages.length >= KINDS.length ? messages : undefined;
    }, "all copies in the topic");
    expect(copies).toHaveLength(KINDS.length);
    KINDS.forEach(([name, , field], index) => {
      expect([name, copies[index]?.[field] !== undefined]).toEqual([name, true]);
    });
    expect(copies[0]?.entities).toEqual([{ type: "bold", offset: 0, length: 4 }]);
    expect(copies[7]?.caption).toBe("the invoice");
  });

  test("topic → client: each kind arrives as the same kind, in the order sent", async () => {
    for (const [, content] of KINDS) harness.operatorSays(topicId, content);
    const received = await harness.waitFor(() => {
      const messages = harness.clientChat().filter((message) => message.from?.is_bot);
      return messages.length >= KINDS.length ? messages : undefined;
    }, "all messages at the client");
    KINDS.forEach(([name, , field], index) => {
      expect([name, received[index]?.[field] !== undefined]).toEqual([name, true]);
    });
  });

  test("an album from the client stays one album in the topic", async () => {
    const sent = harness.sim.sendAlbumAsUser(harness.client.id, { botId: harness.bot.id }, [
      { photo: true, caption: "front" },
      { photo: true },
      { video: true },
    ]);
    const copies = await harness.waitFor(() => {
      const album = harness.topicMessages(topicId).filter((message) => message.media_group_id !== undefined);
      return album.length === sent.length ? album : undefined;
    }, "the album in the topic");
    expect(new Set(copies.map((copy) => copy.media_group_id)).size).toBe(1);
    expect(copies[0]?.caption).toBe("front");
  });

  test("an album from the operator stays one album at the client", async () => {
    harness.sim.sendAlbumAsUser(harness.operator.id, { chatId: harness.groupId, threadId: topicId }, [
      { document: true, caption: "contract" },
      { document: true, caption: "annex" },
    ]);
    const received = await harness.waitFor(() => {
      const album = harness
        .clientChat()
        .filter((message) => message.from?.is_bot && message.media_group_id !== undefined);
      return album.length === 2 ? album : undefined;
    }, "the album at the client");
    expect(received.map((message) => message.caption)).toEqual(["contract", "annex"]);
    expect(new Set(received.map((message) => message.media_group_id)).size).toBe(1);
  });
});
