import type { createPrivateChatPacer } from "./private-chat-pacer.ts";
import type { SendBudget } from "./send-budget.ts";

/** Telegram's budgets; 0 means unlimited (a self-hosted Bot API server, tests). */
export interface SendLimits {
  groupPerMinute: number;
  chatPerSecond: number;
  botPerSecond: number;
}

/**
 * Waits until a message may go to `chatId` from the connection's bot: ~20 a minute into one group,
 * ~1 a second into one private chat, ~30 a second per bot overall. Topic creation and welcomes go
 * through here too, so they count against the same budgets.
 */
// Our clock starts a send's window when we call; Telegram's starts when the call arrives. A call
// that arrives faster than the one it replaces in the window would land just inside Telegram's
// window and earn a 429, so our windows are a little longer than Telegram's.
const GROUP_WINDOW_MS = 61_000;
const BOT_WINDOW_MS = 1_050;

export function createBeforeSend(
  limits: SendLimits,
  budget: SendBudget,
  paceChat: ReturnType<typeof createPrivateChatPacer>,
) {
  return async function beforeSend(connectionId: string, chatId: number): Promise<void> {
    // Negative ids are groups, supergroups and channels; positive ones are private chats.
    if (chatId < 0) await budget(`group:${chatId}`, limits.groupPerMinute, GROUP_WINDOW_MS);
    else await paceChat(chatId);
    await budget(`bot:${connectionId}`, limits.botPerSecond, BOT_WINDOW_MS);
  };
}
