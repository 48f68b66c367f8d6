import { maskBotToken } from "@topicdesk/connections";
import type { Context } from "grammy";
import { InlineKeyboard } from "grammy";
import { registerBotFromSetup } from "../connections/bot-registration.ts";
import { type CheckedBot, checkBotToken } from "../connections/bot-token-check.ts";
import { connectionData, STEP_CANCEL } from "../menus/callback-data.ts";
import type { SetupConversation } from "../setup-context.ts";
import type { SetupDeps } from "../setup-deps.ts";
import { askForBackendGroup } from "./backend-group-step.ts";
import { deleteAnswer, waitForStepAnswer } from "./step-answer.ts";

export const CONNECT_BOT_CONVERSATION = "connect-bot";

const TOKEN_PROMPT =
  "Send me your bot's token from @BotFather (/mybots → your bot → API Token). I delete the message right after reading it.\n\nIn @BotFather also turn the bot's Group Privacy off, so it sees your operators' messages.";

/**
 * "Connect a bot" (reference §8.1): token, then backend group, then the connection is stored with
 * the person as its administrator. The conversations plugin replays this function on every update,
 * so database and Telegram calls go through `conversation.external` and return plain data; the
 * token lives only in the plugin's in-memory state until it is stored sealed.
 */
export function connectBotConversation(deps: SetupDeps) {
  return async function connectBot(conversation: SetupConversation, ctx: Context): Promise<void> {
    const personId = ctx.from?.id;
    if (personId === undefined) return;
    await ctx.reply(TOKEN_PROMPT, { reply_markup: new InlineKeyboard().text("Cancel", STEP_CANCEL) });
    const accepted = await askForToken(conversation, ctx, deps);
    if (!accepted) return void (await ctx.reply("Cancelled. Nothing was connected. /start shows the menu."));
    await ctx.reply(`@${accepted.bot.username} checked ✅ (token ${maskBotToken(accepted.token)})`);
    const input = { token: accepted.token, bot: accepted.bot, personId };
    const backendChatId = await askForBackendGroup(conversation, ctx, deps, input);
    if (backendChatId === undefined) {
      return void (await ctx.reply("Cancelled. Nothing was connected. /start shows the menu.", {
        reply_markup: { remove_keyboard: true },
      }));
    }
    const registration = await conversation.external(() =>
      registerBotFromSetup(deps, {
        token: accepted.token,
        botUsername: accepted.bot.username,
        backendChatId,
        adminUserId: personId,
      }),
    );
    if (!registration.ok) return void (await ctx.reply(`Not connected: ${registration.reason}`));
    await ctx.reply(connectedText(accepted.bot.username, registration.connectionId), {
      reply_markup: new InlineKeyboard()
        .text("Parameters", connectionData(registration.connectionId, "params"))
        .text("Connection", connectionData(registration.connectionId, "card")),
    });
  };
}

async function askForToken(
  conversation: SetupConversation,
  ctx: Context,
  deps: SetupDeps,
): Promise<{ token: string; bot: CheckedBot } | undefined> {
  for (;;) {
    const answer = await waitForStepAnswer(conversation);
    if (answer.kind === "cancel") return undefined;
    if (answer.kind !== "text") {
      await ctx.reply("Send the token as a message, or /cancel.");
      continue;
    }
    const deleted = await deleteAnswer(answer.context);
    const token = answer.text;
    const check = await conversation.external(() => checkBotToken(deps, token));
    if (!deleted)
      await ctx.reply("I could not delete your message with the token: please delete it yourself.");
    if (check.ok) return { token, bot: check.bot };
    await ctx.reply(check.reason);
  }
}

function connectedText(username: string, connectionId: string): string {
  return `🎉 @${username} is connected (connection “${connectionId}”). Write to @${username} from another account: the welcome comes back and a topic appears in the backend group.`;
}
