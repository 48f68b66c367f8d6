import { randomBytes } from "node:crypto";
import type { DeliveryJob } from "@topicdesk/contracts";
import { Queue } from "bullmq";
import type { Redis } from "ioredis";
import { activeQueuesKey, connectRedis, createDeliveryQueues, listActiveQueues } from "../src/index.ts";

const renameJob = (id: string): DeliveryJob => ({
  v: 1,
  id,
  connectionId: "main",
  type: "topic.rename",
  dialogId: 1,
  name: "a topic",
});

describe("delivery queues (the producer side)", () => {
  let redis: Redis;
  const prefix = `dq-test-${randomBytes(4).toString("hex")}`;
  beforeAll(() => {
    redis = connectRedis(process.env.REDIS_URL ?? "redis://127.0.0.1:6379");
  });
  afterAll(async () => {
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length > 0) await redis.del(...keys);
    await redis.quit();
  });

  /** Jobs of one queue as Redis holds them, read with a Queue of the test's own. */
  async function jobIdsIn(name: string): Promise<string[]> {
    const queue = new Queue(name, { connection: redis, prefix });
    try {
      return (await queue.getJobs(["waiting"], 0, -1, true)).map((job) => job.id ?? "");
    } finally {
      await queue.close();
    }
  }

  test("only the most recently used queues stay open, yet every job lands in its queue, once", async () => {
    // Every open BullMQ Queue hangs listeners on the shared Redis client: their number is what an
    // unbounded cache would grow without end, one set per group that ever had traffic.
    const baseline = redis.listenerCount("error");
    const probe = new Queue("td-group.probe", { connection: redis, prefix });
    await probe.waitUntilReady();
    const perQueue = redis.listenerCount("error") - baseline;
    await probe.close();
    const queues = createDeliveryQueues({ redis, prefix, maxOpenQueues: 3 });
    const names = Array.from({ length: 12 }, (_, index) => `td-group.-100${index}`);
    for (const name of names) await queues.enqueueByName(name, renameJob(`${name}.a`));
    const withThreeOpen = redis.listenerCount("error") - baseline;
    // Back to an evicted queue: opened again, and a replayed job id still adds nothing.
    const [first] = names as [string];
    await queues.enqueueByName(first, renameJob(`${first}.a`));
    await queues.enqueueByName(first, renameJob(`${first}.b`));

    expect(perQueue).toBeGreaterThan(0);
    expect(withThreeOpen).toBe(3 * perQueue);
    expect(redis.listenerCount("error") - baseline).toBe(withThreeOpen);
    expect(await jobIdsIn(first)).toEqual([`${first}.a`, `${first}.b`]);
    for (const name of names.slice(1)) expect(await jobIdsIn(name)).toEqual([`${name}.a`]);
    expect((await listActiveQueues(redis, prefix)).sort()).toEqual([...names].sort());

    await queues.close();
    expect(redis.listenerCount("error")).toBe(baseline);
  });

  test("many adds at once to more queues than stay open all land", async () => {
    const queues = createDeliveryQueues({ redis, prefix, maxOpenQueues: 2 });
    const names = Array.from({ length: 8 }, (_, index) => `td-bot.burst-${index}`);
    await Promise.all(
      names.flatMap((name) => [1, 2, 3].map((n) => queues.enqueueByName(name, renameJob(`${name}.${n}`)))),
    );
    for (const name of names)
      expect((await jobIdsIn(name)).sort()).toEqual([1, 2, 3].map((n) => `${name}.${n}`));
    await queues.close();
  });

  test("a queue's place among the active ones is when it became active, not its latest job", async () => {
    const ordered = `${prefix}-order`;
    const queues = createDeliveryQueues({ redis, prefix: ordered });
    await queues.enqueueByName("td-group.-1001", renameJob("first.1"));
    await queues.enqueueByName("td-group.-1002", renameJob("second.1"));
    await queues.enqueueByName("td-group.-1001", renameJob("first.2"));
    expect(await listActiveQueues(redis, ordered)).toEqual(["td-group.-1001", "td-group.-1002"]);
    await queues.close();
    const keys = await redis.keys(`${ordered}:*`);
    await redis.del(...keys, activeQueuesKey(ordered));
  });
});
