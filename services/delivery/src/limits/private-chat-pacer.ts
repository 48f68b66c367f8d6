/**
 * Keeps sends into one private chat at most `perSecond` a second (Telegram's limit for bots).
 * In-process: a bot's client-bound queue is drained by one worker at a time, so this process is the
 * only one sending to the bot's clients.
 */
export function createPrivateChatPacer(
  perSecond: number,
  now: () => number,
  sleep: (ms: number) => Promise<void>,
) {
  const lastSendAt = new Map<number, number>();
  const interval = perSecond > 0 ? 1000 / perSecond : 0;
  return async function paceChat(chatId: number): Promise<void> {
    if (interval === 0) return;
    const previous = lastSendAt.get(chatId);
    if (previous !== undefined) {
      const wait = previous + interval - now();
      if (wait > 0) await sleep(wait);
    }
    lastSendAt.set(chatId, now());
    // Forget chats idle for a while, so the map stays small with many clients.
    if (lastSendAt.size > 10_000) {
      const cutoff = now() - 10 * interval;
      for (const [chat, at] of lastSendAt) if (at < cutoff) lastSendAt.delete(chat);
    }
  };
}
