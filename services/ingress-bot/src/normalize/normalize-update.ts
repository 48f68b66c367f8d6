import type { Chat, Message, Update, User } from "@grammyjs/types";
import type { ChatRef, InboundEvent, MessageInfo, Person } from "@topicdesk/contracts";
import { contentKindOf } from "./content-kind.ts";

/**
 * Turns a Bot API update into our InboundEvent, or undefined for updates the help desk does not
 * use (callback queries, polls' answers …): those are acknowledged and dropped.
 */
export function normalizeUpdate(
  connectionId: string,
  update: Update,
  receivedAt: number,
): InboundEvent | undefined {
  const base = { v: 1 as const, id: `${connectionId}:${update.update_id}`, connectionId, receivedAt };
  const message = update.message ?? update.channel_post;
  if (message) return { ...base, kind: "message", ...messageParts(message) };
  const edited = update.edited_message ?? update.edited_channel_post;
  if (edited) return { ...base, kind: "edit", ...messageParts(edited) };
  if (update.message_reaction) {
    const reaction = update.message_reaction;
    const event: InboundEvent = {
      ...base,
      kind: "reaction",
      chat: chatRef(reaction.chat),
      reaction: {
        messageId: reaction.message_id,
        emojis: reaction.new_reaction.flatMap((entry) => (entry.type === "emoji" ? [entry.emoji] : [])),
      },
    };
    if (reaction.user) event.from = person(reaction.user);
    return event;
  }
  if (update.my_chat_member && update.my_chat_member.chat.type === "private") {
    const status = update.my_chat_member.new_chat_member.status;
    return {
      ...base,
      kind: "membership",
      chat: chatRef(update.my_chat_member.chat),
      from: person(update.my_chat_member.from),
      membership: { status: status === "kicked" || status === "left" ? "blocked" : "active" },
    };
  }
  return undefined;
}

function messageParts(message: Message): Pick<InboundEvent, "chat" | "from" | "message"> {
  const parts: Pick<InboundEvent, "chat" | "from" | "message"> = {
    chat: chatRef(message.chat),
    message: messageInfo(message),
  };
  if (message.from) parts.from = person(message.from);
  return parts;
}

function messageInfo(message: Message): MessageInfo {
  const info: MessageInfo = {
    messageId: message.message_id,
    date: message.date,
    content: contentKindOf(message),
  };
  if (message.is_topic_message && message.message_thread_id !== undefined)
    info.threadId = message.message_thread_id;
  const text = message.text ?? message.caption;
  if (text !== undefined) info.text = text;
  if (message.media_group_id !== undefined) info.mediaGroupId = message.media_group_id;
  if (message.document) info.documentFileId = message.document.file_id;
  const replyTo = explicitReplyTarget(message);
  if (replyTo !== undefined) {
    info.replyToMessageId = replyTo;
    // `/say NAME` as a reply saves the replied-to message: an album whole, and only a day old.
    const target = message.reply_to_message;
    if (target) info.replyToDate = target.date;
    if (target?.media_group_id !== undefined) info.replyToMediaGroupId = target.media_group_id;
  }
  // Written as a chat, not a person: an anonymous admin (the group itself) or a linked channel.
  // Either way nobody can tell which operator it was.
  if (message.sender_chat) info.senderChatId = message.sender_chat.id;
  if (message.contact && message.from && message.contact.user_id === message.from.id) {
    info.sharedOwnPhone = message.contact.phone_number;
  }
  if (message.has_protected_content) info.protectedContent = true;
  return info;
}

/**
 * In a forum topic every message "replies" to the topic's first message (Telegram's way of tying
 * it to the thread). Only a reply to another message is a reply the operator meant.
 */
function explicitReplyTarget(message: Message): number | undefined {
  const target = message.reply_to_message;
  if (!target) return undefined;
  if (message.is_topic_message && target.message_id === message.message_thread_id) return undefined;
  return target.message_id;
}

function chatRef(chat: Chat): ChatRef {
  const ref: ChatRef = { id: chat.id, type: chat.type };
  if ("title" in chat && chat.title !== undefined) ref.title = chat.title;
  if ("username" in chat && chat.username !== undefined) ref.username = chat.username;
  if ("is_forum" in chat && chat.is_forum) ref.isForum = true;
  return ref;
}

function person(user: User): Person {
  const result: Person = { id: user.id, isBot: user.is_bot, firstName: user.first_name };
  if (user.last_name !== undefined) result.lastName = user.last_name;
  if (user.username !== undefined) result.username = user.username;
  if (user.language_code !== undefined) result.languageCode = user.language_code;
  return result;
}
