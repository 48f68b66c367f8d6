import type { Message, Update } from "@grammyjs/types";
import { type ContentKind, type InboundEvent, inboundEventValidator } from "@topicdesk/contracts";
import { normalizeUpdate } from "../src/normalize/normalize-update.ts";
import {
  aClientMessage,
  anOperatorTopicMessage,
  asReplyTarget,
  BACKEND_GROUP,
  BOT,
  CHANNEL,
  CLIENT,
  callbackQueryUpdate,
  channelPostUpdate,
  editedMessageUpdate,
  GROUP_ANONYMOUS_BOT,
  media,
  messageUpdate,
  myChatMemberUpdate,
  OPERATOR,
  PRIVATE_CHAT,
  reactionUpdate,
  TOPIC_ID,
} from "./update-factories.ts";

const CONNECTION = "main";
const RECEIVED_AT = 1_790_000_005_000;

/** Normalizes and checks, for every event a test produces, that it honours the contract. */
function normalized(update: Update): InboundEvent | undefined {
  const event = normalizeUpdate(CONNECTION, update, RECEIVED_AT);
  if (event !== undefined && !inboundEventValidator.Check(event)) {
    throw new Error(`event breaks the contract: ${JSON.stringify([...inboundEventValidator.Errors(event)])}`);
  }
  return event;
}

function normalizedMessage(message: Message) {
  const event = normalized(messageUpdate(message));
  if (!event?.message) throw new Error("expected a message event");
  return event.message;
}

describe("the content kind of a client's message", () => {
  const cases: Array<[string, Partial<Message>, ContentKind]> = [
    ["a text", { text: "hello" }, "text"],
    ["a photo", { photo: media.photo }, "photo"],
    ["a video", { video: media.video }, "video"],
    [
      "a GIF, which Telegram also marks as a document",
      { animation: media.animation, document: media.animationDocument },
      "animation",
    ],
    ["an audio file", { audio: media.audio }, "audio"],
    ["a voice message", { voice: media.voice }, "voice"],
    ["a video note", { video_note: media.videoNote }, "video_note"],
    ["a document", { document: media.document }, "document"],
    ["a sticker", { sticker: media.sticker }, "sticker"],
    ["a location", { location: media.location }, "location"],
    [
      "a venue, which Telegram also gives a location",
      { venue: media.venue, location: media.venue.location },
      "venue",
    ],
    ["a contact", { contact: { phone_number: "+4915112345678", first_name: "Max" } }, "contact"],
    ["a poll", { poll: media.poll }, "poll"],
    ["a dice", { dice: media.dice }, "dice"],
    ["a forum topic creation", { forum_topic_created: { name: "Jane", icon_color: 7322096 } }, "service"],
    ["a forum topic closing", { forum_topic_closed: {} }, "service"],
    ["a new member", { new_chat_members: [CLIENT] }, "service"],
    ["a pinned message", { pinned_message: { message_id: 3, date: 0, chat: PRIVATE_CHAT } }, "service"],
    ["a forwarded story nobody handles", { story: { chat: PRIVATE_CHAT, id: 12 } }, "other"],
    ["an empty message", {}, "other"],
  ];

  test.each(cases.map(([name, content, kind]) => ({ name, content, kind })))(
    "$name is normalized as $kind",
    ({ content, kind }) => {
      expect(normalizedMessage(aClientMessage(content)).content).toBe(kind);
    },
  );
});

