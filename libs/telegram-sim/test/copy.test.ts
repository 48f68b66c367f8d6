import type { Message } from "@grammyjs/types";
import { Api } from "grammy";
import type { SimMessageInput } from "../src/index.ts";
import { apiError, startWorld, type World } from "./support.ts";

/** One input per content kind and the Message field that kind must keep when copied. */
const KINDS: Array<[string, SimMessageInput, keyof Message]> = [
  ["text", { text: "Order #42 is late https://shop.example/42" }, "text"],
  ["photo", { photo: true, caption: "broken box" }, "photo"],
  ["video", { video: { duration: 30 }, caption: "unboxing" }, "video"],
  ["animation", { animation: true, caption: "lol" }, "animation"],
  ["audio", { audio: { title: "Voice memo" }, caption: "audio note" }, "audio"],
  ["voice", { voice: { duration: 7 }, caption: "listen" }, "voice"],
  ["video note", { videoNote: true }, "video_note"],
  ["document", { document: { fileName: "invoice.pdf" }, caption: "the invoice" }, "document"],
  ["sticker", { sticker: { emoji: "😢" } }, "sticker"],
  ["location", { location: { latitude: 52.52, longitude: 13.405 } }, "location"],
  ["venue", { venue: { latitude: 48.85, longitude: 2.35, title: "Shop", address: "1 Rue X" } }, "venue"],
  ["contact", { contact: { phoneNumber: "+491234", firstName: "Jane" } }, "contact"],
  ["poll", { poll: { question: "Rate us", options: ["good", "bad"] } }, "poll"],
  ["dice", { dice: { emoji: "🎯" } }, "dice"],
];

