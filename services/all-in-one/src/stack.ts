import { type Bus, type BusNaming, connectBus, ensureStreams } from "@topicdesk/bus";
import type { Config } from "@topicdesk/config";
import {
  createDatabase,
  createSecretBox,
  type Database,
  migrateToLatest,
  type SecretBox,
} from "@topicdesk/db";
import { type DeliveryService, startDeliveryService } from "@topicdesk/delivery";
import { type IngressService, startIngressService } from "@topicdesk/ingress-bot";
import { connectRedis, createDeliveryQueues, type DeliveryQueues } from "@topicdesk/queue";
import { type RouterService, startRouterService } from "@topicdesk/router";
import type { Logger } from "@topicdesk/telemetry";
import type { Redis } from "ioredis";
import type { Kysely } from "kysely";

export interface StackOptions {
  config: Config;
  log: Logger;
  /** An existing database handle (tests pass their isolated schema); otherwise DATABASE_URL. */
  db?: Kysely<Database>;
  /** Prefixes for JetStream subjects and BullMQ keys, so test runs never see each other. */
  busPrefix?: string;
  queuePrefix?: string;
  now?: () => Date;
  autoCloseIntervalMs?: number;
  /** How long an empty delivery lane keeps its worker (tests shorten it). */
  laneIdleMs?: number;
  /** Which services this process runs (default all: the all-in-one mode). */
  services?: readonly ServiceName[];
}

export const SERVICE_NAMES = ["ingress", "router", "delivery"] as const;
export type ServiceName = (typeof SERVICE_NAMES)[number];

export interface Stack {
  db: Kysely<Database>;
  secretBox: SecretBox;
  bus: Bus;
  naming: BusNaming;
  ingress(): IngressService | undefined;
  router(): RouterService | undefined;
  delivery(): DeliveryService | undefined;
  start(name: ServiceName): Promise<void>;
  stopService(name: ServiceName): Promise<void>;
  stop(): Promise<void>;
}

/**
 * The whole system in one process (all-in-one mode): shared infrastructure, then ingress, router
 * and delivery. Each service can be stopped and started on its own, which the restart tests use.
 */
export async function startStack(options: StackOptions): Promise<Stack> {
  const { config, log } = options;
  const ownsDb = options.db === undefined;
  const db = options.db ?? createDatabase({ url: config.databaseUrl });
  await migrateToLatest(db);
  const secretBox = createSecretBox(config.secretKey);
  const bus = await connectBus({ url: config.natsUrl, name: "topicdesk" });
  const naming = await ensureStreams(
    bus,
    options.busPrefix === undefined ? {} : { prefix: options.busPrefix },
  );
  const redis: Redis = connectRedis(config.redisUrl);
  const queuePrefix = options.queuePrefix ?? "td";
  const queues: DeliveryQueues = createDeliveryQueues({ redis, prefix: queuePrefix });
  const running: { ingress?: IngressService; router?: RouterService; delivery?: DeliveryService } = {};

  const starters: Record<ServiceName, () => Promise<void>> = {
    ingress: async () => {
      running.ingress = await startIngressService({
        db,
        bus,
        naming,
        secretBox,
        partitions: config.partitions,
        telegramApiRoot: config.telegramApiRoot,
        mode: config.updates.mode,
        ...(config.updates.publicUrl ? { publicUrl: config.updates.publicUrl } : {}),
        host: config.http.host,
        port: config.http.port,
        log: log.child({ component: "ingress-bot" }),
      });
    },
    router: async () => {
      running.router = await startRouterService({
        db,
        bus,
        naming,
        queues,
        secretBox,
        telegramApiRoot: config.telegramApiRoot,
        partitions: config.partitions,
        pseudonymKey: config.secretKey,
        log: log.child({ component: "router" }),
        ...(options.now ? { now: options.now } : {}),
        ...(options.autoCloseIntervalMs === undefined
          ? {}
          : { autoCloseIntervalMs: options.autoCloseIntervalMs }),
      });
    },
    delivery: async () => {
      running.delivery = startDeliveryService({
        db,
        secretBox,
        bus,
        naming,
        redis,
        redisUrl: config.redisUrl,
        queuePrefix,
        telegramApiRoot: config.telegramApiRoot,
        limits: config.limits,
        albumDebounceMs: config.albumDebounceMs,
        log: log.child({ component: "delivery" }),
        ...(options.laneIdleMs === undefined ? {} : { laneIdleMs: options.laneIdleMs }),
      });
    },
  };
  const stopService = async (name: ServiceName): Promise<void> => {
    const service = running[name];
    delete running[name];
    await service?.stop();
  };
  // Downstream first, so nothing is produced before its consumer is there.
  for (const name of ["delivery", "router", "ingress"] as const) {
    if (options.services?.includes(name) ?? true) await starters[name]();
  }
  return {
    db,
    secretBox,
    bus,
    naming,
    ingress: () => running.ingress,
    router: () => running.router,
    delivery: () => running.delivery,
    start: (name) => starters[name](),
    stopService,
    async stop() {
      for (const name of ["ingress", "router", "delivery"] as const) await stopService(name);
      await queues.close();
      redis.disconnect();
      await bus.close();
      if (ownsDb) await db.destroy();
    },
  };
}
