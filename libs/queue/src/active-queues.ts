import type { Redis } from "ioredis";

/**
 * Sorted set of delivery queue names that may have work, scored by when they became active: the
 * first mark sets the score and later marks keep it, so the queues that have waited longest come
 * first when a delivery replica can start only some of them.
 */
export function activeQueuesKey(prefix: string): string {
  return `${prefix}:td:active-queues`;
}

/** Active queues, longest waiting first. */
export async function listActiveQueues(redis: Redis, prefix: string): Promise<string[]> {
  return redis.zrange(activeQueuesKey(prefix), "0", "-1");
}

export async function unmarkActiveQueue(redis: Redis, prefix: string, queueName: string): Promise<void> {
  await redis.zrem(activeQueuesKey(prefix), queueName);
}

export async function markActiveQueue(redis: Redis, prefix: string, queueName: string): Promise<void> {
  await redis.zadd(activeQueuesKey(prefix), "NX", String(Date.now()), queueName);
}