describe("the fields of a normalized message", () => {
  test("a text message keeps its text, and the entities are not carried", () => {
    const message = aClientMessage({
      text: "/start promo42 see https://example.com",
      entities: [
        { type: "bot_command", offset: 0, length: 6 },
        { type: "url", offset: 19, length: 19 },
      ],
    });

    expect(normalizedMessage(message)).toEqual({
      messageId: message.message_id,
      date: message.date,
      content: "text",
      text: "/start promo42 see https://example.com",
    });
  });

  test("the caption of a photo becomes the text", () => {
    const message = aClientMessage({ photo: media.photo, caption: "my invoice" });
    expect(normalizedMessage(message)).toMatchObject({ content: "photo", text: "my invoice" });
  });

  test("a media message without a caption has no text", () => {
    expect(normalizedMessage(aClientMessage({ document: media.document }))).not.toHaveProperty("text");
  });

  test("a document carries its file_id, so a command in its caption can read the file", () => {
    const message = aClientMessage({ document: media.document, caption: "/send file" });
    expect(normalizedMessage(message).documentFileId).toBe(media.document.file_id);
    expect(normalizedMessage(aClientMessage({ text: "hi" }))).not.toHaveProperty("documentFileId");
  });

  test("an album item carries its media group id", () => {
    const message = aClientMessage({ photo: media.photo, media_group_id: "13579" });
    expect(normalizedMessage(message).mediaGroupId).toBe("13579");
  });

  test("a client's message in a private chat has no thread, reply, sender chat or protection", () => {
    const info = normalizedMessage(aClientMessage({ text: "hi" }));
    for (const field of [
      "threadId",
      "replyToMessageId",
      "senderChatId",
      "sharedOwnPhone",
      "protectedContent",
    ]) {
      expect(info).not.toHaveProperty(field);
    }
  });

  test("sharing one's own phone number is recorded for /info", () => {
    const message = aClientMessage({
      contact: { phone_number: "+4915112345678", first_name: "Jane", user_id: CLIENT.id },
    });
    expect(normalizedMessage(message)).toMatchObject({
      content: "contact",
      sharedOwnPhone: "+4915112345678",
    });
  });

  test("sharing someone else's contact is not taken for the client's phone", () => {
    const message = aClientMessage({
      contact: { phone_number: "+4915199999999", first_name: "Max", user_id: 999 },
    });
    expect(normalizedMessage(message)).not.toHaveProperty("sharedOwnPhone");
  });

  test("a contact without a Telegram account is not taken for the client's phone", () => {
    const message = aClientMessage({ contact: { phone_number: "+4915199999999", first_name: "Max" } });
    expect(normalizedMessage(message)).not.toHaveProperty("sharedOwnPhone");
  });

  test("protected content is marked", () => {
    const message = aClientMessage({ text: "secret", has_protected_content: true });
    expect(normalizedMessage(message).protectedContent).toBe(true);
  });

  test("an explicit reply in a private chat is a reply", () => {
    const original = aClientMessage({ text: "first" });
    const reply = aClientMessage({ text: "second", reply_to_message: asReplyTarget(original) });
    expect(normalizedMessage(reply).replyToMessageId).toBe(original.message_id);
  });
});

describe("messages in the backend group's topics", () => {
  test("an operator's message in a topic carries the topic as threadId", () => {
    const info = normalizedMessage(anOperatorTopicMessage());
    expect(info.threadId).toBe(TOPIC_ID);
  });

  test("the implicit reply to the topic's first message is not a reply", () => {
    expect(normalizedMessage(anOperatorTopicMessage())).not.toHaveProperty("replyToMessageId");
  });

  test("an explicit reply to a message in the topic is a reply", () => {
    const clientCopy = anOperatorTopicMessage({ from: BOT, text: "copy of the client's message" });
    const reply = anOperatorTopicMessage({ reply_to_message: asReplyTarget(clientCopy) });
    expect(normalizedMessage(reply)).toMatchObject({
      threadId: TOPIC_ID,
      replyToMessageId: clientCopy.message_id,
    });
  });

  test("a message thread id without is_topic_message (a reply chain in General) is no topic", () => {
    const root = anOperatorTopicMessage({ is_topic_message: undefined, message_thread_id: undefined });
    const reply = anOperatorTopicMessage({
      is_topic_message: undefined,
      message_thread_id: root.message_id,
      reply_to_message: asReplyTarget(root),
    });
    const info = normalizedMessage(reply);
    expect(info).not.toHaveProperty("threadId");
    expect(info.replyToMessageId).toBe(root.message_id);
  });

  test("the group is described with its title and as a forum", () => {
    const event = normalized(messageUpdate(anOperatorTopicMessage()));
    expect(event?.chat).toEqual({
      id: BACKEND_GROUP.id,
      type: "supergroup",
      title: "Support",
      isForum: true,
    });
    expect(event?.from).toEqual({ id: OPERATOR.id, isBot: false, firstName: "Olivia" });
  });

  test("an anonymous admin's message carries the group as senderChatId", () => {
    const message = anOperatorTopicMessage({ from: GROUP_ANONYMOUS_BOT, sender_chat: BACKEND_GROUP });
    expect(normalizedMessage(message).senderChatId).toBe(BACKEND_GROUP.id);
  });

  test("a message sent on behalf of a channel carries the channel as senderChatId (no operator is known)", () => {
    const message = anOperatorTopicMessage({ sender_chat: CHANNEL });
    expect(normalizedMessage(message).senderChatId).toBe(CHANNEL.id);
  });
});

