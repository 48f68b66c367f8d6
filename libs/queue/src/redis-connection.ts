import { Redis } from "ioredis";

/**
 * BullMQ workers block on Redis and require `maxRetriesPerRequest: null`; using the same settings
 * for producers keeps one way of connecting.
 */
export function connectRedis(url: string): Redis {
  return new Redis(url, { maxRetriesPerRequest: null, enableReadyCheck: true });
}
