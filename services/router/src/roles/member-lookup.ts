import type { TelegramLookups } from "../apply/telegram-lookup.ts";
import type { MemberFacts } from "./caller-role.ts";

/** Asks Telegram about a user's membership and rights in a connection's backend group. */
export type MemberLookup = (
  connectionId: string,
  backendChatId: number,
  userId: number,
) => Promise<MemberFacts>;

export interface MemberLookupOptions {
  /** How each connection asks Telegram: its bot's Bot API, or its MTProto session. */
  lookups: TelegramLookups;
  /** How long an answer is reused. */
  ttlMs?: number;
  clock?: () => number;
}

/**
 * Every command checks its caller's role, and only Telegram knows it. The router never sends to
 * Telegram but may ask (docs/decisions.md §3): one read-only getChatMember per user and minute,
 * through the bot's token or, for accounts and bots in parallel mode, through their session.
 * Cached because an operator often sends several commands in a row and each would otherwise cost a
 * round trip to Telegram inside the event's transaction; a minute-old answer is the price (a demoted
 * operator keeps their role for at most that minute). Failures throw and are not cached.
 */
export function createMemberLookup(options: MemberLookupOptions): MemberLookup {
  const ttlMs = options.ttlMs ?? 60_000;
  const clock = options.clock ?? Date.now;
  const cache = new Map<string, { at: number; facts: MemberFacts }>();
  return async (connectionId, backendChatId, userId) => {
    const key = `${connectionId}:${backendChatId}:${userId}`;
    const cached = cache.get(key);
    if (cached && clock() - cached.at < ttlMs) return cached.facts;
    const facts = await (await options.lookups(connectionId)).chatMember(backendChatId, userId);
    cache.set(key, { at: clock(), facts });
    return facts;
  };
}
