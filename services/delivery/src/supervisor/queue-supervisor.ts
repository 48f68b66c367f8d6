import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import { createLaneClaims, listActiveQueues, markActiveQueue, unmarkActiveQueue } from "@topicdesk/queue";
import type { Logger } from "@topicdesk/telemetry";
import type { Job } from "bullmq";
import type { Redis } from "ioredis";
import { observeBacklog } from "./backlog-gauges.ts";
import { isLaneEmpty, type Lane, openLane } from "./lane.ts";

export interface SupervisorOptions {
  /** Shared by every lane's queue and worker for their non-blocking commands. */
  redis: Redis;
  prefix: string;
  /** How long an empty lane's worker waits for more work before it is retired. */
  idleGraceMs: number;
  /** Lanes this process runs at most; queues beyond wait in Redis for a free lane or another replica. */
  maxLanes: number;
  process: (job: Job) => Promise<void>;
  log: Logger;
  /** Pause between the end of one look at the active queues and the next. */
  pollIntervalMs?: number;
  /** How long a lane stays this replica's after its last renewal (another replica's after a crash). */
  leaseMs?: number;
}

export interface QueueSupervisor {
  stop(): Promise<void>;
  running(): string[];
}

const DEFAULT_LEASE_MS = 10_000;

/**
 * Starts a lane (a BullMQ worker) for each delivery queue that has work and retires it when the
 * queue has been empty for a grace period, so a thousand quiet backend groups cost no connections
 * and no timers.
 *
 * At most `maxLanes` run at once: with more active queues, idle lanes are retired first to make
 * room, and the rest wait in Redis (in the order they became active) until a lane is free here or
 * on another replica. Each lane is leased to one replica (`createLaneClaims`), so replicas split the
 * active queues between them.
 */
export function startQueueSupervisor(options: SupervisorOptions): QueueSupervisor {
  const { redis, prefix, log } = options;
  const lanes = new Map<string, Lane>();
  const leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
  const claims = createLaneClaims({
    redis,
    prefix,
    owner: `${hostname()}:${process.pid}:${randomUUID()}`,
    leaseMs,
  });
  let stopped = false;

  const startLane = (name: string): void => {
    // Registered before the first await, so no later look at the active queues starts it again.
    const lane = openLane(name, {
      redis,
      prefix,
      process: options.process,
      log,
      idleGraceMs: options.idleGraceMs,
      now: Date.now,
      onIdle: (idle) => void retireIfIdle(idle).catch(logRetireFailure),
    });
    lanes.set(name, lane);
    lane.started.catch(async (error: unknown) => {
      log.error({ err: error, queue: name }, "delivery lane did not start");
      if (lanes.get(name) === lane) lanes.delete(name);
      await lane.close().catch(() => undefined);
      await claims.release(name).catch(() => undefined);
    });
  };

  // Unmark first, then look again: a producer adds its job before marking the queue, so a job that
  // arrives in between is either seen here or re-marks the queue for the next poll.
  const retireIfIdle = async (lane: Lane): Promise<boolean> => {
    if (lane.retiring || lanes.get(lane.name) !== lane) return false;
    lane.retiring = true;
    try {
      if (!(await isLaneEmpty(lane))) return notIdle(lane);
      await unmarkActiveQueue(redis, prefix, lane.name);
      if (!(await isLaneEmpty(lane))) {
        await markActiveQueue(redis, prefix, lane.name);
        return notIdle(lane);
      }
      lanes.delete(lane.name);
      await lane.close();
      await claims.release(lane.name);
      return true;
    } finally {
      lane.retiring = false;
    }
  };
  const notIdle = (lane: Lane): false => {
    lane.idleSince = undefined;
    return false;
  };
  const logRetireFailure = (error: unknown) => log.error({ err: error }, "delivery lane retirement failed");

  /** Lanes whose queue was empty at their last look, longest idle first. */
  const idleLanes = (): Lane[] =>
    [...lanes.values()]
      .filter((lane) => lane.idleSince !== undefined && !lane.retiring)
      .sort((a, b) => (a.idleSince ?? 0) - (b.idleSince ?? 0));

  const poll = async (): Promise<void> => {
    const idle = idleLanes();
    const room = options.maxLanes - lanes.size;
    // At the cap with every lane busy there is nothing to start and nothing to make room with.
    if (room <= 0 && idle.length === 0) return;
    const waiting = (await listActiveQueues(redis, prefix)).filter((name) => !lanes.has(name));
    if (waiting.length === 0) return;
    const claimed = await claims.claimUpTo(waiting, Math.max(room, 0) + idle.length);
    for (const name of claimed) {
      // Make room by retiring idle lanes (longest idle first) only for queues this replica got.
      while (lanes.size >= options.maxLanes && idle.length > 0) {
        await retireIfIdle(idle.shift() as Lane);
      }
      if (lanes.has(name)) continue;
      if (stopped || lanes.size >= options.maxLanes) await claims.release(name);
      else startLane(name);
    }
  };

  // One look at a time: the next starts only after the previous one ended, however long it took.
  let wake: (() => void) | undefined;
  let pause: NodeJS.Timeout | undefined;
  const loop = (async () => {
    while (!stopped) {
      await poll().catch((error: unknown) => log.error({ err: error }, "delivery supervisor poll failed"));
      if (stopped) break;
      await new Promise<void>((resolve) => {
        wake = resolve;
        pause = setTimeout(resolve, options.pollIntervalMs ?? 200);
      });
    }
  })();

  // Leases are renewed for every running lane; one lost to another replica (this one stalled past
  // the lease) keeps running until it is idle: global concurrency 1 keeps its order meanwhile.
  const renewal = setInterval(() => {
    claims
      .renew([...lanes.keys()])
      .then((lost) => {
        if (lost.length > 0)
          log.warn({ lanes: lost.length }, "delivery lane leases taken by another replica");
      })
      .catch((error: unknown) => log.error({ err: error }, "delivery lane lease renewal failed"));
  }, leaseMs / 3);

  const stopGauges = observeBacklog(() => lanes.values());

  return {
    running: () => [...lanes.keys()],
    async stop() {
      stopped = true;
      clearTimeout(pause);
      wake?.();
      await loop;
      clearInterval(renewal);
      stopGauges();
      const all = [...lanes.values()];
      lanes.clear();
      await Promise.all(
        all.map(async (lane) => {
          lane.retiring = true;
          await lane.close();
          // Handing the lease back lets another replica take the lane at once.
          await claims.release(lane.name).catch(() => undefined);
        }),
      );
    },
  };
}
