import { randomUUID } from "node:crypto";
import type { Redis } from "ioredis";

/**
 * A sliding-window budget kept in Redis: at most `max` sends in any `windowMs`, counted from the
 * actual sends, as Telegram counts them. (BullMQ's limiter uses fixed windows from job start, which
 * lets 40 sends through across a window boundary and earns a 429 about once a minute.)
 *
 * Several processes spend the same budget (delivery's group and bot lanes, the broadcast service),
 * so the check and the spend are one Lua script: two spenders can never both take the last slot.
 */

/**
 * KEYS[1] the budget's sorted set. ARGV: now, window ms, allowed count, member.
 * Returns 0 when spent, else the score of the send whose expiry frees a slot.
 */
const SPEND_SCRIPT = `
redis.call("ZREMRANGEBYSCORE", KEYS[1], "-inf", tonumber(ARGV[1]) - tonumber(ARGV[2]))
local allowed = tonumber(ARGV[3])
local count = redis.call("ZCARD", KEYS[1])
if count < allowed then
  redis.call("ZADD", KEYS[1], ARGV[1], ARGV[4])
  redis.call("PEXPIRE", KEYS[1], ARGV[2])
  return 0
end
local blocking = redis.call("ZRANGE", KEYS[1], count - allowed, count - allowed, "WITHSCORES")
return tonumber(blocking[2])
`;

export interface SpendOptions {
  /**
   * Lower-priority spenders (broadcasts) stop at this many sends in the window, leaving the rest of
   * `max` to live traffic, which spends without a ceiling. Absent: the whole budget.
   */
  ceiling?: number;
}

export function createSendBudget(options: {
  redis: Redis;
  prefix: string;
  now: () => number;
  sleep: (ms: number) => Promise<void>;
}) {
  return async function spend(
    name: string,
    max: number,
    windowMs: number,
    spendOptions: SpendOptions = {},
  ): Promise<void> {
    if (max <= 0) return;
    const allowed = Math.max(1, Math.min(max, spendOptions.ceiling ?? max));
    const key = `${options.prefix}:td:budget:${name}`;
    for (;;) {
      const now = options.now();
      // Unique across processes and budget instances: a repeated member would only move, not add.
      const member = `${now}-${randomUUID()}`;
      const blockingAt = Number(
        await options.redis.eval(
          SPEND_SCRIPT,
          1,
          key,
          String(now),
          String(windowMs),
          String(allowed),
          member,
        ),
      );
      if (blockingAt === 0) return;
      await options.sleep(Math.max(1, blockingAt + windowMs - now + 1));
    }
  };
}

export type SendBudget = ReturnType<typeof createSendBudget>;
