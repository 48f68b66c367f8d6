import type { Context } from "grammy";
import { InlineKeyboard, Keyboard } from "grammy";
import { reviewBackendGroup } from "../connections/backend-group-review.ts";
import { STEP_CANCEL, STEP_RECHECK } from "../menus/callback-data.ts";
import type { SetupConversation } from "../setup-context.ts";
import type { SetupDeps } from "../setup-deps.ts";
import { waitForStepAnswer } from "./step-answer.ts";

export interface GroupStepInput {
  token: string;
  bot: { id: number; username: string };
  personId: number;
}

/** Request id of the chat picker button; Telegram echoes it in `chat_shared`. */
const GROUP_PICKER_REQUEST = 1;

/** A supergroup id as people copy it from clients and bots: -100 and digits. */
export const CHAT_ID_TEXT = /^-\d{5,16}$/;

/**
 * Asks for the backend group until one passes the check (forum, the bot's admin rights, the person
 * runs the group). The person picks a group, sends its id, or creates one with the bot already in
 * it; problems are listed all at once, with a button to check again after fixing them.
 * Returns the group's chat id, or undefined when the person cancelled.
 */
export async function askForBackendGroup(
  conversation: SetupConversation,
  ctx: Context,
  deps: SetupDeps,
  input: GroupStepInput,
): Promise<number | undefined> {
  await ctx.reply(groupPrompt(input.bot.username), { reply_markup: groupPicker() });
  await ctx.reply("No group yet? Create one with the bot in it, then pick it above.", {
    reply_markup: new InlineKeyboard()
      .url("Create a new group", newGroupLink(input.bot.username))
      .row()
      .text("Cancel", STEP_CANCEL),
  });
  let chatId: number | undefined;
  for (;;) {
    const answer = await waitForStepAnswer(conversation, chatId === undefined ? [] : [STEP_RECHECK]);
    if (answer.kind === "cancel") return undefined;
    if (answer.kind === "chat") chatId = answer.chatId;
    if (answer.kind === "text") {
      if (!CHAT_ID_TEXT.test(answer.text)) {
        await ctx.reply(
          "That is not a group id. Pick the group with the button, or send its id: a negative number like -1001234567890.",
        );
        continue;
      }
      chatId = Number(answer.text);
    }
    if (chatId === undefined) continue;
    const checked = chatId;
    const review = await conversation.external(() =>
      reviewBackendGroup({
        telegramApiRoot: deps.telegramApiRoot,
        ...input,
        botUserId: input.bot.id,
        chatId: checked,
      }),
    );
    if (review.ready) {
      await ctx.reply(review.text, { reply_markup: { remove_keyboard: true } });
      return checked;
    }
    await ctx.reply(
      `${review.text}\n\nFix this in the group and press “Check again”, or pick another group.`,
      {
        reply_markup: new InlineKeyboard().text("Check again", STEP_RECHECK).text("Cancel", STEP_CANCEL),
      },
    );
  }
}

function groupPrompt(username: string): string {
  return [
    `Now the backend group, where your team answers. It must be a supergroup with Topics enabled, and @${username} must be an administrator there with these rights: Manage topics, Delete messages, Pin messages, Ban users.`,
    "Pick the group with the button below, or send its id (-100…).",
  ].join("\n\n");
}

/** Telegram's chat picker: the person chooses one of their groups, the bot gets its id. */
export function groupPicker() {
  return new Keyboard()
    .requestChat("Pick the backend group", GROUP_PICKER_REQUEST, {
      chat_is_channel: false,
      request_title: true,
    })
    .resized()
    .oneTime();
}

/** Opens "add to group" for the connected bot, asking Telegram for exactly the rights it needs. */
function newGroupLink(username: string): string {
  return `https://t.me/${username}?startgroup=topicdesk&admin=manage_topics+delete_messages+pin_messages+restrict_members`;
}