describe("the kinds of update", () => {
  test("the event id is the connection and the update id, and the envelope is complete", () => {
    const message = aClientMessage({ text: "hello" });
    const event = normalized(messageUpdate(message, 123456));

    expect(event).toEqual({
      v: 1,
      id: "main:123456",
      connectionId: "main",
      receivedAt: RECEIVED_AT,
      kind: "message",
      chat: { id: CLIENT.id, type: "private", username: "jane" },
      from: {
        id: CLIENT.id,
        isBot: false,
        firstName: "Jane",
        lastName: "Doe",
        username: "jane",
        languageCode: "en",
      },
      message: { messageId: message.message_id, date: message.date, content: "text", text: "hello" },
    });
  });

  test("update id 0 still makes a distinct event id", () => {
    expect(normalized(messageUpdate(aClientMessage({ text: "x" }), 0))?.id).toBe("main:0");
  });

  test("an edited message is an edit with the new text", () => {
    const message = aClientMessage({ text: "corrected" });
    const event = normalized(editedMessageUpdate(message));
    expect(event).toMatchObject({
      kind: "edit",
      message: { messageId: message.message_id, content: "text", text: "corrected" },
    });
  });

  test("an edited caption in a topic is an edit in that topic", () => {
    const message = anOperatorTopicMessage({ text: undefined, photo: media.photo, caption: "new caption" });
    const event = normalized(editedMessageUpdate(message));
    expect(event).toMatchObject({ kind: "edit", message: { threadId: TOPIC_ID, text: "new caption" } });
  });

  test("a channel post is a message of the channel, signed by the channel itself", () => {
    const post: Message = {
      message_id: 9,
      date: 1_790_000_000,
      chat: CHANNEL,
      sender_chat: CHANNEL,
      text: "news",
    };
    const event = normalized(channelPostUpdate(post));
    expect(event).toMatchObject({
      kind: "message",
      chat: { id: CHANNEL.id, type: "channel", title: "News", username: "news" },
      message: { messageId: 9, content: "text", text: "news", senderChatId: CHANNEL.id },
    });
    expect(event).not.toHaveProperty("from");
  });

  test("an edited channel post is an edit", () => {
    const post: Message = {
      message_id: 9,
      date: 1_790_000_000,
      chat: CHANNEL,
      sender_chat: CHANNEL,
      text: "v2",
    };
    const update = { update_id: 77, edited_channel_post: { ...post, edit_date: 1_790_000_060 } } as Update;
    expect(normalized(update)).toMatchObject({ kind: "edit", message: { text: "v2" } });
  });

  test("a reaction carries the emojis, without custom emoji or paid reactions", () => {
    const event = normalized(
      reactionUpdate([
        { type: "emoji", emoji: "👍" },
        { type: "custom_emoji", custom_emoji_id: "5368324170671202286" },
        { type: "paid" },
        { type: "emoji", emoji: "🔥" },
      ]),
    );
    expect(event).toMatchObject({
      kind: "reaction",
      chat: { id: CLIENT.id, type: "private" },
      from: { id: CLIENT.id },
      reaction: { messageId: 17, emojis: ["👍", "🔥"] },
    });
    expect(event).not.toHaveProperty("message");
  });

  test("removing every reaction gives an empty list", () => {
    expect(normalized(reactionUpdate([]))?.reaction).toEqual({ messageId: 17, emojis: [] });
  });

  test("an anonymous reaction has no author", () => {
    const update = reactionUpdate([{ type: "emoji", emoji: "👍" }]);
    if (!update.message_reaction) throw new Error("fixture");
    const { user: _user, ...anonymous } = update.message_reaction;
    const event = normalized({
      update_id: update.update_id,
      message_reaction: { ...anonymous, actor_chat: BACKEND_GROUP },
    });
    expect(event?.kind).toBe("reaction");
    expect(event).not.toHaveProperty("from");
  });

  test.each([
    ["kicked", "blocked"],
    ["left", "blocked"],
    ["member", "active"],
  ] as const)(
    "the client's private chat with the bot becoming %s makes the membership %s",
    (status, membership) => {
      const event = normalized(myChatMemberUpdate(PRIVATE_CHAT, status));
      expect(event).toMatchObject({
        kind: "membership",
        chat: { id: CLIENT.id, type: "private" },
        from: { id: CLIENT.id },
        membership: { status: membership },
      });
    },
  );

  test.each([
    ["being added to a group", BACKEND_GROUP, "administrator"],
    ["being removed from a group", BACKEND_GROUP, "kicked"],
    ["leaving a channel", CHANNEL, "left"],
  ] as const)("the bot's own membership change from %s is not used", (_name, chat, status) => {
    expect(normalized(myChatMemberUpdate(chat, status))).toBeUndefined();
  });

  test("a callback query is not used", () => {
    expect(normalized(callbackQueryUpdate())).toBeUndefined();
  });

  test("an update of a kind nobody knows yet is not used", () => {
    expect(normalized({ update_id: 5 })).toBeUndefined();
  });
});
