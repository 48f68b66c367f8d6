import { type Bus, type BusNaming, consumePartitions, publishDomainEvent } from "@topicdesk/bus";
import { createRepositories, type Database, pruneExpired, type SecretBox } from "@topicdesk/db";
import type { DeliveryQueues } from "@topicdesk/queue";
import { createBotApi } from "@topicdesk/telegram";
import { injectTraceparent, inSpan, type Logger } from "@topicdesk/telemetry";
import type { Kysely } from "kysely";
import { handleInboundEvent, type InboundHandlerDeps } from "./apply/handle-inbound-event.ts";
import type { OperatorRightsLookup } from "./apply/load-context.ts";
import { sweepAutoClose } from "./autoclose/autoclose-sweeper.ts";

export interface RouterServiceOptions {
  db: Kysely<Database>;
  bus: Bus;
  naming: BusNaming;
  queues: DeliveryQueues;
  secretBox: SecretBox;
  telegramApiRoot: string;
  partitions: number;
  pseudonymKey: string;
  log: Logger;
  now?: () => Date;
  /** How often to look for dialogs due for AUTOCLOSE; 0 disables the timer (tests call sweep). */
  autoCloseIntervalMs?: number;
  durablePrefix?: string;
}

export interface RouterService {
  stop(): Promise<void>;
  sweepAutoClose(): Promise<number>;
}

/** Consumes the inbound partitions and decides what happens to each event. */
export async function startRouterService(options: RouterServiceOptions): Promise<RouterService> {
  const deps: InboundHandlerDeps = {
    db: options.db,
    queues: options.queues,
    publish: async (event) => {
      await publishDomainEvent(options.bus, options.naming, event);
    },
    rightsLookup: createRightsLookup(options),
    pseudonymKey: options.pseudonymKey,
    now: options.now ?? (() => new Date()),
    log: options.log,
  };
  const consumer = await consumePartitions(options.bus, options.naming, {
    durablePrefix: options.durablePrefix ?? "router",
    partitions: options.partitions,
    // The router's span continues the ingress trace; jobs carry the router span on to delivery.
    handler: (event, meta) =>
      inSpan("router", "route inbound event", meta.traceparent, () =>
        handleInboundEvent(event, injectTraceparent() ?? meta.traceparent, deps),
      ),
    onInvalid: (invalid) => options.log.warn({ invalid }, "invalid inbound event terminated"),
    // The event is retried in place so its dialog keeps its order; a repeating error shows here.
    onHandlerError: (error, meta) =>
      options.log.error(
        { err: error, partition: meta.partition, seq: meta.seq, attempt: meta.deliveryCount },
        "routing failed",
      ),
    onConsumerError: (error, partition) =>
      options.log.error({ err: error, partition }, "partition consumer failed"),
  });
  const timers = [
    every(options.autoCloseIntervalMs ?? 60_000, "autoclose sweep", () => sweepAutoClose(deps), options.log),
    // Message links are kept 90 days, processed event ids 7 days, album parts a day (libs/db).
    every(
      options.autoCloseIntervalMs === 0 ? 0 : HOUR_MS,
      "retention prune",
      () => pruneExpired(options.db),
      options.log,
    ),
  ];
  return {
    sweepAutoClose: () => sweepAutoClose(deps),
    async stop() {
      for (const timer of timers) if (timer) clearInterval(timer);
      await consumer.stop();
    },
  };
}

const HOUR_MS = 3_600_000;

/** Runs housekeeping on a timer (0 = never: tests call it themselves); failures are logged. */
function every(
  intervalMs: number,
  name: string,
  work: () => Promise<unknown>,
  log: Logger,
): NodeJS.Timeout | undefined {
  if (intervalMs <= 0) return undefined;
  return setInterval(() => {
    work().catch((error: unknown) => log.error({ err: error }, `${name} failed`));
  }, intervalMs);
}

/**
 * /ban needs the caller's "Ban users" right. The router never sends to Telegram, but it may ask:
 * one getChatMember per operator and minute, cached.
 */
function createRightsLookup(options: RouterServiceOptions): OperatorRightsLookup {
  const cache = new Map<string, { at: number; rights: { canRestrictMembers: boolean; isAdmin: boolean } }>();
  return async (connectionId, backendChatId, userId) => {
    const key = `${connectionId}:${userId}`;
    const cached = cache.get(key);
    if (cached && Date.now() - cached.at < 60_000) return cached.rights;
    const connections = createRepositories(options.db).connectionRepository;
    const connection = await connections.get(connectionId);
    const token = connection ? connections.revealToken(connection, options.secretBox) : undefined;
    if (!token) return { canRestrictMembers: false, isAdmin: false };
    const member = await createBotApi(token, { apiRoot: options.telegramApiRoot }).getChatMember(
      backendChatId,
      userId,
    );
    const rights = {
      isAdmin: member.status === "creator" || member.status === "administrator",
      canRestrictMembers:
        member.status === "creator" || (member.status === "administrator" && member.can_restrict_members),
    };
    cache.set(key, { at: Date.now(), rights });
    return rights;
  };
}
