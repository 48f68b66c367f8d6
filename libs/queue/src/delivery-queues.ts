import { type DeliveryJob, type DeliveryLane, deliveryQueueName } from "@topicdesk/contracts";
import { Queue } from "bullmq";
import type { Redis } from "ioredis";
import { markActiveQueue } from "./active-queues.ts";

export interface DeliveryQueuesOptions {
  redis: Redis;
  /** BullMQ key prefix; tests use a unique one so they never see each other's jobs. */
  prefix: string;
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

/**
 * The producer side of delivery: adds a job to its lane's FIFO queue, then marks the queue active
 * so a delivery worker starts for it. Queues with no work have no worker, so idle groups cost nothing.
 *
 * Order matters: the job is added before the queue is marked. A worker that finds its queue empty
 * unmarks it first and looks again, so a job added in between is never stranded (see
 * `queue-supervisor.ts` in the delivery service).
 */
export function createDeliveryQueues(options: DeliveryQueuesOptions): DeliveryQueues {
  const queues = new Map<string, Queue>();
  const queueNamed = (name: string): Queue => {
    let queue = queues.get(name);
    if (!queue) {
      queue = new Queue(name, { connection: options.redis, prefix: options.prefix });
      queues.set(name, queue);
    }
    return queue;
  };
  const enqueueByName = async (queueName: string, job: DeliveryJob): Promise<void> => {
    await queueNamed(queueName).add(job.type, job, {
      jobId: job.id,
      removeOnComplete: KEEP_COMPLETED,
      removeOnFail: KEEP_FAILED,
      ...LAST_RESORT_RETRIES,
    });
    await markActiveQueue(options.redis, options.prefix, queueName);
  };
  return {
    enqueueByName,
    enqueue: (lane, job) => enqueueByName(deliveryQueueName(lane), job),
    async close() {
      await Promise.all([...queues.values()].map((queue) => queue.close()));
      queues.clear();
    },
  };
}
