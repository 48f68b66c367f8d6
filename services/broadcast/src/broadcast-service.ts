import { type Bus, type BusNaming, consumeDomainEvents, type DomainEventConsumer } from "@topicdesk/bus";
import { ConnectionBotApis } from "@topicdesk/connections";
import { ConnectionRepository, type Database, type SecretBox } from "@topicdesk/db";
import { createSendBudget, type SendLimits } from "@topicdesk/limits";
import { createDeliveryQueues } from "@topicdesk/queue";
import { callTelegram } from "@topicdesk/telegram";
import type { Logger } from "@topicdesk/telemetry";
import type { Redis } from "ioredis";
import type { Kysely } from "kysely";
import { createDocumentDownloader } from "./audience/download-document.ts";
import { handleSendCommand } from "./commands/handle-send-command.ts";
import { createGroupAnswers } from "./group-answers.ts";
import { createBroadcastPace } from "./runner/broadcast-pace.ts";
import { startBroadcastRunner } from "./runner/broadcast-runner.ts";

export interface BroadcastServiceOptions {
  db: Kysely<Database>;
  secretBox: SecretBox;
  bus: Bus;
  naming: BusNaming;
  redis: Redis;
  /** BullMQ and budget key prefix: the same as delivery's, so both spend one set of budgets. */
  queuePrefix: string;
  telegramApiRoot: string;
  limits: SendLimits;
  /** Broadcast speed per connection (default 1,000 a minute, the reference's figure). */
  ratePerMinute?: number;
  /** Least time between two edits of the progress message (default 30 s). */
  progressIntervalMs?: number;
  pollIntervalMs?: number;
  concurrency?: number;
  leaseMs?: number;
  log: Logger;
  /** Clock and sleep, replaceable so tests can run a long broadcast on the simulator's clock. */
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

export interface BroadcastService {
  stop(): Promise<void>;
}

/** Durable consumer of `command.invoked` events; the name keeps its place across restarts. */
export const BROADCAST_CONSUMER = "broadcast-commands";

/**
 * `/send` broadcasts: consumes the router's `command.invoked` events named `send`, keeps drafts,
 * schedules and per-recipient outcomes in Postgres, and sends on its own lower-priority lane.
 */
export async function startBroadcastService(options: BroadcastServiceOptions): Promise<BroadcastService> {
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const queues = createDeliveryQueues({ redis: options.redis, prefix: options.queuePrefix });
  const pace = createBroadcastPace({
    budget: createSendBudget({ redis: options.redis, prefix: options.queuePrefix, now, sleep }),
    limits: options.limits,
    ratePerMinute: options.ratePerMinute ?? 1000,
  });
  const botApis = new ConnectionBotApis({
    connections: new ConnectionRepository(options.db),
    secretBox: options.secretBox,
    telegramApiRoot: options.telegramApiRoot,
  });
  const api = (connectionId: string) => botApis.get(connectionId);
  const call = <T>(fn: () => Promise<T>) =>
    callTelegram(fn, {
      maxTransientAttempts: 8,
      sleep,
      onRetry: (failure, delayMs) =>
        options.log.warn({ failure: failure.kind, delayMs }, "broadcast call retried"),
    });
  const runner = startBroadcastRunner({
    db: options.db,
    send: { api, call, beforeRecipient: pace.beforeRecipient },
    progress: {
      api,
      call,
      beforeGroupSend: pace.beforeGroupSend,
      now,
      intervalMs: options.progressIntervalMs ?? 30_000,
    },
    report: { redis: options.redis, queuePrefix: options.queuePrefix, queues },
    log: options.log,
    now,
    pollIntervalMs: options.pollIntervalMs ?? 1000,
    concurrency: options.concurrency ?? 4,
    leaseMs: options.leaseMs ?? 60_000,
  });
  const answers = createGroupAnswers(queues);
  const downloadDocument = createDocumentDownloader({ api, apiRoot: options.telegramApiRoot, call });
  let consumer: DomainEventConsumer;
  try {
    consumer = await consumeDomainEvents(options.bus, options.naming, {
      durableName: BROADCAST_CONSUMER,
      kind: "command.invoked",
      handler: (event) =>
        handleSendCommand(event, {
          db: options.db,
          answers,
          now: () => new Date(now()),
          wake: runner.wake,
          downloadDocument,
        }),
      onInvalid: (errors, seq) => options.log.error({ errors, seq }, "invalid domain event terminated"),
      onHandlerError: (error, event) =>
        options.log.warn({ err: error, eventId: event.id }, "send command will be retried"),
      onConsumerError: (error) => options.log.error({ err: error }, "command consumer restarting"),
    });
  } catch (error) {
    await runner.stop();
    await queues.close();
    throw error;
  }
  return {
    async stop() {
      await consumer.stop();
      await runner.stop();
      await queues.close();
    },
  };
}
