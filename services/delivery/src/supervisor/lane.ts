import type { Logger } from "@topicdesk/telemetry";
import { type Job, Queue, Worker } from "bullmq";
import type { Redis } from "ioredis";

/**
 * One delivery lane: a BullMQ worker draining one queue, one job at a time. Queue and worker share
 * the process's Redis client, so a lane costs one Redis connection: the worker's blocking one, which
 * BullMQ always opens for itself.
 */
export interface Lane {
  readonly name: string;
  readonly queue: Queue;
  /** Settles once the worker runs; rejects when the lane could not start. */
  readonly started: Promise<void>;
  /** When the worker last found its queue empty; undefined while it has work or is starting. */
  idleSince: number | undefined;
  /** True while a retirement (or the supervisor's stop) is deciding about or closing this lane. */
  retiring: boolean;
  close(): Promise<void>;
}

export interface LaneOptions {
  redis: Redis;
  prefix: string;
  process: (job: Job) => Promise<void>;
  log: Logger;
  /** Called when the worker has found its queue empty and stayed without work for `idleGraceMs`. */
  onIdle: (lane: Lane) => void;
  idleGraceMs: number;
  now: () => number;
}

/**
 * Opens a lane. It is returned at once (before any Redis call) so the caller can register it
 * before anything is awaited: a second look at the same queue meanwhile sees a lane and starts none.
 */
export function openLane(name: string, options: LaneOptions): Lane {
  const queue = new Queue(name, { connection: options.redis, prefix: options.prefix });
  let worker: Worker | undefined;
  let idleTimer: NodeJS.Timeout | undefined;
  let closed = false;
  const lane: Lane = {
    name,
    queue,
    idleSince: undefined,
    retiring: false,
    started: (async () => {
      // Global concurrency 1: whichever replica runs this queue, one job at a time, in order.
      await queue.setGlobalConcurrency(1);
      // Telegram's limits are kept by the send budgets (limits/), not by BullMQ's limiter.
      worker = new Worker(name, options.process, {
        connection: options.redis,
        prefix: options.prefix,
        concurrency: 1,
      });
      worker.on("active", () => {
        lane.idleSince = undefined;
        clearTimeout(idleTimer);
      });
      // A lane that just emptied often gets work again soon (a client typing several messages):
      // keeping its worker for a grace period saves starting one per message.
      worker.on("drained", () => {
        if (closed) return; // a closing worker reports its last empty look too
        lane.idleSince = options.now();
        clearTimeout(idleTimer);
        idleTimer = setTimeout(() => options.onIdle(lane), options.idleGraceMs);
      });
      worker.on("error", (error) => options.log.error({ err: error, queue: name }, "delivery worker error"));
      worker.on("failed", (job, error) =>
        options.log.error(
          { err: error, queue: name, jobId: job?.id, attempts: job?.attemptsMade },
          "delivery job failed",
        ),
      );
    })(),
    async close() {
      closed = true;
      clearTimeout(idleTimer);
      // A lane closed while starting finishes its start first, so no worker is left behind.
      await lane.started.catch(() => undefined);
      await worker?.close();
      await queue.close();
    },
  };
  return lane;
}

/** Nothing waiting, running or scheduled in the lane's queue. */
export async function isLaneEmpty(lane: Lane): Promise<boolean> {
  const counts = await lane.queue.getJobCounts("waiting", "active", "delayed", "prioritized");
  return Object.values(counts).every((count) => count === 0);
}
