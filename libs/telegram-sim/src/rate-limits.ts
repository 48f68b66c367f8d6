import type { SimClock } from "./clock.ts";
import { tooManyRequests } from "./errors.ts";

/**
 * Telegram's flood limits as sliding windows: per group per minute, per private chat per second
 * and per bot across all chats per second. A send that would exceed one of them is refused with
 * 429 and `retry_after` = whole seconds until the oldest send in the full window expires.
 * Each API call counts once (a sendMediaGroup album is one send), so a limit can always be met.
 */
export interface SimLimits {
  perGroupPerMinute: number;
  perPrivateChatPerSecond: number;
  perBotPerSecond: number;
}

export const TELEGRAM_DEFAULT_LIMITS: SimLimits = {
  perGroupPerMinute: 20,
  perPrivateChatPerSecond: 1,
  perBotPerSecond: 30,
};

/** Milliseconds until one more event fits into the window (0 = fits now). Prunes old entries. */
function waitMs(times: number[], limit: number, windowMs: number, now: number): number {
  while (times.length > 0 && (times[0] ?? 0) <= now - windowMs) times.shift();
  if (limit <= 0 || times.length < limit) return 0;
  const blocking = times[times.length - limit] ?? now;
  return blocking + windowMs - now;
}

export class RateLimiter {
  readonly #limits: SimLimits | false;
  readonly #clock: SimClock;
  readonly #perChat = new Map<string, number[]>();
  readonly #perBot = new Map<number, number[]>();

  constructor(limits: SimLimits | false, clock: SimClock) {
    this.#limits = limits;
    this.#clock = clock;
  }

  /** Records a send by `botId` into `chatId`, or throws 429 if it would exceed a limit. */
  consume(botId: number, chatId: number, kind: "group" | "private"): void {
    if (this.#limits === false) return;
    const now = this.#clock.now();
    const chatKey = `${botId}:${chatId}`;
    const chatTimes = this.#perChat.get(chatKey) ?? [];
    const botTimes = this.#perBot.get(botId) ?? [];
    const chatWait =
      kind === "group"
        ? waitMs(chatTimes, this.#limits.perGroupPerMinute, 60_000, now)
        : waitMs(chatTimes, this.#limits.perPrivateChatPerSecond, 1_000, now);
    const botWait = waitMs(botTimes, this.#limits.perBotPerSecond, 1_000, now);
    const wait = Math.max(chatWait, botWait);
    if (wait > 0) throw tooManyRequests(Math.max(1, Math.ceil(wait / 1000)));
    chatTimes.push(now);
    botTimes.push(now);
    this.#perChat.set(chatKey, chatTimes);
    this.#perBot.set(botId, botTimes);
  }
}
