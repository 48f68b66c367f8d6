import type { Message, MessageId } from "@grammyjs/types";
import { chatForBot } from "../bot-access.ts";
import { createPoll } from "../content-builder.ts";
import { badRequest } from "../errors.ts";
import { contentOf, forwardOriginOf, isCopyable } from "../message-builder.ts";
import { asInt, type Params } from "../request-params.ts";
import type { ChatRecord, StoredMessage } from "../sim-state.ts";
import type { MethodContext, MethodTable } from "./context.ts";
import {
  appendBotMessage,
  consumeSend,
  destination,
  entitiesParam,
  formatCaption,
  inlineMarkup,
} from "./post.ts";
import { newMediaGroupId } from "./send-messages.ts";

/**
 * copyMessage(s) and forwardMessage(s). A bot can only copy what it can see: the source chat must
 * be one the bot is in. Copies look like new messages from the bot (no forward_origin); forwards
 * keep the original sender in forward_origin. Copying or forwarding several messages keeps
 * albums together under a new media_group_id.
 */

type Mode = "copy" | "forward";

function hasCaptionSlot(message: Message): boolean {
  return Boolean(
    message.photo || message.video || message.animation || message.audio || message.voice || message.document,
  );
}

/** The part of `message` a copy or forward carries; polls become fresh polls without votes. */
function carriedContent(message: Message, mode: Mode, caption: CaptionChange): Partial<Message> {
  const content = contentOf(message);
  if (content.poll) {
    const poll = content.poll;
    content.poll = createPoll(
      poll.question,
      poll.options.map((o) => o.text),
      {
        isAnonymous: poll.is_anonymous,
        type: poll.type,
        allowsMultipleAnswers: poll.allows_multiple_answers,
      },
    );
  }
  if (mode === "copy" && hasCaptionSlot(message) && caption.kind !== "keep") {
    delete content.caption;
    delete content.caption_entities;
    if (caption.kind === "replace") Object.assign(content, caption.value);
  }
  if (mode === "forward") content.forward_origin = forwardOriginOf(message);
  return content;
}

type CaptionChange =
  | { kind: "keep" }
  | { kind: "remove" }
  | { kind: "replace"; value: Pick<Message, "caption" | "caption_entities"> };

function captionChange(params: Params): CaptionChange {
  if (params.bool("remove_caption")) return { kind: "remove" };
  const raw = params.raw.caption;
  // An explicit empty caption removes the original one; an absent caption keeps it.
  if (typeof raw !== "string") return { kind: "keep" };
  return {
    kind: "replace",
    value: formatCaption(raw, params.str("parse_mode"), entitiesParam(params, "caption_entities")),
  };
}

function assertTransferable(stored: StoredMessage, mode: Mode): void {
  const verb = mode === "copy" ? "copied" : "forwarded";
  if (!isCopyable(stored.message)) throw badRequest(`message can't be ${verb}`);
  if (stored.message.has_protected_content) throw badRequest(`message can't be ${verb}`);
}

function sourceChat(ctx: MethodContext, params: Params): ChatRecord {
  return chatForBot(ctx, params.chatId("from_chat_id"));
}

function transferOne(mode: Mode) {
  return (ctx: MethodContext, params: Params): MessageId | Message => {
    const from = sourceChat(ctx, params);
    const messageId = params.requireInt(
      "message_id",
      mode === "copy" ? "message to copy not found" : "message to forward not found",
    );
    const stored = from.messages.get(messageId);
    if (!stored)
      throw badRequest(mode === "copy" ? "message to copy not found" : "message to forward not found");
    assertTransferable(stored, mode);
    const target = destination(ctx, params);
    const markup = mode === "copy" ? inlineMarkup(params) : undefined;
    const content = {
      ...carriedContent(stored.message, mode, mode === "copy" ? captionChange(params) : { kind: "keep" }),
      ...(markup ? { reply_markup: markup } : {}),
      ...(params.bool("protect_content") ? { has_protected_content: true as const } : {}),
    };
    consumeSend(ctx, target.chat);
    const created = appendBotMessage(ctx, target.chat, target.topicId, target.replyTo, content);
    // copyMessage answers only the new id; forwardMessage answers the whole message.
    return mode === "copy" ? { message_id: created.message.message_id } : structuredClone(created.message);
  };
}

function messageIdsParam(params: Params): number[] {
  const value = params.json("message_ids");
  if (!Array.isArray(value) || value.length === 0) throw badRequest("message_ids is empty");
  if (value.length > 100) throw badRequest("too many messages to send");
  const ids = value.map((v) => asInt("message_ids", v));
  for (let i = 1; i < ids.length; i += 1) {
    if ((ids[i] ?? 0) <= (ids[i - 1] ?? 0))
      throw badRequest("message identifiers must be in a strictly increasing order");
  }
  return ids;
}

/**
 * Several messages at once. Messages that don't exist or can't be copied are skipped (as in
 * Telegram); if nothing is left the call fails. Source albums stay albums with a new group id.
 */
function transferMany(mode: Mode) {
  return (ctx: MethodContext, params: Params): MessageId[] => {
    const from = sourceChat(ctx, params);
    const ids = messageIdsParam(params);
    const sources = ids
      .map((id) => from.messages.get(id))
      .filter(
        (s): s is StoredMessage =>
          s !== undefined && isCopyable(s.message) && !s.message.has_protected_content,
      );
    if (sources.length === 0)
      throw badRequest(mode === "copy" ? "message to copy not found" : "messages to forward not found");
    const target = destination(ctx, params);
    const caption: CaptionChange =
      mode === "copy" && params.bool("remove_caption") ? { kind: "remove" } : { kind: "keep" };
    const contents = sources.map((s) => carriedContent(s.message, mode, caption));
    consumeSend(ctx, target.chat);
    const groupIds = new Map<string, string>();
    return sources.map((source, index) => {
      const content = contents[index] ?? {};
      const sourceGroup = source.message.media_group_id;
      if (sourceGroup !== undefined) {
        let newGroup = groupIds.get(sourceGroup);
        if (newGroup === undefined) {
          newGroup = newMediaGroupId();
          groupIds.set(sourceGroup, newGroup);
        }
        content.media_group_id = newGroup;
      }
      const created = appendBotMessage(ctx, target.chat, target.topicId, undefined, content);
      return { message_id: created.message.message_id };
    });
  };
}

export const copyForwardMethods: MethodTable = {
  copyMessage: transferOne("copy"),
  copyMessages: transferMany("copy"),
  forwardMessage: transferOne("forward"),
  forwardMessages: transferMany("forward"),
};
