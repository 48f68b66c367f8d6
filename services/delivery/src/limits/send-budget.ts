import type { Redis } from "ioredis";

/**
 * A sliding-window budget kept in Redis: at most `max` sends in any `windowMs`, counted from the
 * actual sends, as Telegram counts them. (BullMQ's limiter uses fixed windows from job start, which
 * lets 40 sends through across a window boundary and earns a 429 about once a minute.)
 *
 * Check-then-add is not atomic, and need not be: each destination's queue runs one job at a time
 * (global concurrency 1), so one process spends a given budget at any moment.
 */
export function createSendBudget(options: {
  redis: Redis;
  prefix: string;
  now: () => number;
  sleep: (ms: number) => Promise<void>;
}) {
  let sequence = 0;
  return async function spend(name: string, max: number, windowMs: number): Promise<void> {
    if (max <= 0) return;
    const key = `${options.prefix}:td:budget:${name}`;
    for (;;) {
      const now = options.now();
      await options.redis.zremrangebyscore(key, "-inf", String(now - windowMs));
      if ((await options.redis.zcard(key)) < max) {
        sequence += 1;
        await options.redis.zadd(key, String(now), `${now}-${process.pid}-${sequence}`);
        await options.redis.pexpire(key, windowMs);
        return;
      }
      const [, oldest] = await options.redis.zrange(key, "0", "0", "WITHSCORES");
      await options.sleep(Math.max(1, Number(oldest) + windowMs - now + 1));
    }
  };
}

export type SendBudget = ReturnType<typeof createSendBudget>;
