import type { Message, ReactionType } from "@grammyjs/types";
import { botMember, chatForBot } from "../bot-access.ts";
import { badRequest } from "../errors.ts";
import { isReactionEmoji } from "../reactions.ts";
import { asInt, isRecord, type Params } from "../request-params.ts";
import { type ChatRecord, canDeleteOthers, type StoredMessage } from "../sim-state.ts";
import type { MethodContext, MethodTable } from "./context.ts";
import { captionParams, inlineMarkup, messageText } from "./post.ts";

/** Changing existing messages: edits, deletion and the bot's own reactions. */

const NOT_MODIFIED =
  "message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message";

function chatParam(ctx: MethodContext, params: Params): ChatRecord {
  if (params.has("inline_message_id")) throw badRequest("inline messages are not supported by the simulator");
  return chatForBot(ctx, params.chatId());
}

/** Bots can only edit their own messages. */
function editable(ctx: MethodContext, params: Params): StoredMessage {
  const chat = chatParam(ctx, params);
  const stored = chat.messages.get(params.requireInt("message_id", "message identifier is not specified"));
  if (!stored) throw badRequest("message to edit not found");
  if (stored.senderId !== ctx.botId) throw badRequest("message can't be edited");
  return stored;
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

/**
 * Applies an edit. Telegram quirk: omitting reply_markup in an edit removes the inline keyboard,
 * and an edit that changes nothing fails with "message is not modified".
 */
function applyEdit(
  ctx: MethodContext,
  stored: StoredMessage,
  changes: Partial<Message>,
  params: Params,
): Message {
  const message = stored.message;
  const markup = inlineMarkup(params);
  const unchanged =
    Object.entries(changes).every(([key, value]) => sameJson(message[key as keyof Message], value)) &&
    sameJson(message.reply_markup, markup);
  if (unchanged) throw badRequest(NOT_MODIFIED);
  Object.assign(message, changes);
  if (markup) message.reply_markup = markup;
  else delete message.reply_markup;
  message.edit_date = ctx.clock.unixNow();
  return structuredClone(message);
}

function editMessageText(ctx: MethodContext, params: Params): Message {
  const stored = editable(ctx, params);
  if (stored.message.text === undefined) throw badRequest("there is no text in the message to edit");
  const { text, entities } = messageText(params);
  return applyEdit(ctx, stored, { text, entities }, params);
}

function editMessageCaption(ctx: MethodContext, params: Params): Message {
  const stored = editable(ctx, params);
  const m = stored.message;
  if (!(m.photo || m.video || m.animation || m.audio || m.voice || m.document)) {
    throw badRequest("there is no caption in the message to edit");
  }
  const { caption, caption_entities } = captionParams(params);
  return applyEdit(ctx, stored, { caption, caption_entities }, params);
}

function editMessageReplyMarkup(ctx: MethodContext, params: Params): Message {
  return applyEdit(ctx, editable(ctx, params), {}, params);
}

/**
 * In private chats a bot may delete any message; in groups its own, or anyone's with the
 * can_delete_messages right. A topic's creation message can't be deleted (delete the topic).
 */
function deleteOne(ctx: MethodContext, chat: ChatRecord, messageId: number): void {
  const stored = chat.messages.get(messageId);
  if (!stored) throw badRequest("message to delete not found");
  if (stored.message.forum_topic_created) throw badRequest("message can't be deleted");
  if (chat.kind === "group" && stored.senderId !== ctx.botId && !canDeleteOthers(botMember(ctx, chat))) {
    throw badRequest("message can't be deleted");
  }
  chat.messages.delete(messageId);
}

function deleteMessage(ctx: MethodContext, params: Params): true {
  const chat = chatParam(ctx, params);
  deleteOne(ctx, chat, params.requireInt("message_id", "message identifier is not specified"));
  return true;
}

/** deleteMessages skips messages that can't be deleted, failing only if none could be. */
function deleteMessages(ctx: MethodContext, params: Params): true {
  const chat = chatParam(ctx, params);
  const ids = params.json("message_ids");
  if (!Array.isArray(ids) || ids.length === 0) throw badRequest("message_ids is empty");
  let deleted = 0;
  for (const id of ids) {
    try {
      deleteOne(ctx, chat, asInt("message_ids", id));
      deleted += 1;
    } catch {
      // Skipped, as Telegram does.
    }
  }
  if (deleted === 0) throw badRequest("message to delete not found");
  return true;
}

function reactionList(params: Params): ReactionType[] {
  const value = params.json("reaction");
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw badRequest("can't parse reaction types JSON object");
  return value.map((r): ReactionType => {
    if (!isRecord(r)) throw badRequest("REACTION_INVALID");
    if (r.type === "emoji" && typeof r.emoji === "string" && isReactionEmoji(r.emoji))
      return { type: "emoji", emoji: r.emoji };
    if (r.type === "custom_emoji" && typeof r.custom_emoji_id === "string") {
      return { type: "custom_emoji", custom_emoji_id: r.custom_emoji_id };
    }
    if (r.type === "paid") return { type: "paid" };
    throw badRequest("REACTION_INVALID");
  });
}

/** The bot's own reaction; bots don't get updates about reactions set by bots. */
function setMessageReaction(ctx: MethodContext, params: Params): true {
  const chat = chatParam(ctx, params);
  const stored = chat.messages.get(params.requireInt("message_id", "message identifier is not specified"));
  if (!stored) throw badRequest("message to react not found");
  const reactions = reactionList(params);
  if (reactions.length === 0) stored.reactions.delete(ctx.botId);
  else stored.reactions.set(ctx.botId, reactions);
  return true;
}

export const editMethods: MethodTable = {
  editMessageText,
  editMessageCaption,
  editMessageReplyMarkup,
  deleteMessage,
  deleteMessages,
  setMessageReaction,
};
