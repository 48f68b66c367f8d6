import { type Bus, type BusNaming, consumeDomainEvents } from "@topicdesk/bus";
import type { DomainEvent } from "@topicdesk/contracts";
import type { Database } from "@topicdesk/db";
import { type DeliveryQueues, storeBlob } from "@topicdesk/queue";
import type { Logger } from "@topicdesk/telemetry";
import type { Redis } from "ioredis";
import type { Kysely } from "kysely";
import { type CommandEvent, GroupAnswer } from "./answers/group-answer.ts";
import type { ReportContext } from "./commands/report-command.ts";
import { reportCommandNamed } from "./commands/report-commands.ts";

export interface ReportsServiceOptions {
  db: Kysely<Database>;
  bus: Bus;
  naming: BusNaming;
  queues: DeliveryQueues;
  /** Redis and key prefix of the delivery queues: the blob store lives beside them. */
  redis: Redis;
  queuePrefix: string;
  log: Logger;
  now?: () => Date;
  /** How long an export or chart waits in Redis for delivery (default a day: a long backlog still gets it). */
  blobTtlSeconds?: number;
  durableName?: string;
}

export interface ReportsService {
  stop(): Promise<void>;
}

const DAY_SECONDS = 24 * 3600;

/**
 * Answers `/export` and `/stats`: consumes `command.invoked` (the router already checked the
 * caller's role), computes in Postgres, and queues the answers into the backend group through
 * delivery, so they respect the group's send budget like everything else.
 */
export async function startReportsService(options: ReportsServiceOptions): Promise<ReportsService> {
  const context: ReportContext = {
    db: options.db,
    now: options.now ?? (() => new Date()),
    storeBlob: (bytes) =>
      storeBlob(options.redis, options.queuePrefix, bytes, options.blobTtlSeconds ?? DAY_SECONDS),
  };
  const consumer = await consumeDomainEvents(options.bus, options.naming, {
    durableName: options.durableName ?? "reports",
    kind: "command.invoked",
    handler: (event) => handleCommandEvent(event, context, options),
    onInvalid: (errors, seq) => options.log.warn({ errors, seq }, "invalid domain event terminated"),
    onHandlerError: (error, event) =>
      options.log.error({ err: error, eventId: event.id }, "report failed; the command will be retried"),
    onConsumerError: (error) => options.log.error({ err: error }, "reports consumer failed; restarting"),
  });
  return { stop: () => consumer.stop() };
}

async function handleCommandEvent(
  event: DomainEvent,
  context: ReportContext,
  options: ReportsServiceOptions,
): Promise<void> {
  const command = event.command;
  const run = command === undefined ? undefined : reportCommandNamed(command.name);
  if (command === undefined || run === undefined) return;
  const commandEvent: CommandEvent = { ...event, command };
  const started = Date.now();
  const jobs = await run(commandEvent, new GroupAnswer(commandEvent), context);
  const lane = { kind: "group" as const, chatId: command.backendChatId };
  for (const job of jobs) await options.queues.enqueue(lane, job);
  options.log.info(
    { eventId: event.id, command: command.name, connectionId: event.connectionId, ms: Date.now() - started },
    "report answered",
  );
}
