import type { ReplyParameters } from "@grammyjs/types";
import type { MethodContext } from "./bot-methods/context.ts";
import { badRequest, forbidden } from "./errors.ts";
import { isRecord, type Params } from "./request-params.ts";
import {
  type ChatRecord,
  canManageTopics,
  type GroupRecord,
  type MemberRecord,
  type StoredMessage,
} from "./sim-state.ts";

/**
 * What a bot may see and do, with Telegram's error answers: a bot only reaches groups it is a
 * member of and private chats with users who wrote to it first, can't post to users who blocked
 * it, and can't post into deleted topics or (without topic rights) into closed ones.
 */

/** The chat `chatId` names, as seen by `ctx.bot`. */
export function chatForBot(ctx: MethodContext, chatId: number | string): ChatRecord {
  if (typeof chatId === "string") throw badRequest("chat not found");
  const group = ctx.state.groups.get(chatId);
  if (group) {
    const member = group.members.get(ctx.botId);
    if (!member) throw badRequest("chat not found");
    if (member.status === "kicked") throw forbidden("bot was kicked from the supergroup chat");
    if (member.status === "left") throw forbidden("bot is not a member of the supergroup chat");
    return group;
  }
  const user = ctx.state.users.get(chatId);
  if (!user) throw badRequest("chat not found");
  if (user.user.is_bot) throw forbidden("bot can't send messages to bots");
  const dialog = ctx.state.dialog(ctx.botId, chatId);
  if (!dialog) throw forbidden("bot can't initiate conversation with a user");
  return dialog;
}

export function groupForBot(ctx: MethodContext, chatId: number | string): GroupRecord {
  const chat = chatForBot(ctx, chatId);
  if (chat.kind !== "group") throw badRequest("the chat is not a forum");
  return chat;
}

export function botMember(ctx: MethodContext, chat: ChatRecord): MemberRecord | undefined {
  return chat.kind === "group" ? chat.members.get(ctx.botId) : undefined;
}

/** Posting needs more than reading: a user who blocked the bot refuses its messages. */
export function assertCanPost(chat: ChatRecord): void {
  if (chat.kind === "private" && chat.blocked) throw forbidden("bot was blocked by the user");
}

/**
 * The forum topic a new message goes to: the explicit message_thread_id, else the topic of the
 * message it replies to (Telegram puts replies next to their target), else General (undefined).
 * General itself (thread id 1) can't be addressed explicitly — Telegram answers "thread not found".
 */
export function threadForPost(
  chat: ChatRecord,
  member: MemberRecord | undefined,
  threadParam: number | undefined,
  replyTo: StoredMessage | undefined,
): number | undefined {
  if (chat.kind === "private") {
    if (threadParam !== undefined && threadParam !== 0) throw badRequest("message thread not found");
    return undefined;
  }
  const threadId = threadParam !== undefined && threadParam !== 0 ? threadParam : replyTo?.topicId;
  if (threadId === undefined) return undefined;
  const topic = chat.topics.get(threadId);
  if (!topic || topic.deleted) throw badRequest("message thread not found");
  if (topic.closed && !canManageTopics(member)) throw badRequest("TOPIC_CLOSED");
  return threadId;
}

/** reply_parameters (or the legacy reply_to_message_id) resolved to a message in `chat`. */
export function replyTarget(chat: ChatRecord, params: Params): StoredMessage | undefined {
  let messageId: number | undefined;
  let allowWithout = params.bool("allow_sending_without_reply") ?? false;
  const replyParameters = params.json("reply_parameters");
  if (replyParameters !== undefined) {
    if (!isRecord(replyParameters)) throw badRequest("can't parse reply parameters JSON object");
    const rp = replyParameters as Partial<ReplyParameters>;
    if (rp.chat_id !== undefined && Number(rp.chat_id) !== chat.id) {
      if (rp.allow_sending_without_reply) return undefined;
      throw badRequest("message to be replied not found");
    }
    messageId = typeof rp.message_id === "number" ? rp.message_id : Number(rp.message_id);
    allowWithout = rp.allow_sending_without_reply ?? allowWithout;
  } else {
    messageId = params.int("reply_to_message_id");
  }
  if (messageId === undefined || Number.isNaN(messageId)) return undefined;
  const stored = chat.messages.get(messageId);
  if (!stored && !allowWithout) throw badRequest("message to be replied not found");
  return stored;
}
