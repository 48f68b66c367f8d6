import type { TelegramSim } from "@topicdesk/telegram-sim";
import type { InlineKeyboardButton, Message } from "grammy/types";

/**
 * One person's private chat with the setup bot in the simulator, driven the way they would use it
 * (says, presses buttons, shares a group) and read the way they would read it. For tests, here and
 * in the end-to-end suite (`@topicdesk/setup-bot/testing`).
 */
export class SetupChat {
  readonly #sim: TelegramSim;
  readonly #setupBotId: number;
  readonly personId: number;
  #seen = 0;

  constructor(sim: TelegramSim, setupBotId: number, personId: number) {
    this.#sim = sim;
    this.#setupBotId = setupBotId;
    this.personId = personId;
  }

  messages(): Message[] {
    try {
      return this.#sim.messages(this.personId, { botId: this.#setupBotId });
    } catch {
      // The simulator has no chat before the first message: nothing was said yet.
      return [];
    }
  }

  botMessages(): Message[] {
    return this.messages().filter((message) => message.from?.id === this.#setupBotId);
  }

  say(text: string): Message {
    return this.#sim.sendAsUser(this.personId, { botId: this.#setupBotId }, { text });
  }

  shareGroup(chatId: number): void {
    this.#sim.shareChat(this.personId, this.#setupBotId, { requestId: 1, chatId });
  }

  /** Waits for a new bot message matching `pattern` (messages seen by earlier calls do not count). */
  async reply(pattern: RegExp): Promise<Message> {
    return await this.#sim.waitFor(() => {
      const fresh = this.botMessages().slice(this.#seen);
      const index = fresh.findIndex((message) => pattern.test(message.text ?? ""));
      if (index < 0) return undefined;
      this.#seen += index + 1;
      return fresh[index];
    }, 5_000);
  }

  /** Presses the button labelled `label` on the newest bot message that has one. */
  press(label: string | RegExp): void {
    const matches = (button: InlineKeyboardButton) =>
      "callback_data" in button &&
      (typeof label === "string" ? button.text === label : label.test(button.text));
    for (const message of this.botMessages().reverse()) {
      const button = message.reply_markup?.inline_keyboard.flat().find(matches);
      if (button && "callback_data" in button) {
        this.#sim.pressButton(this.personId, this.#setupBotId, message.message_id, button.callback_data);
        return;
      }
    }
    throw new Error(`no button ${String(label)} in the chat`);
  }
}

/** Tokens in BotFather's shape: the id, a colon, 35 characters. */
export function botToken(id: number): string {
  return `${id}:AAH${"x".repeat(26)}${String(id).padStart(6, "0")}`;
}
