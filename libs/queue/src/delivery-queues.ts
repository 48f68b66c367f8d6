import { type DeliveryJob, type DeliveryLane, deliveryQueueName } from "@topicdesk/contracts";
import { Queue } from "bullmq";
import type { Redis } from "ioredis";
import { LRUCache } from "lru-cache";
import { markActiveQueue } from "./active-queues.ts";

export interface DeliveryQueuesOptions {
  redis: Redis;
  /** BullMQ key prefix; tests use a unique one so they never see each other's jobs. */
  prefix: string;
  /**
   * How many BullMQ `Queue` objects to keep open (most recently used); default 1,000. A producer
   * writes to one queue per backend group and bot, so without a bound it would keep one for every
   * group that ever had traffic.
   */
  maxOpenQueues?: number;
}

export interface DeliveryQueues {
  enqueue(lane: DeliveryLane, job: DeliveryJob): Promise<void>;
  enqueueByName(queueName: string, job: DeliveryJob): Promise<void>;
  close(): Promise<void>;
}

// Completed jobs are kept a day so a replayed router event (same job id) is recognised as done
// and not sent to Telegram again.
const KEEP_COMPLETED = { age: 24 * 3600, count: 50_000 };
const KEEP_FAILED = { age: 7 * 24 * 3600 };
// Delivery retries in place first (order kept); these attempts are the last resort after that, so
// a long outage delays a message instead of losing it.
const LAST_RESORT_RETRIES = { attempts: 6, backoff: { type: "exponential", delay: 60_000 } };

const DEFAULT_MAX_OPEN_QUEUES = 1_000;

/** A `Queue` and the adds running on it: an evicted queue is closed only once they are done. */
interface OpenQueue {
  queue: Queue;
  inFlight: number;
  evicted: boolean;
}

/**
 * The producer side of delivery: adds a job to its lane's FIFO queue, then marks the queue active
 * so a delivery worker starts for it. Queues with no work have no worker, so idle groups cost nothing.
 *
 * Order matters: the job is added before the queue is marked. A worker that finds its queue empty
 * unmarks it first and looks again, so a job added in between is never stranded (see
 * `queue-supervisor.ts` in the delivery service).
 *
 * Every `Queue` shares the caller's Redis client (no connection per queue); the least recently used
 * ones are closed beyond `maxOpenQueues`, and opened again (cheaply: no connection, no Redis call)
 * when their group writes again.
 */
export function createDeliveryQueues(options: DeliveryQueuesOptions): DeliveryQueues {
  const closing = new Set<Promise<void>>();
  const closeQueue = (queue: Queue): void => {
    const closed = queue.close().finally(() => closing.delete(closed));
    closing.add(closed);
  };
  const open = new LRUCache<string, OpenQueue>({
    max: options.maxOpenQueues ?? DEFAULT_MAX_OPEN_QUEUES,
    dispose: (entry) => {
      entry.evicted = true;
      if (entry.inFlight === 0) closeQueue(entry.queue);
    },
  });
  const acquire = (name: string): OpenQueue => {
    let entry = open.get(name);
    if (!entry) {
      entry = {
        queue: new Queue(name, { connection: options.redis, prefix: options.prefix }),
        inFlight: 0,
        evicted: false,
      };
      open.set(name, entry);
    }
    entry.inFlight += 1;
    return entry;
  };
  const release = (entry: OpenQueue): void => {
    entry.inFlight -= 1;
    if (entry.evicted && entry.inFlight === 0) closeQueue(entry.queue);
  };
  const enqueueByName = async (queueName: string, job: DeliveryJob): Promise<void> => {
    const entry = acquire(queueName);
    try {
      await entry.queue.add(job.type, job, {
        jobId: job.id,
        removeOnComplete: KEEP_COMPLETED,
        removeOnFail: KEEP_FAILED,
        ...LAST_RESORT_RETRIES,
      });
    } finally {
      release(entry);
    }
    await markActiveQueue(options.redis, options.prefix, queueName);
  };
  return {
    enqueueByName,
    enqueue: (lane, job) => enqueueByName(deliveryQueueName(lane), job),
    async close() {
      open.clear();
      await Promise.all([...closing]);
    },
  };
}
