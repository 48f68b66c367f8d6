import { randomBytes } from "node:crypto";
import { connectRedis } from "@topicdesk/queue";
import type { Redis } from "ioredis";
import { createBeforeSend, type SendLimits } from "../src/before-send.ts";
import { createSendBudget } from "../src/send-budget.ts";

/** One clock for every sender, moved only by sleeping, so "one second apart" is exact and instant. */
function sharedClock(start: number) {
  const clock = { now: start };
  return {
    clock,
    now: () => clock.now,
    sleep: async (ms: number) => {
      clock.now += ms;
    },
  };
}

const limits: SendLimits = { groupPerMinute: 20, chatPerSecond: 1, botPerSecond: 30 };

describe("one private-chat budget for every sender", () => {
  const prefix = `chat-budget-test-${randomBytes(4).toString("hex")}`;
  const clients: Redis[] = [];
  /** A sender as another process would build it: its own Redis connection and budget. */
  const sender = (time: ReturnType<typeof sharedClock>, share?: { bot: number; group: number }) => {
    const redis = connectRedis("redis://127.0.0.1:6379");
    clients.push(redis);
    const budget = createSendBudget({ redis, prefix, now: time.now, sleep: time.sleep });
    return createBeforeSend(limits, budget, share ? { share } : {});
  };
  afterAll(async () => {
    const [first] = clients;
    const keys = (await first?.keys(`${prefix}:*`)) ?? [];
    if (keys.length > 0) await first?.del(...keys);
    for (const client of clients) client.disconnect();
  });

  test("a live reply and a broadcast to the same client go at least a second apart", async () => {
    const time = sharedClock(1_000_000);
    const delivery = sender(time);
    const broadcast = sender(time, { bot: 2 / 3, group: 3 / 4 });
    await delivery("main", 42);
    const replyAt = time.clock.now;
    await broadcast("main", 42);
    expect(time.clock.now - replyAt).toBeGreaterThanOrEqual(1000);
  });

  test("two delivery replicas share the chat's budget", async () => {
    const time = sharedClock(2_000_000);
    const replicas = [sender(time), sender(time)];
    const sentAt: number[] = [];
    for (let index = 0; index < 4; index += 1) {
      await replicas[index % 2]?.("main", 77);
      sentAt.push(time.clock.now);
    }
    for (let index = 1; index < sentAt.length; index += 1) {
      expect((sentAt[index] ?? 0) - (sentAt[index - 1] ?? 0)).toBeGreaterThanOrEqual(1000);
    }
  });

  test("different clients, and the same chat id of another bot, do not wait for each other", async () => {
    const time = sharedClock(3_000_000);
    const send = sender(time);
    for (const [connection, chat] of [
      ["main", 1],
      ["main", 2],
      ["main", 3],
      ["other", 1],
    ] as const) {
      await send(connection, chat);
    }
    expect(time.clock.now).toBe(3_000_000);
  });

  test("a broadcast's share leaves bot slots free for live replies", async () => {
    const time = sharedClock(4_000_000);
    const tight: SendLimits = { ...limits, botPerSecond: 3 };
    const redis = connectRedis("redis://127.0.0.1:6379");
    clients.push(redis);
    const budget = createSendBudget({ redis, prefix, now: time.now, sleep: time.sleep });
    const broadcast = createBeforeSend(tight, budget, { share: { bot: 2 / 3, group: 3 / 4 } });
    const delivery = createBeforeSend(tight, budget);
    await broadcast("busy", 101);
    await broadcast("busy", 102);
    const start = time.clock.now;
    // A third recipient would exceed the broadcast's two of three; a live reply still goes at once.
    await delivery("busy", 103);
    expect(time.clock.now).toBe(start);
    await broadcast("busy", 104);
    expect(time.clock.now).toBeGreaterThan(start);
  });
});
