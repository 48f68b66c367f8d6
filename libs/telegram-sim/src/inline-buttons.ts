import type { InlineKeyboardButton, Message } from "@grammyjs/types";

/** The callback button of `message` whose data is `callbackData`, if its inline keyboard has one. */
export function findCallbackButton(
  message: Message,
  callbackData: string,
): InlineKeyboardButton.CallbackButton | undefined {
  const rows = message.reply_markup?.inline_keyboard ?? [];
  for (const row of rows) {
    for (const button of row) {
      if ("callback_data" in button && button.callback_data === callbackData) return button;
    }
  }
  return undefined;
}
