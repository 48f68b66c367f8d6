import type { SendBudget } from "./send-budget.ts";

/** Telegram's budgets; 0 means unlimited (a self-hosted Bot API server, tests). */
export interface SendLimits {
  groupPerMinute: number;
  chatPerSecond: number;
  botPerSecond: number;
}

// Our clock starts a send's window when we call; Telegram's starts when the call arrives. A call
// that arrives faster than the one it replaces in the window would land just inside Telegram's
// window and earn a 429, so our windows are a little longer than Telegram's.
export const GROUP_WINDOW_MS = 61_000;
export const BOT_WINDOW_MS = 1_050;
export const PRIVATE_CHAT_WINDOW_MS = 1_050;

/** Budget names every spender of one bot or group shares, whichever process it runs in. */
export const budgetNames = {
  group: (chatId: number) => `group:${chatId}`,
  bot: (connectionId: string) => `bot:${connectionId}`,
  privateChat: (connectionId: string, chatId: number) => `chat:${connectionId}:${chatId}`,
  /** A connection's own broadcast speed (TOPICDESK_BROADCAST_PER_MINUTE), below Telegram's. */
  broadcast: (connectionId: string) => `broadcast:${connectionId}`,
};

export interface BeforeSendOptions {
  /**
   * A lower-priority sender's share (0 to 1) of each bot's and group's budget: it stops there and
   * leaves the rest to live dialogs, which send with no share (the whole budget). Broadcasts use it,
   * so an operator's reply always finds a free slot. Private chats have no share: one send a second
   * is all there is.
   */
  share?: { bot: number; group: number };
}

/**
 * Waits until a message may go to `chatId` from the connection's bot: ~20 a minute into one group,
 * ~1 a second into one private chat, ~30 a second per bot overall. Every sender spends the same
 * Redis budgets (each delivery replica, the broadcast service), so together they stay within
 * Telegram's limits: a live reply and a broadcast to one client never land within one second.
 * Topic creation and welcomes go through here too.
 */
export function createBeforeSend(limits: SendLimits, budget: SendBudget, options: BeforeSendOptions = {}) {
  const ceiling = (limit: number, share: number | undefined) =>
    share === undefined ? {} : { ceiling: Math.floor(limit * share) };
  const botCeiling = ceiling(limits.botPerSecond, options.share?.bot);
  const groupCeiling = ceiling(limits.groupPerMinute, options.share?.group);
  return async function beforeSend(connectionId: string, chatId: number): Promise<void> {
    // Negative ids are groups, supergroups and channels; positive ones are private chats.
    if (chatId < 0) {
      await budget(budgetNames.group(chatId), limits.groupPerMinute, GROUP_WINDOW_MS, groupCeiling);
    } else {
      await budget(
        budgetNames.privateChat(connectionId, chatId),
        limits.chatPerSecond,
        PRIVATE_CHAT_WINDOW_MS,
      );
    }
    await budget(budgetNames.bot(connectionId), limits.botPerSecond, BOT_WINDOW_MS, botCeiling);
  };
}

export type BeforeSend = ReturnType<typeof createBeforeSend>;
