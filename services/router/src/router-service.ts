import { type Bus, type BusNaming, consumePartitions, publishDomainEvent } from "@topicdesk/bus";
import { type Database, pruneExpired, type SecretBox } from "@topicdesk/db";
import type { DeliveryQueues } from "@topicdesk/queue";
import { injectTraceparent, inSpan, type Logger, topicdeskMetrics } from "@topicdesk/telemetry";
import type { Kysely } from "kysely";
import { handleInboundEvent, type InboundHandlerDeps } from "./apply/handle-inbound-event.ts";
import { createTelegramLookups } from "./apply/telegram-lookup-selector.ts";
import { createUserLookup } from "./apply/telegram-user-lookup.ts";
import { sweepAutoClose } from "./autoclose/autoclose-sweeper.ts";
import { startConnectionFactsCache } from "./cache/connection-facts-cache.ts";
import { createMemberLookup } from "./roles/member-lookup.ts";

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
  /**
   * How long a connection's row and parameters are used without reading them again (default 5 s);
   * announced changes (`td.ctl.connections`) take effect at once, this bounds a missed announcement.
   */
  connectionCacheTtlMs?: number;
}

export interface RouterService {
  stop(): Promise<void>;
  sweepAutoClose(): Promise<number>;
}

/** Consumes the inbound partitions and decides what happens to each event. */
export async function startRouterService(options: RouterServiceOptions): Promise<RouterService> {
  // Read-only questions to Telegram (roles, /new): by the bot's token, or through the connection's
  // MTProto session for accounts and bots in parallel mode.
  const lookups = createTelegramLookups({
    db: options.db,
    secretBox: options.secretBox,
    telegramApiRoot: options.telegramApiRoot,
    nc: options.bus.nc,
    subjectPrefix: options.naming.prefix,
  });
  const connectionFacts = startConnectionFactsCache({
    db: options.db,
    secretBox: options.secretBox,
    nc: options.bus.nc,
    prefix: options.naming.prefix,
    log: options.log,
    ...(options.connectionCacheTtlMs === undefined ? {} : { ttlMs: options.connectionCacheTtlMs }),
  });
  const deps: InboundHandlerDeps = {
    db: options.db,
    connectionFacts,
    queues: options.queues,
    publish: async (event) => {
      await publishDomainEvent(options.bus, options.naming, event);
    },
    rightsLookup: createMemberLookup({ lookups }),
    userLookup: createUserLookup(lookups),
    pseudonymKey: options.pseudonymKey,
    now: options.now ?? (() => new Date()),
    log: options.log,
  };
  const consumer = await consumePartitions(options.bus, options.naming, {
    durablePrefix: options.durablePrefix ?? "router",
    partitions: options.partitions,
    // The router's span continues the ingress trace; jobs carry the router span on to delivery.
    handler: (event, meta) =>
      inSpan("router", "route inbound event", meta.traceparent, async () => {
        const outcome = await handleInboundEvent(event, injectTraceparent() ?? meta.traceparent, deps);
        topicdeskMetrics().routerEvents.add(1, {
          kind: event.kind,
          outcome: outcome.replay ? "duplicate" : "applied",
        });
      }),
    onInvalid: (invalid) => options.log.warn({ invalid }, "invalid inbound event terminated"),
    // The event is retried in place so its dialog keeps its order; a repeating error shows here.
    onHandlerError: (error, meta) => {
      topicdeskMetrics().routerEvents.add(1, { kind: "unknown", outcome: "failed" });
      options.log.error(
        { err: error, partition: meta.partition, seq: meta.seq, attempt: meta.deliveryCount },
        "routing failed",
      );
    },
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
      await connectionFacts.stop();
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
