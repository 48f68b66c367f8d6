import { type Bus, type BusNaming, publishDomainEvent } from "@topicdesk/bus";
import type { DomainEvent } from "@topicdesk/contracts";
import { type ConnectionRepository, createRepositories, type Database, type SecretBox } from "@topicdesk/db";
import { createDeliveryQueues } from "@topicdesk/queue";
import { createBotApi } from "@topicdesk/telegram";
import { inSpan, type Logger } from "@topicdesk/telemetry";
import type { Api } from "grammy";
import type { Redis } from "ioredis";
import type { Kysely } from "kysely";
import type { DeliveryContext } from "./handlers/delivery-context.ts";
import { runJob } from "./handlers/run-job.ts";
import { createBeforeSend, type SendLimits } from "./limits/before-send.ts";
import { createPrivateChatPacer } from "./limits/private-chat-pacer.ts";
import { createSendBudget } from "./limits/send-budget.ts";
import { createPostgresDeliveryStore } from "./store/postgres-delivery-store.ts";
import { startQueueSupervisor } from "./supervisor/queue-supervisor.ts";
import { callTelegram } from "./telegram-calls/call-telegram.ts";

export interface DeliveryServiceOptions {
  db: Kysely<Database>;
  secretBox: SecretBox;
  bus: Bus;
  naming: BusNaming;
  redis: Redis;
  redisUrl: string;
  queuePrefix: string;
  telegramApiRoot: string;
  limits: SendLimits;
  /** How long an empty lane keeps its worker (default 30 s). */
  laneIdleMs?: number;
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
  const context: DeliveryContext = {
    api: apiCache(repositories.connectionRepository, options),
    store: createPostgresDeliveryStore(repositories),
    queues,
    async publish(event, eventKey) {
      const full: DomainEvent = { v: 1, id: `${eventKey}.${event.kind}`, at: now(), ...event };
      await publishDomainEvent(options.bus, options.naming, full);
    },
    call: (fn) =>
      callTelegram(fn, {
        maxTransientAttempts: 8,
        sleep,
        onRetry: (failure, delayMs) =>
          options.log.warn({ failure: failure.kind, delayMs }, "telegram call retried"),
      }),
    beforeSend: createBeforeSend(
      options.limits,
      createSendBudget({ redis: options.redis, prefix: options.queuePrefix, now, sleep }),
      createPrivateChatPacer(options.limits.chatPerSecond, now, sleep),
    ),
    now,
    sleep,
    albumDebounceMs: options.albumDebounceMs,
  };
  const supervisor = startQueueSupervisor({
    redis: options.redis,
    redisUrl: options.redisUrl,
    prefix: options.queuePrefix,
    idleGraceMs: options.laneIdleMs ?? 30_000,
    log: options.log,
    process: (job) =>
      inSpan("delivery", `deliver ${job.name}`, traceparentOf(job.data), () =>
        runJob(job.data, job.timestamp, context, options.log),
      ),
  });
  return {
    runningLanes: () => supervisor.running(),
    async stop() {
      await supervisor.stop();
      await queues.close();
    },
  };
}

/** One grammY Api per connection; the token is decrypted once, never logged. */
function apiCache(
  connections: ConnectionRepository,
  options: DeliveryServiceOptions,
): (id: string) => Promise<Api> {
  const cache = new Map<string, Api>();
  return async (connectionId) => {
    const cached = cache.get(connectionId);
    if (cached) return cached;
    const connection = await connections.get(connectionId);
    const token = connection ? connections.revealToken(connection, options.secretBox) : undefined;
    if (!token) throw new Error(`connection ${connectionId} has no bot token`);
    const api = createBotApi(token, { apiRoot: options.telegramApiRoot });
    cache.set(connectionId, api);
    return api;
  };
}

/** The trace context the router put in the job, read before the payload is validated. */
function traceparentOf(data: unknown): string | undefined {
  if (typeof data !== "object" || data === null || !("traceparent" in data)) return undefined;
  return typeof data.traceparent === "string" ? data.traceparent : undefined;
}
