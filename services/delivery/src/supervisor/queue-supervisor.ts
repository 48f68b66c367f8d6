import type { ObservableCallback } from "@opentelemetry/api";
import { listActiveQueues, markActiveQueue, unmarkActiveQueue } from "@topicdesk/queue";
import { type Logger, topicdeskMetrics } from "@topicdesk/telemetry";
import { type Job, Queue, Worker } from "bullmq";
import type { Redis } from "ioredis";

export interface SupervisorOptions {
  redis: Redis;
  redisUrl: string;
  prefix: string;
  /** How long an empty lane's worker waits for more work before it is retired. */
  idleGraceMs: number;
  process: (job: Job) => Promise<void>;
  log: Logger;
  pollIntervalMs?: number;
}

interface RunningLane {
  worker: Worker;
  queue: Queue;
  closing: boolean;
  idleTimer?: NodeJS.Timeout;
}

/**
 * Starts a BullMQ worker for each delivery queue that has work and stops it when the queue is
 * empty, so a thousand quiet backend groups cost no connections and no timers.
 *
 * Each queue has global concurrency 1: whichever replica runs it, one job at a time, in order.
 */
export function startQueueSupervisor(options: SupervisorOptions): {
  stop(): Promise<void>;
  running(): string[];
} {
  const lanes = new Map<string, RunningLane>();
  let stopped = false;
  const connection = { url: options.redisUrl, maxRetriesPerRequest: null };

  const startLane = async (name: string): Promise<void> => {
    const queue = new Queue(name, { connection, prefix: options.prefix });
    await queue.setGlobalConcurrency(1);
    // Telegram's limits are kept by the send budgets (limits/), not by BullMQ's limiter.
    const worker = new Worker(name, options.process, {
      connection,
      prefix: options.prefix,
      concurrency: 1,
    });
    const lane: RunningLane = { worker, queue, closing: false };
    lanes.set(name, lane);
    // A lane that just emptied often gets work again soon (a client typing several messages):
    // keeping its worker for a grace period saves starting one per message.
    worker.on("drained", () => {
      clearTimeout(lane.idleTimer);
      lane.idleTimer = setTimeout(() => void retireIfIdle(name, lane), options.idleGraceMs);
    });
    worker.on("error", (error) => options.log.error({ err: error, queue: name }, "delivery worker error"));
    worker.on("failed", (job, error) =>
      options.log.error(
        { err: error, queue: name, jobId: job?.id, attempts: job?.attemptsMade },
        "delivery job failed",
      ),
    );
  };

  // Unmark first, then look again: a producer adds its job before marking the queue, so a job that
  // arrives in between is either seen here or re-marks the queue for the next poll.
  const retireIfIdle = async (name: string, lane: RunningLane): Promise<void> => {
    if (lane.closing || !(await isEmpty(lane.queue))) return;
    await unmarkActiveQueue(options.redis, options.prefix, name);
    if (!(await isEmpty(lane.queue))) {
      await markActiveQueue(options.redis, options.prefix, name);
      return;
    }
    lane.closing = true;
    lanes.delete(name);
    await lane.worker.close();
    await lane.queue.close();
  };

  const poll = async (): Promise<void> => {
    for (const name of await listActiveQueues(options.redis, options.prefix)) {
      if (!lanes.has(name) && !stopped) await startLane(name);
    }
  };

  // Backlog gauges for Prometheus, observed only for lanes this replica runs: an idle group has no
  // lane, so it costs no series and no Redis calls at scrape time.
  const metrics = topicdeskMetrics();
  const observeDepth: ObservableCallback = async (result) => {
    for (const [name, lane] of lanes) result.observe(await waitingCount(lane.queue), { queue: name });
  };
  const observeOldestAge: ObservableCallback = async (result) => {
    const now = Date.now();
    for (const [name, lane] of lanes) {
      const oldest = await oldestWaitingTimestamp(lane.queue);
      if (oldest !== undefined) result.observe((now - oldest) / 1000, { queue: name });
    }
  };
  metrics.queueDepth.addCallback(observeDepth);
  metrics.queueOldestAge.addCallback(observeOldestAge);

  const timer = setInterval(() => {
    poll().catch((error: unknown) => options.log.error({ err: error }, "delivery supervisor poll failed"));
  }, options.pollIntervalMs ?? 200);

  return {
    running: () => [...lanes.keys()],
    async stop() {
      stopped = true;
      clearInterval(timer);
      metrics.queueDepth.removeCallback(observeDepth);
      metrics.queueOldestAge.removeCallback(observeOldestAge);
      const all = [...lanes.values()];
      lanes.clear();
      await Promise.all(
        all.map(async (lane) => {
          lane.closing = true;
          clearTimeout(lane.idleTimer);
          await lane.worker.close();
          await lane.queue.close();
        }),
      );
    },
  };
}

async function isEmpty(queue: Queue): Promise<boolean> {
  const counts = await queue.getJobCounts("waiting", "active", "delayed", "prioritized");
  return Object.values(counts).every((count) => count === 0);
}

async function waitingCount(queue: Queue): Promise<number> {
  const counts = await queue.getJobCounts("waiting", "delayed", "prioritized");
  return Object.values(counts).reduce((sum, count) => sum + count, 0);
}

/** When the job that has waited longest was added (the head of the FIFO), if any waits. */
async function oldestWaitingTimestamp(queue: Queue): Promise<number | undefined> {
  const [oldest] = await queue.getJobs(["waiting", "prioritized"], 0, 0, true);
  return oldest?.timestamp;
}
