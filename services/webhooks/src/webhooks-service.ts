import { type Bus, type BusNaming, consumeDomainEvents, type DomainEventConsumer } from "@topicdesk/bus";
import { WEBHOOK_QUEUE, type WebhookJob } from "@topicdesk/contracts";
import type { Database, SecretBox } from "@topicdesk/db";
import { createDeliveryQueues } from "@topicdesk/queue";
import type { Logger } from "@topicdesk/telemetry";
import { Queue, Worker } from "bullmq";
import type { Redis } from "ioredis";
import type { Kysely } from "kysely";
import { fanOutEvent } from "./events/fan-out.ts";
import { webhookSourceKinds } from "./events/webhook-event-of.ts";
import { createTeamNotices } from "./notices/team-notices.ts";
import { replayRequested } from "./replay/replay-requests.ts";
import { type DeliverySettings, deliverWebhook } from "./sending/deliver-webhook.ts";

export interface WebhooksServiceOptions {
  db: Kysely<Database>;
  secretBox: SecretBox;
  bus: Bus;
  naming: BusNaming;
  /** Producer connection (the webhook queue and the delivery queues for answers and notices). */
  redis: Redis;
  /** The worker opens its own connections: BullMQ workers block on Redis. */
  redisUrl: string;
  queuePrefix: string;
  log: Logger;
  /** Durable consumer names start with this (one consumer per event kind). Default `webhooks`. */
  durablePrefix?: string;
  settings?: Partial<WebhookSettings>;
  now?: () => Date;
}

export interface WebhookSettings extends DeliverySettings {
  /** First retry delay; each further retry waits twice as long. */
  backoffMs: number;
  /** POSTs in flight at once (receivers are independent; a slow one must not hold the rest). */
  concurrency: number;
  /** How often to look for replays someone asked for. */
  replayPollMs: number;
}

/**
 * 8 POSTs 5 s apart and doubling: about 10 minutes before a delivery becomes a dead letter;
 * five dead letters in a row pause a receiver.
 */
export const defaultWebhookSettings: WebhookSettings = {
  attempts: 8,
  backoffMs: 5_000,
  pauseAfterFailures: 5,
  requestTimeoutMs: 10_000,
  topicWaitMs: 10 * 60_000,
  topicPollMs: 2_000,
  concurrency: 16,
  replayPollMs: 2_000,
};

export interface WebhooksService {
  /** Carries out pending replay requests now (the timer does it every `replayPollMs`). */
  replayNow(): Promise<number>;
  stop(): Promise<void>;
}

/** Sends domain events to the teams' webhook receivers, and posts command answers back into topics. */
export async function startWebhooksService(options: WebhooksServiceOptions): Promise<WebhooksService> {
  const settings = { ...defaultWebhookSettings, ...options.settings };
  const now = options.now ?? (() => new Date());
  const log = options.log;
  const queue = new Queue(WEBHOOK_QUEUE, { connection: options.redis, prefix: options.queuePrefix });
  const enqueue = async (job: WebhookJob) => {
    await queue.add(job.eventType, job, {
      jobId: job.id,
      attempts: settings.attempts,
      backoff: { type: "exponential", delay: settings.backoffMs },
      // Completed ids are kept a day, so a redelivered event within it is not sent again.
      removeOnComplete: { age: 24 * 3600, count: 100_000 },
      removeOnFail: { age: 7 * 24 * 3600 },
    });
  };
  const deliveryQueues = createDeliveryQueues({ redis: options.redis, prefix: options.queuePrefix });
  const deps = {
    db: options.db,
    secretBox: options.secretBox,
    notices: createTeamNotices(deliveryQueues),
    settings,
    log,
    now,
  };
  const worker = new Worker(WEBHOOK_QUEUE, (job, token) => deliverWebhook(job, token, deps), {
    connection: { url: options.redisUrl, maxRetriesPerRequest: null },
    prefix: options.queuePrefix,
    concurrency: settings.concurrency,
  });
  worker.on("failed", (job, error) => {
    if (job)
      log.info(
        { deliveryId: job.id, attempt: job.attemptsMade, error: error.message },
        "webhook retry scheduled",
      );
  });
  worker.on("error", (error) => log.error({ err: error }, "webhook worker error"));
  const consumers = await startConsumers(options, enqueue);
  const replay = () => replayRequested(options.db, enqueue, log, now);
  const timer = setInterval(() => {
    replay().catch((error: unknown) => log.error({ err: error }, "webhook replay pass failed"));
  }, settings.replayPollMs);
  return {
    replayNow: replay,
    async stop() {
      clearInterval(timer);
      await Promise.all(consumers.map((consumer) => consumer.stop()));
      await worker.close();
      await queue.close();
      await deliveryQueues.close();
    },
  };
}

/** One durable consumer per event kind a webhook can carry (the bus consumes one kind per consumer). */
async function startConsumers(
  options: WebhooksServiceOptions,
  enqueue: (job: WebhookJob) => Promise<void>,
): Promise<DomainEventConsumer[]> {
  const prefix = options.durablePrefix ?? "webhooks";
  const fanOutDeps = { db: options.db, secretBox: options.secretBox, enqueue };
  return await Promise.all(
    webhookSourceKinds.map((kind) =>
      consumeDomainEvents(options.bus, options.naming, {
        durableName: `${prefix}-${kind.replaceAll(".", "-")}`,
        kind,
        handler: async (event) => {
          await fanOutEvent(event, fanOutDeps);
        },
        onInvalid: (errors, seq) => options.log.warn({ errors, seq, kind }, "invalid domain event skipped"),
        onHandlerError: (error, event) =>
          options.log.error({ err: error, eventId: event.id }, "webhook fan-out failed; will retry"),
        onConsumerError: (error) =>
          options.log.error({ err: error, kind }, "domain event consumer restarting"),
      }),
    ),
  );
}
