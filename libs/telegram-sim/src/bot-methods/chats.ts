import type { BotCommand, ChatFullInfo, ChatMember, UserFromGetMe } from "@grammyjs/types";
import { assertCanPost, botMember, chatForBot, threadForPost } from "../bot-access.ts";
import { chatMemberOf } from "../chat-members.ts";
import { badRequest } from "../errors.ts";
import { isRecord, type Params } from "../request-params.ts";
import { isParticipant } from "../sim-state.ts";
import type { MethodContext, MethodTable } from "./context.ts";

/** Identity, chat information, commands and the no-op acknowledgements. */

function getMe(ctx: MethodContext): UserFromGetMe {
  return {
    ...ctx.bot,
    is_bot: true,
    username: ctx.bot.username ?? "",
    can_join_groups: true,
    // The simulator delivers every group message to member bots (privacy mode off).
    can_read_all_group_messages: true,
    supports_inline_queries: false,
    can_connect_to_business: false,
    has_main_web_app: false,
    has_topics_enabled: false,
    allows_users_to_create_topics: false,
    can_manage_bots: false,
    supports_join_request_queries: false,
  };
}

const NO_GIFTS = {
  unlimited_gifts: false,
  limited_gifts: false,
  unique_gifts: false,
  premium_subscription: false,
  gifts_from_channels: false,
};

function getChat(ctx: MethodContext, params: Params): ChatFullInfo {
  const chat = chatForBot(ctx, params.chatId());
  return { ...chat.chat, accent_color_id: 0, max_reaction_count: 11, accepted_gift_types: NO_GIFTS };
}

function getChatMember(ctx: MethodContext, params: Params): ChatMember {
  const chat = chatForBot(ctx, params.chatId());
  const userId = params.requireInt("user_id", "user not found");
  const user = ctx.state.users.get(userId);
  if (!user) throw badRequest("user not found");
  if (chat.kind === "group") return chatMemberOf(user.user, chat.members.get(userId));
  // Private chat: its two parties are members; the bot counts as "kicked" once blocked.
  if (userId === chat.userId) return { status: "member", user: user.user };
  if (userId === ctx.botId)
    return chat.blocked
      ? { status: "kicked", user: user.user, until_date: 0 }
      : { status: "member", user: user.user };
  return { status: "left", user: user.user };
}

function getChatAdministrators(ctx: MethodContext, params: Params): ChatMember[] {
  const chat = chatForBot(ctx, params.chatId());
  if (chat.kind === "private") throw badRequest("there are no administrators in the private chat");
  return [...chat.members.values()]
    .filter((m) => m.status === "creator" || m.status === "administrator")
    .map((m) => chatMemberOf(ctx.state.user(m.userId).user, m));
}

function getChatMemberCount(ctx: MethodContext, params: Params): number {
  const chat = chatForBot(ctx, params.chatId());
  if (chat.kind === "private") return 2;
  return [...chat.members.values()].filter(isParticipant).length;
}

function commandsParam(params: Params): BotCommand[] {
  const value = params.json("commands");
  if (!Array.isArray(value)) throw badRequest("can't parse commands JSON object");
  return value.map((c): BotCommand => {
    if (!isRecord(c) || typeof c.command !== "string" || typeof c.description !== "string") {
      throw badRequest("can't parse BotCommand JSON object");
    }
    if (!/^[a-z0-9_]{1,32}$/.test(c.command)) throw badRequest("BOT_COMMAND_INVALID");
    if (c.description.length < 1 || c.description.length > 256)
      throw badRequest("BOT_COMMAND_DESCRIPTION_INVALID");
    return { command: c.command, description: c.description };
  });
}

function setMyCommands(ctx: MethodContext, params: Params): true {
  ctx.state.user(ctx.botId).commands = commandsParam(params);
  return true;
}

function getMyCommands(ctx: MethodContext): BotCommand[] {
  return structuredClone(ctx.state.user(ctx.botId).commands);
}

function deleteMyCommands(ctx: MethodContext): true {
  ctx.state.user(ctx.botId).commands = [];
  return true;
}

/** Typing indicators change nothing here, but the chat checks (blocked, thread) still apply. */
function sendChatAction(ctx: MethodContext, params: Params): true {
  const chat = chatForBot(ctx, params.chatId());
  assertCanPost(chat);
  if (!params.str("action")) throw badRequest("action is empty");
  // Unlike sends, chat actions address the General topic as thread 1.
  const thread = params.int("message_thread_id");
  if (thread !== undefined && thread !== 1) threadForPost(chat, botMember(ctx, chat), thread, undefined);
  return true;
}

export const chatMethods: MethodTable = {
  getMe,
  getChat,
  getChatMember,
  getChatAdministrators,
  getChatMemberCount,
  setMyCommands,
  getMyCommands,
  deleteMyCommands,
  sendChatAction,
  answerCallbackQuery: () => true,
  logOut: () => true,
  close: () => true,
};
