import type { Composer } from "grammy";
import { connectionForAdmin, connectionsOfAdmin } from "../connections/connection-access.ts";
import { CONNECT_ACCOUNT_CONVERSATION } from "../conversations/connect-account-conversation.ts";
import { CONNECT_BOT_CONVERSATION } from "../conversations/connect-bot-conversation.ts";
import type { SetupContext } from "../setup-context.ts";
import type { SetupDeps } from "../setup-deps.ts";
import {
  CONNECT_ACCOUNT,
  CONNECT_BOT,
  CONNECTION_DATA,
  type ConnectionAction,
  MAIN_MENU,
  parseConnectionData,
} from "./callback-data.ts";
import { connectionActions } from "./connection-actions.ts";
import { mainMenu } from "./main-menu.ts";

const HELP = [
  "/start — your connections and “Connect a bot”",
  "/connection <id> — open a connection you administer",
  "/cancel — stop the current step",
].join("\n");

/** Commands and buttons outside conversations: the menus a person navigates. */
export function registerMenuHandlers(
  composer: Composer<SetupContext>,
  deps: SetupDeps,
  features: { accounts: boolean },
): void {
  composer.command("start", (ctx) => showMainMenu(ctx, deps));
  composer.callbackQuery(MAIN_MENU, async (ctx) => {
    await ctx.answerCallbackQuery();
    await showMainMenu(ctx, deps);
  });
  composer.command("help", (ctx) => ctx.reply(HELP));
  composer.command("cancel", (ctx) => ctx.reply("Nothing to cancel. /start shows the menu."));
  composer.command("connection", async (ctx) => {
    const id = ctx.match.trim().toLowerCase();
    if (!id) return void (await ctx.reply("Which connection? Send /connection <id>, e.g. /connection main."));
    await runConnectionAction(ctx, deps, id, "card", undefined);
  });
  composer.callbackQuery(CONNECT_BOT, async (ctx) => {
    await ctx.answerCallbackQuery();
    await ctx.conversation.enter(CONNECT_BOT_CONVERSATION);
  });
  composer.callbackQuery(CONNECT_ACCOUNT, async (ctx) => {
    await ctx.answerCallbackQuery();
    if (features.accounts) return void (await ctx.conversation.enter(CONNECT_ACCOUNT_CONVERSATION));
    await ctx.reply(
      "Connecting an account needs Telegram app credentials on the server (TELEGRAM_API_ID and TELEGRAM_API_HASH from my.telegram.org). Ask whoever runs Topicdesk, or connect a bot instead.",
    );
  });
  composer.callbackQuery(CONNECTION_DATA, async (ctx) => {
    await ctx.answerCallbackQuery();
    const button = parseConnectionData(ctx.callbackQuery.data);
    if (!button) return void (await ctx.reply("That button is outdated. /start shows the menu."));
    await runConnectionAction(ctx, deps, button.connectionId, button.action, button.argument);
  });
  composer.on("callback_query:data", async (ctx) => {
    await ctx.answerCallbackQuery({ text: "This question is closed. /start shows the menu." });
  });
  composer.on("message", (ctx) => ctx.reply("Send /start to see your connections and connect a bot."));
}

async function showMainMenu(ctx: SetupContext, deps: SetupDeps): Promise<void> {
  if (!ctx.from) return;
  const menu = mainMenu(await connectionsOfAdmin(deps, ctx.from.id));
  await ctx.reply(menu.text, { reply_markup: menu.keyboard });
}

/** Every connection action starts with the same check: the person is the connection's administrator. */
async function runConnectionAction(
  ctx: SetupContext,
  deps: SetupDeps,
  connectionId: string,
  action: ConnectionAction,
  argument: number | undefined,
): Promise<void> {
  if (!ctx.from) return;
  const access = await connectionForAdmin(deps, connectionId, ctx.from.id);
  if (!access.ok) return void (await ctx.reply(access.reason));
  await connectionActions[action](ctx, deps, access.connection, argument);
}
