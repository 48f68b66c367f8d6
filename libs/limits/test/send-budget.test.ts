import { randomBytes } from "node:crypto";
import { connectRedis } from "@topicdesk/queue";
import type { Redis } from "ioredis";
import { createBeforeSend } from "../src/before-send.ts";
import { createSendBudget } from "../src/send-budget.ts";

/** A clock that only moves when someone sleeps on it, so the budgets are tested without waiting. */
function fakeClock(start = 1_000_000) {
  const clock = { now: start, slept: [] as number[] };
  return {
    clock,
    now: () => clock.now,
    sleep: async (ms: number) => {
      clock.slept.push(ms);
      clock.now += ms;
    },
  };
}

describe("send budgets (sliding windows in Redis)", () => {
  let redis: Redis;
  const prefix = `budget-test-${randomBytes(4).toString("hex")}`;
  beforeAll(() => {
    redis = connectRedis("redis://127.0.0.1:6379");
  });
  afterAll(async () => {
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
  });

  test("20 sends a minute into a group go at once; the 21st waits until the first leaves the window", async () => {
    const time = fakeClock();
    const spend = createSendBudget({ redis, prefix, now: time.now, sleep: time.sleep });
    for (let index = 0; index < 20; index += 1) {
      await spend("group:-1001", 20, 60_000);
      time.clock.now += 100;
    }
    expect(time.clock.slept).toEqual([]);
    const before = time.clock.now;
    await spend("group:-1001", 20, 60_000);
    // The first send happened at the start; the 21st may go 60 s after it, not earlier.
    expect(time.clock.now).toBeGreaterThanOrEqual(1_000_000 + 60_000);
    expect(time.clock.now - before).toBeLessThan(60_000);
  });

  test("in any 60 s window there are never more than 20 sends", async () => {
    const time = fakeClock(5_000_000);
    const spend = createSendBudget({ redis, prefix, now: time.now, sleep: time.sleep });
    const sends: number[] = [];
    for (let index = 0; index < 65; index += 1) {
      await spend("group:-1002", 20, 60_000);
      sends.push(time.clock.now);
      time.clock.now += 250;
    }
    for (const start of sends) {
      expect(sends.filter((at) => at >= start && at < start + 60_000).length).toBeLessThanOrEqual(20);
    }
  });

  test("budgets of different groups do not touch each other, and 0 means unlimited", async () => {
    const time = fakeClock(9_000_000);
    const spend = createSendBudget({ redis, prefix, now: time.now, sleep: time.sleep });
    for (let index = 0; index < 3; index += 1) await spend("group:-1003", 3, 60_000);
    await spend("group:-1004", 3, 60_000);
    for (let index = 0; index < 100; index += 1) await spend("group:-1005", 0, 60_000);
    expect(time.clock.slept).toEqual([]);
  });

  test("a private chat gets at most one message a second, and every send counts against the bot", async () => {
    const time = fakeClock(20_000_000);
    const budget = createSendBudget({ redis, prefix, now: time.now, sleep: time.sleep });
    const beforeSend = createBeforeSend({ groupPerMinute: 20, chatPerSecond: 1, botPerSecond: 2 }, budget);
    const sends: Array<{ chat: number; at: number }> = [];
    for (const chat of [42, 42, 43, 44, 45, 42]) {
      await beforeSend("main", chat);
      sends.push({ chat, at: time.clock.now });
    }
    const toChat42 = sends.filter((send) => send.chat === 42).map((send) => send.at);
    for (let index = 1; index < toChat42.length; index += 1) {
      expect((toChat42[index] ?? 0) - (toChat42[index - 1] ?? 0)).toBeGreaterThanOrEqual(1000);
    }
    for (const { at } of sends) {
      expect(sends.filter((send) => send.at >= at && send.at < at + 1000).length).toBeLessThanOrEqual(2);
    }
  });
  test("a spender with a ceiling leaves the rest of the window to spenders without one", async () => {
    const time = fakeClock(30_000_000);
    const spend = createSendBudget({ redis, prefix, now: time.now, sleep: time.sleep });
    for (let index = 0; index < 2; index += 1) await spend("bot:shared", 3, 1_000, { ceiling: 2 });
    expect(time.clock.slept).toEqual([]);
    // The low-priority spender now waits for the window to move on …
    await spend("bot:shared", 3, 1_000, { ceiling: 2 });
    expect(time.clock.slept.length).toBe(1);
    const afterWait = time.clock.now;
    // … while live traffic still finds its reserved slot at once.
    await spend("bot:shared", 3, 1_000);
    expect(time.clock.now).toBe(afterWait);
  });

  test("spenders on different connections never take the same last slot", async () => {
    const time = fakeClock(40_000_000);
    const clients = Array.from({ length: 8 }, () => connectRedis("redis://127.0.0.1:6379"));
    try {
      // A spender that would have to wait gives up instead, so the test counts who got a slot.
      const outcomes = await Promise.allSettled(
        clients.map((client) =>
          createSendBudget({
            redis: client,
            prefix,
            now: time.now,
            sleep: async () => {
              throw new Error("budget full");
            },
          })("bot:race", 5, 60_000),
        ),
      );
      expect(outcomes.filter((outcome) => outcome.status === "fulfilled")).toHaveLength(5);
      expect(await redis.zcard(`${prefix}:td:budget:bot:race`)).toBe(5);
    } finally {
      for (const client of clients) client.disconnect();
    }
  });
});
