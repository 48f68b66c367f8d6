import type { Redis } from "ioredis";

/** Sorted set of delivery queue names that may have work, scored by when they were last marked. */
export function activeQueuesKey(prefix: string): string {
  return `${prefix}:td:active-queues`;
}

export async function listActiveQueues(redis: Redis, prefix: string): Promise<string[]> {
  return redis.zrange(activeQueuesKey(prefix), "0", "-1");
}

export async function unmarkActiveQueue(redis: Redis, prefix: string, queueName: string): Promise<void> {
  await redis.zrem(activeQueuesKey(prefix), queueName);
}

export async function markActiveQueue(redis: Redis, prefix: string, queueName: string): Promise<void> {
  await redis.zadd(activeQueuesKey(prefix), String(Date.now()), queueName);
}
