import { conversations, createConversation } from "@grammyjs/conversations";
import { Bot, Composer } from "grammy";
import type { AccountLogins } from "./accounts/account-logins.ts";
import {
  CONNECT_ACCOUNT_CONVERSATION,
  connectAccountConversation,
} from "./conversations/connect-account-conversation.ts";
import {
  CONNECT_BOT_CONVERSATION,
  connectBotConversation,
} from "./conversations/connect-bot-conversation.ts";
import {
  EDIT_PARAMETER_CONVERSATION,
  editParameterConversation,
} from "./conversations/edit-parameter-conversation.ts";
import { registerMenuHandlers } from "./menus/menu-handlers.ts";
import type { SetupContext } from "./setup-context.ts";
import type { SetupDeps } from "./setup-deps.ts";

/**
 * The configuration bot (reference §3.7, §8.1): people manage their connections with it in a
 * private chat. Groups the bot may be added to are ignored.
 *
 * Conversation state stays in the plugin's default in-memory storage on purpose: it holds the
 * replayed updates, and during "Connect a bot" one of them is the token, which must never be
 * written anywhere unsealed. A restart drops half-finished conversations; /start begins again.
 * `accountLogins` (phone logins in progress) is absent when MTProto is not configured.
 */
export function createSetupBot(
  token: string,
  deps: SetupDeps,
  accountLogins?: AccountLogins,
): Bot<SetupContext> {
  const bot = new Bot<SetupContext>(token, { client: { apiRoot: deps.telegramApiRoot } });
  // Composer (not chatType's filtered view) so the menu code works with the plain SetupContext.
  const privateChats = new Composer<SetupContext>();
  bot.filter((ctx) => ctx.chat?.type === "private", privateChats);
  privateChats.use(conversations());
  privateChats.use(createConversation(connectBotConversation(deps), CONNECT_BOT_CONVERSATION));
  privateChats.use(createConversation(editParameterConversation(deps), EDIT_PARAMETER_CONVERSATION));
  if (accountLogins) {
    privateChats.use(
      createConversation(connectAccountConversation(accountLogins), CONNECT_ACCOUNT_CONVERSATION),
    );
  }
  registerMenuHandlers(privateChats, deps, { accounts: accountLogins !== undefined });
  bot.catch((error) => {
    // The update itself is not logged: it may hold a token or a client's data.
    deps.log.error(
      { err: error.error, updateId: error.ctx.update.update_id },
      "setup bot failed on an update",
    );
  });
  return bot;
}
