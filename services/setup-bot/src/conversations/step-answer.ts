import type { Context } from "grammy";
import { STEP_CANCEL } from "../menus/callback-data.ts";
import type { SetupConversation } from "../setup-context.ts";

/** Commands that open a menu; other texts starting with "/" may be values (CUSTOM_COMMANDS, WEBHOOKS). */
const MENU_COMMAND = /^\/(start|help|connection)(@\w+)?(\s|$)/;

/** What a person answered to a question of the setup bot. */
export type StepAnswer =
  | { kind: "text"; text: string; context: Context }
  | { kind: "button"; data: string }
  | { kind: "chat"; chatId: number }
  | { kind: "cancel" };

/**
 * Waits for the answer to the current step: a text, a chat picked with the chat picker, one of
 * `buttons`, or /cancel. Any other button or a command like /start leaves the conversation and is
 * handled by the bot's menus, so an old menu pressed mid-way still does what it says.
 */
export async function waitForStepAnswer(
  conversation: SetupConversation,
  buttons: readonly string[] = [],
): Promise<StepAnswer> {
  for (;;) {
    const ctx = await conversation.wait();
    const data = ctx.callbackQuery?.data;
    if (data !== undefined) {
      if (data === STEP_CANCEL) {
        await ctx.answerCallbackQuery();
        return { kind: "cancel" };
      }
      if (buttons.includes(data)) {
        await ctx.answerCallbackQuery();
        return { kind: "button", data };
      }
      return await conversation.halt({ next: true });
    }
    const shared = ctx.message?.chat_shared;
    if (shared) return { kind: "chat", chatId: shared.chat_id };
    const text = ctx.message?.text?.trim();
    if (text === "/cancel") return { kind: "cancel" };
    if (text !== undefined && MENU_COMMAND.test(text)) return await conversation.halt({ next: true });
    if (text) return { kind: "text", text, context: ctx };
    await ctx.reply("Please answer with a message or one of the buttons, or send /cancel.");
  }
}

/**
 * Deletes a person's answer that holds a secret (a token, a login code, a password). Best effort:
 * Telegram lets bots delete messages in private chats for 48 hours; false means "ask them to".
 */
export async function deleteAnswer(answer: Context): Promise<boolean> {
  try {
    await answer.deleteMessage();
    return true;
  } catch {
    return false;
  }
}