describe("copying and forwarding", () => {
  let w: World;
  let threadId: number;
  beforeEach(async () => {
    w = await startWorld();
    threadId = (await w.api.createForumTopic(w.groupId, "Jane Doe")).message_thread_id;
  });
  afterEach(async () => {
    await w.sim.close();
  });

  test.each(KINDS)(
    "copyMessage of a %s into a forum topic keeps its kind and caption",
    async (_kind, input, field) => {
      const original = w.sim.sendAsUser(w.client.id, { botId: w.bot.id }, input);
      const { message_id } = await w.api.copyMessage(w.groupId, w.client.id, original.message_id, {
        message_thread_id: threadId,
      });
      const copy = w.sim.message(w.groupId, message_id);
      expect(copy).toBeDefined();
      if (!copy) return;
      expect(copy[field]).toBeDefined();
      if (field === "poll") {
        // A copied poll is a new poll with the same question and options.
        expect(copy.poll).toMatchObject({
          question: "Rate us",
          options: [{ text: "good" }, { text: "bad" }],
        });
        expect(copy.poll?.id).not.toBe(original.poll?.id);
      } else {
        expect(copy[field]).toEqual(original[field]);
      }
      expect(copy.caption).toBe(original.caption);
      expect(copy.entities).toEqual(original.entities);
      expect(copy).toMatchObject({
        from: { id: w.bot.id },
        message_thread_id: threadId,
        is_topic_message: true,
      });
      expect(copy.forward_origin).toBeUndefined();
      expect(copy.reply_to_message?.message_id).toBe(threadId);
    },
  );

  test("copyMessage can replace or drop the caption and reply to a message", async () => {
    const original = w.sim.sendAsUser(w.client.id, { botId: w.bot.id }, { photo: true, caption: "original" });
    const anchor = await w.api.sendMessage(w.groupId, "anchor", { message_thread_id: threadId });
    const replaced = await w.api.copyMessage(w.groupId, w.client.id, original.message_id, {
      message_thread_id: threadId,
      caption: "<b>Jane</b>: original",
      parse_mode: "HTML",
      reply_parameters: { message_id: anchor.message_id },
    });
    expect(w.sim.message(w.groupId, replaced.message_id)).toMatchObject({
      caption: "Jane: original",
      caption_entities: [{ type: "bold", offset: 0, length: 4 }],
      reply_to_message: { message_id: anchor.message_id },
    });
    const dropped = await w.api.copyMessage(w.groupId, w.client.id, original.message_id, {
      message_thread_id: threadId,
      caption: "",
    });
    expect(w.sim.message(w.groupId, dropped.message_id)?.caption).toBeUndefined();
  });

  test("copyMessages keeps an album together under a new media_group_id", async () => {
    w.sim.sendAsUser(w.client.id, { botId: w.bot.id }, { text: "look" });
    const album = w.sim.sendAlbumAsUser(w.client.id, { botId: w.bot.id }, [
      { photo: true, caption: "front" },
      { photo: true },
      { video: true, caption: "360°" },
    ]);
    const groupId = album[0]?.media_group_id;
    expect(groupId).toBeDefined();
    expect(new Set(album.map((m) => m.media_group_id))).toEqual(new Set([groupId]));

    const updates = await w.api.getUpdates();
    expect(updates.slice(1).map((u) => u.message?.media_group_id)).toEqual([groupId, groupId, groupId]);

    const copies = await w.api.copyMessages(
      w.groupId,
      w.client.id,
      album.map((m) => m.message_id),
      { message_thread_id: threadId },
    );
    expect(copies).toHaveLength(3);
    const copied = copies.map((c) => w.sim.message(w.groupId, c.message_id));
    const newGroup = copied[0]?.media_group_id;
    expect(newGroup).toBeDefined();
    expect(newGroup).not.toBe(groupId);
    expect(copied.map((m) => m?.media_group_id)).toEqual([newGroup, newGroup, newGroup]);
    expect(copied.map((m) => m?.caption)).toEqual(["front", undefined, "360°"]);
    expect(copied.map((m) => (m?.photo ? "photo" : m?.video ? "video" : "?"))).toEqual([
      "photo",
      "photo",
      "video",
    ]);
    expect(copied.every((m) => m?.message_thread_id === threadId)).toBe(true);

    const unordered = await apiError(w.api.copyMessages(w.groupId, w.client.id, [3, 2]));
    expect(unordered.error_code).toBe(400);
  });

  test("forwardMessage keeps the original sender in forward_origin", async () => {
    const original = w.sim.sendAsUser(
      w.client.id,
      { botId: w.bot.id },
      { document: true, caption: "contract" },
    );
    const forwarded = await w.api.forwardMessage(w.groupId, w.client.id, original.message_id, {
      message_thread_id: threadId,
    });
    expect(forwarded.forward_origin).toEqual({ type: "user", sender_user: w.client, date: original.date });
    expect(forwarded.document).toEqual(original.document);
    expect(forwarded.caption).toBe("contract");

    const many = await w.api.forwardMessages(w.client.id, w.groupId, [forwarded.message_id]);
    const again = w.sim.message(w.client.id, many[0]?.message_id ?? 0);
    // Forwarding a forward keeps the first origin.
    expect(again?.forward_origin).toEqual({ type: "user", sender_user: w.client, date: original.date });
  });

  test("a bot can only copy messages it can see", async () => {
    const original = w.sim.sendAsUser(w.client.id, { botId: w.bot.id }, { text: "private" });
    const otherBot = w.sim.createBot({ token: "4242:OTHER", username: "other_bot" });
    w.sim.addMember(w.groupId, { userId: otherBot.id, status: "administrator", canManageTopics: true });
    const otherApi = new Api("4242:OTHER", { apiRoot: w.sim.apiRoot });
    const unseen = await apiError(otherApi.copyMessage(w.groupId, w.client.id, original.message_id));
    expect([unseen.error_code, unseen.description]).toEqual([
      403,
      "Forbidden: bot can't initiate conversation with a user",
    ]);

    const missing = await apiError(w.api.copyMessage(w.groupId, w.client.id, 999));
    expect(missing.description).toBe("Bad Request: message to copy not found");

    const service = await apiError(w.api.copyMessage(w.client.id, w.groupId, threadId));
    expect(service.description).toBe("Bad Request: message can't be copied");
  });
});
