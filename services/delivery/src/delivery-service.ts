import { type Bus, type BusNaming, publishDomainEvent } from "@topicdesk/bus";
import { watchConnectionChanges } from "@topicdesk/connections";
import type { DomainEvent } from "@topicdesk/contracts";
import { createRepositories, type Database, MtprotoSessionRepository, type SecretBox } from "@topicdesk/db";
import { createBeforeSend, createSendBudget, type SendLimits } from "@topicdesk/limits";
import { createDeliveryQueues, loadBlob } from "@topicdesk/queue";
import { callTelegram } from "@topicdesk/telegram";
import { inSpan, type Logger } from "@topicdesk/telemetry";
import type { Redis } from "ioredis";
import type { Kysely } from "kysely";
import type { DeliveryContext } from "./handlers/delivery-context.ts";
import { runJob } from "./handlers/run-job.ts";
import { createPostgresDeliveryStore } from "./store/postgres-delivery-store.ts";
import { startQueueSupervisor } from "./supervisor/queue-supervisor.ts";
import { createDeliveryApiSelector } from "./transports/delivery-api-selector.ts";

export interface DeliveryServiceOptions {
  db: Kysely<Database>;
  secretBox: SecretBox;
  bus: Bus;
  naming: BusNaming;
  redis: Redis;
  queuePrefix: string;
  telegramApiRoot: string;
  limits: SendLimits;
  /** How long an empty lane keeps its worker (default 30 s). */
  laneIdleMs?: number;
  /** Lanes (workers) this process runs at most (`TOPICDESK_DELIVERY_MAX_LANES`). */
  maxLanes: number;
  albumDebounceMs: number;
  log: Logger;
  now?: () => number;
}

export interface DeliveryService {
  stop(): Promise<void>;
  runningLanes(): string[];
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Drains the delivery queues into Telegram, within Telegram's limits. */
export function startDeliveryService(options: DeliveryServiceOptions): DeliveryService {
  const now = options.now ?? Date.now;
  const repositories = createRepositories(options.db);
  const queues = createDeliveryQueues({ redis: options.redis, prefix: options.queuePrefix });
  const api = createDeliveryApiSelector({
    connections: repositories.connectionRepository,
    sessions: new MtprotoSessionRepository(options.db),
    secretBox: options.secretBox,
    telegramApiRoot: options.telegramApiRoot,
    nc: options.bus.nc,
    subjectPrefix: options.naming.prefix,
  });
  // A connection whose token changed or that was removed must not be served from the cache.
  const connectionWatch = watchConnectionChanges({
    nc: options.bus.nc,
    prefix: options.naming.prefix,
    log: options.log,
    onChange: async (change) => api.forget(change.connectionId),
    onResync: async () => api.forget(),
    // The cache expires by itself; only a reconnect (hints lost meanwhile) empties it early.
    resyncIntervalMs: 0,
  });
  const context: DeliveryContext = {
    api,
    store: createPostgresDeliveryStore(repositories),
    queues,
    async publish(event, eventKey) {
      const full: DomainEvent = { v: 1, id: `${eventKey}.${event.kind}`, at: now(), ...event };
      await publishDomainEvent(options.bus, options.naming, full);
    },
    // One span per Telegram call (with its in-call waits), the last hop of a message's trace.
    call: (fn) =>
      inSpan("delivery", "telegram call", undefined, () =>
        callTelegram(fn, {
          maxTransientAttempts: 8,
          sleep,
          onRetry: (failure, delayMs) =>
            options.log.warn({ failure: failure.kind, delayMs }, "telegram call retried"),
        }),
      ),
    beforeSend: createBeforeSend(
      options.limits,
      createSendBudget({ redis: options.redis, prefix: options.queuePrefix, now, sleep }),
    ),
    now,
    sleep,
    albumDebounceMs: options.albumDebounceMs,
    loadBlob: (key) => loadBlob(options.redis, options.queuePrefix, key),
  };
  const supervisor = startQueueSupervisor({
    redis: options.redis,
    prefix: options.queuePrefix,
    idleGraceMs: options.laneIdleMs ?? 30_000,
    maxLanes: options.maxLanes,
    log: options.log,
    process: (job) =>
      inSpan("delivery", `deliver ${job.name}`, traceparentOf(job.data), () =>
        runJob(job.data, job.timestamp, context, options.log),
      ),
  });
  return {
    runningLanes: () => supervisor.running(),
    async stop() {
      await connectionWatch.stop();
      await supervisor.stop();
      await queues.close();
    },
  };
}

/** The trace context the router put in the job, read before the payload is validated. */
function traceparentOf(data: unknown): string | undefined {
  if (typeof data !== "object" || data === null || !("traceparent" in data)) return undefined;
  return typeof data.traceparent === "string" ? data.traceparent : undefined;
}
