import { budgetNames, createBeforeSend, type SendBudget, type SendLimits } from "@topicdesk/limits";

export interface BroadcastPaceOptions {
  budget: SendBudget;
  limits: SendLimits;
  /** The broadcast's own speed per connection; 0 = only Telegram's limits. */
  ratePerMinute: number;
}

/**
 * Share of the bot's per-second budget kept free for live dialogs: broadcasts stop at two thirds of
 * it, so an operator's reply always finds a slot at once and never queues behind a broadcast.
 * The same for the group (progress edits): live traffic keeps a quarter of the group's minute.
 */
const BROADCAST_SHARE = { bot: 2 / 3, group: 3 / 4 };

/**
 * The lower-priority lane. Every broadcast send spends the same Redis budgets as delivery (bot,
 * private chat, group) through the same gate, but with a share below the limit: the headroom above
 * it belongs to live dialogs.
 */
export function createBroadcastPace(options: BroadcastPaceOptions) {
  const { budget } = options;
  const beforeSend = createBeforeSend(options.limits, budget, { share: BROADCAST_SHARE });
  const paceMs = options.ratePerMinute > 0 ? 60_000 / options.ratePerMinute : 0;
  return {
    async beforeRecipient(connectionId: string, chatId: number): Promise<void> {
      if (paceMs > 0) await budget(budgetNames.broadcast(connectionId), 1, paceMs);
      await beforeSend(connectionId, chatId);
    },
    beforeGroupSend: beforeSend,
  };
}

export type BroadcastPace = ReturnType<typeof createBroadcastPace>;
