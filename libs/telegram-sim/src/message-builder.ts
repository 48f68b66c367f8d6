import type { Message, MessageOrigin, Update, User } from "@grammyjs/types";
import type { ChatRecord, StoredMessage } from "./sim-state.ts";

/**
 * Builds the envelope of a new message (ids, sender, chat, thread and reply fields) with the
 * forum quirks Telegram has, and the content-copying rules of copyMessage / forwardMessage.
 */
export type ReplyMessage = NonNullable<Message["reply_to_message"]>;

/** reply_to_message never nests: the embedded message loses its own reply_to_message. */
export function asReply(message: Message): ReplyMessage {
  const copy = structuredClone(message);
  delete copy.reply_to_message;
  return { ...copy, reply_to_message: undefined };
}

export interface EnvelopeInput {
  chat: ChatRecord;
  from: User;
  date: number;
  topicId: number | undefined;
  replyTo: StoredMessage | undefined;
  content: Partial<Message>;
}

export function buildMessage(messageId: number, input: EnvelopeInput): Message {
  const { chat, from, date, topicId, replyTo, content } = input;
  const message: Message = {
    message_id: messageId,
    from,
    chat: chat.chat,
    date,
    ...structuredClone(content),
  };
  if (chat.kind === "group" && topicId !== undefined) {
    message.message_thread_id = topicId;
    message.is_topic_message = true;
    // Telegram quirk: every message in a forum topic is a "reply" to the topic's
    // forum_topic_created service message (whose message_id equals the thread id), unless it
    // explicitly replies to another message. Code must use is_topic_message /
    // message_thread_id, not reply_to_message, to tell topic messages from real replies.
    const target = replyTo ?? chat.messages.get(topicId);
    if (target && target.message.message_id !== messageId) message.reply_to_message = asReply(target.message);
  } else if (replyTo) {
    message.reply_to_message = asReply(replyTo.message);
    if (chat.kind === "group") {
      // Telegram quirk: a reply inside the General topic carries a message_thread_id (the id of
      // the reply chain's root message) but no is_topic_message. Sending with that thread id
      // fails with "message thread not found".
      message.message_thread_id = replyTo.message.message_thread_id ?? replyTo.message.message_id;
    }
  }
  return message;
}

/** Service messages (topic created/closed/...) have no content that could be copied. */
const CONTENT_KEYS = [
  "text",
  "entities",
  "link_preview_options",
  "photo",
  "video",
  "animation",
  "document",
  "audio",
  "voice",
  "video_note",
  "sticker",
  "location",
  "venue",
  "contact",
  "poll",
  "dice",
  "caption",
  "caption_entities",
  "has_media_spoiler",
  "show_caption_above_media",
] as const satisfies ReadonlyArray<keyof Message>;

function copyKey<K extends keyof Message>(from: Message, to: Partial<Message>, key: K): void {
  const value = from[key];
  if (value !== undefined) to[key] = structuredClone(value);
}

export function isCopyable(message: Message): boolean {
  return CONTENT_KEYS.some((key) => key !== "link_preview_options" && message[key] !== undefined);
}

/** The content of `message` without envelope, forward or album fields. */
export function contentOf(message: Message): Partial<Message> {
  const content: Partial<Message> = {};
  for (const key of CONTENT_KEYS) copyKey(message, content, key);
  return content;
}

/** Where a forwarded message originally came from; forwarding a forward keeps the first origin. */
export function forwardOriginOf(message: Message): MessageOrigin {
  if (message.forward_origin) return structuredClone(message.forward_origin);
  if (message.from) return { type: "user", sender_user: message.from, date: message.date };
  return { type: "hidden_user", sender_user_name: "Deleted Account", date: message.date };
}

/** Update payloads require `from` and a non-channel chat; every simulated message has both. */
export function isNonChannel(message: Message): message is Message & Update.NonChannel {
  return message.from !== undefined && message.chat.type !== "channel";
}

export function isEdited(message: Message): message is Message & Update.NonChannel & Update.Edited {
  return isNonChannel(message) && message.edit_date !== undefined;
}
