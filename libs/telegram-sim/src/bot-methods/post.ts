import type { InlineKeyboardMarkup, LinkPreviewOptions, Message, MessageEntity } from "@grammyjs/types";
import { assertCanPost, botMember, chatForBot, replyTarget, threadForPost } from "../bot-access.ts";
import { badRequest } from "../errors.ts";
import { formatText } from "../formatting/index.ts";
import { buildMessage } from "../message-builder.ts";
import { isRecord, type Params } from "../request-params.ts";
import type { ChatRecord, StoredMessage } from "../sim-state.ts";
import type { MethodContext } from "./context.ts";

/** Shared steps of every method that creates a message: access, reply, thread, flood limit, store. */

const MAX_TEXT_LENGTH = 4096;
const MAX_CAPTION_LENGTH = 1024;

export function entitiesParam(params: Params, name: string): MessageEntity[] | undefined {
  const value = params.json(name);
  if (value === undefined) return undefined;
  if (!Array.isArray(value)) throw badRequest(`can't parse ${name} JSON object`);
  for (const entity of value) {
    if (
      !isRecord(entity) ||
      typeof entity.type !== "string" ||
      typeof entity.offset !== "number" ||
      typeof entity.length !== "number"
    ) {
      throw badRequest(`can't parse entities: invalid entity in ${name}`);
    }
  }
  return value as MessageEntity[];
}

/** `text` + `parse_mode` / `entities` of sendMessage and editMessageText. */
export function messageText(params: Params): Pick<Message, "text" | "entities"> {
  const raw = params.str("text") ?? "";
  if (raw.trim() === "") throw badRequest("message text is empty");
  const { text, entities } = formatText(raw, params.str("parse_mode"), entitiesParam(params, "entities"));
  if (text.trim() === "") throw badRequest("message text is empty");
  if (text.length > MAX_TEXT_LENGTH) throw badRequest("message is too long");
  return { text, ...(entities.length > 0 ? { entities } : {}) };
}

/** An optional caption given as `caption` + `parse_mode` / `caption_entities`. */
export function formatCaption(
  raw: string,
  parseMode: string | undefined,
  explicit: MessageEntity[] | undefined,
): Pick<Message, "caption" | "caption_entities"> {
  if (raw === "") return {};
  const { text, entities } = formatText(raw, parseMode, explicit);
  if (text.length > MAX_CAPTION_LENGTH) throw badRequest("message caption is too long");
  return { caption: text, ...(entities.length > 0 ? { caption_entities: entities } : {}) };
}

export function captionParams(params: Params): Pick<Message, "caption" | "caption_entities"> {
  const raw = params.str("caption");
  if (raw === undefined) return {};
  return formatCaption(raw, params.str("parse_mode"), entitiesParam(params, "caption_entities"));
}

/**
 * Only inline keyboards are part of a Message; reply keyboards and force_reply change the user's
 * client but are not stored, so they are validated loosely and dropped.
 */
export function inlineMarkup(params: Params): InlineKeyboardMarkup | undefined {
  const value = params.json("reply_markup");
  if (value === undefined) return undefined;
  if (!isRecord(value)) throw badRequest("can't parse reply keyboard markup JSON object");
  if (!("inline_keyboard" in value)) return undefined;
  const rows = value.inline_keyboard;
  if (!Array.isArray(rows) || !rows.every((row) => Array.isArray(row))) {
    throw badRequest('field "inline_keyboard" of the InlineKeyboardMarkup must be an Array of Arrays');
  }
  for (const row of rows as unknown[][]) {
    for (const button of row) {
      if (!isRecord(button) || typeof button.text !== "string") {
        throw badRequest(
          "can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard",
        );
      }
    }
  }
  return value as unknown as InlineKeyboardMarkup;
}

export function linkPreviewOptions(params: Params): LinkPreviewOptions | undefined {
  const value = params.json("link_preview_options");
  if (value === undefined) return undefined;
  if (!isRecord(value)) throw badRequest("can't parse link preview options JSON object");
  return value as LinkPreviewOptions;
}

/** Options every send method shares that end up in the Message. */
function commonFields(params: Params): Partial<Message> {
  const markup = inlineMarkup(params);
  return {
    ...(markup ? { reply_markup: markup } : {}),
    ...(params.bool("protect_content") ? { has_protected_content: true as const } : {}),
  };
}

/** Counts one send against the flood limits (throws 429) and records it in the stats. */
export function consumeSend(ctx: MethodContext, chat: ChatRecord): void {
  ctx.limiter.consume(ctx.botId, chat.id, chat.kind);
  ctx.stats.send(chat.id, ctx.clock.now());
}

export function appendBotMessage(
  ctx: MethodContext,
  chat: ChatRecord,
  topicId: number | undefined,
  replyTo: StoredMessage | undefined,
  content: Partial<Message>,
): StoredMessage {
  return ctx.state.appendMessage(chat, ctx.botId, topicId, (messageId) =>
    buildMessage(messageId, { chat, from: ctx.bot, date: ctx.clock.unixNow(), topicId, replyTo, content }),
  );
}

export interface Destination {
  chat: ChatRecord;
  topicId: number | undefined;
  replyTo: StoredMessage | undefined;
}

/** Resolves chat_id, reply_parameters and message_thread_id of a send call. */
export function destination(ctx: MethodContext, params: Params): Destination {
  const chat = chatForBot(ctx, params.chatId());
  assertCanPost(chat);
  const replyTo = replyTarget(chat, params);
  const topicId = threadForPost(chat, botMember(ctx, chat), params.int("message_thread_id"), replyTo);
  return { chat, topicId, replyTo };
}

/** The common path of a single-message send: validates everything first, then counts and stores. */
export function postFromBot(
  ctx: MethodContext,
  params: Params,
  buildContent: (chat: ChatRecord) => Partial<Message>,
): Message {
  const target = destination(ctx, params);
  const content = { ...buildContent(target.chat), ...commonFields(params) };
  consumeSend(ctx, target.chat);
  return structuredClone(appendBotMessage(ctx, target.chat, target.topicId, target.replyTo, content).message);
}
