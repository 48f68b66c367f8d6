import type { ApiService } from "@topicdesk/api";
import type { BroadcastService } from "@topicdesk/broadcast";
import { type Bus, type BusNaming, connectBus, ensureStreams } from "@topicdesk/bus";
import type { Config } from "@topicdesk/config";
import { natsConnectionChanges } from "@topicdesk/connections";
import {
  createDatabase,
  createSecretBox,
  type Database,
  migrateToLatest,
  type SecretBox,
} from "@topicdesk/db";
import type { DeliveryService } from "@topicdesk/delivery";
import { type DependencyCheck, natsCheck, postgresCheck, redisCheck } from "@topicdesk/health";
import type { IngressService } from "@topicdesk/ingress-bot";
import type { MtprotoClientFactory, MtprotoService } from "@topicdesk/mtproto";
import { connectRedis, createDeliveryQueues, type DeliveryQueues, loadBlob } from "@topicdesk/queue";
import type { ReportsService } from "@topicdesk/reports";
import type { RouterService } from "@topicdesk/router";
import type { SetupBotService } from "@topicdesk/setup-bot";
import type { Logger } from "@topicdesk/telemetry";
import type { WebhookSettings, WebhooksService } from "@topicdesk/webhooks";
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
  /** Webhook retry, pause and polling settings (tests shorten them). */
  webhookSettings?: Partial<WebhookSettings>;
  /** The HTTP API's address (default: config.http.host, port 0 = any free port) and per-key rate limit. */
  api?: { host?: string; port?: number; rateLimitPerMinute?: number };
  /**
   * MTProto sessions (accounts, parallel bots): a client factory of the tests' own instead of the
   * app credentials (`config.mtproto`); without either the "mtproto" service stays off.
   */
  mtproto?: {
    createClient?: MtprotoClientFactory;
    leaseTtlMs?: number;
    scanIntervalMs?: number;
  };
}

export const SERVICE_NAMES = [
  "ingress",
  "router",
  "delivery",
  "webhooks",
  "reports",
  "broadcast",
  "api",
  "setup",
  "mtproto",
] as const;
export type ServiceName = (typeof SERVICE_NAMES)[number];

export interface Stack {
  db: Kysely<Database>;
  secretBox: SecretBox;
  bus: Bus;
  naming: BusNaming;
  /** What `/readyz` checks: the data services this process depends on. */
  readinessChecks: DependencyCheck[];
  ingress(): IngressService | undefined;
  router(): RouterService | undefined;
  delivery(): DeliveryService | undefined;
  webhooks(): WebhooksService | undefined;
  reports(): ReportsService | undefined;
  broadcast(): BroadcastService | undefined;
  api(): ApiService | undefined;
  setup(): SetupBotService | undefined;
  mtproto(): MtprotoService | undefined;
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
  const naming = await ensureStreams(bus, {
    replicas: config.streamReplicas,
    ...(options.busPrefix === undefined ? {} : { prefix: options.busPrefix }),
  });
  const redis: Redis = connectRedis(config.redisUrl);
  const queuePrefix = options.queuePrefix ?? "td";
  const queues: DeliveryQueues = createDeliveryQueues({ redis, prefix: queuePrefix });
  const running: {
    ingress?: IngressService;
    router?: RouterService;
    delivery?: DeliveryService;
    webhooks?: WebhooksService;
    reports?: ReportsService;
    broadcast?: BroadcastService;
    api?: ApiService;
    setup?: SetupBotService;
    mtproto?: MtprotoService;
  } = {};

  // What every service gets: the process's connections, and a logger of its own.
  const infrastructure = { db, secretBox, bus, naming, redis, queuePrefix };
  const logFor = (component: string) => log.child({ component });
  /** Account logins (HTTP API, setup bot) run over MTProto: only with TELEGRAM_API_ID/HASH set. */
  const accountLoginOption = async () => {
    const credentials = config.mtproto;
    if (!credentials) return {};
    const { createMtcuteLoginClient } = await import("@topicdesk/mtproto-login");
    return {
      accountLogin: {
        createClient: (storage: Parameters<typeof createMtcuteLoginClient>[0]["storage"]) =>
          createMtcuteLoginClient({ ...credentials, storage }),
      },
    };
  };

  const starters: Record<ServiceName, () => Promise<void>> = {
    ingress: async () => {
      const { startIngressService } = await import("@topicdesk/ingress-bot");
      running.ingress = await startIngressService({
        ...infrastructure,
        partitions: config.partitions,
        telegramApiRoot: config.telegramApiRoot,
        mode: config.updates.mode,
        ...(config.updates.publicUrl ? { publicUrl: config.updates.publicUrl } : {}),
        host: config.http.host,
        port: config.http.port,
        log: logFor("ingress-bot"),
      });
    },
    router: async () => {
      const { startRouterService } = await import("@topicdesk/router");
      running.router = await startRouterService({
        ...infrastructure,
        queues,
        telegramApiRoot: config.telegramApiRoot,
        partitions: config.partitions,
        pseudonymKey: config.secretKey,
        log: logFor("router"),
        ...(options.now ? { now: options.now } : {}),
        ...(options.autoCloseIntervalMs === undefined
          ? {}
          : { autoCloseIntervalMs: options.autoCloseIntervalMs }),
      });
    },
    delivery: async () => {
      const { startDeliveryService } = await import("@topicdesk/delivery");
      running.delivery = startDeliveryService({
        ...infrastructure,
        telegramApiRoot: config.telegramApiRoot,
        limits: config.limits,
        albumDebounceMs: config.albumDebounceMs,
        maxLanes: config.deliveryMaxLanes,
        log: logFor("delivery"),
        ...(options.laneIdleMs === undefined ? {} : { laneIdleMs: options.laneIdleMs }),
      });
    },
    webhooks: async () => {
      const { startWebhooksService } = await import("@topicdesk/webhooks");
      running.webhooks = await startWebhooksService({
        ...infrastructure,
        redisUrl: config.redisUrl,
        log: logFor("webhooks"),
        ...(options.webhookSettings ? { settings: options.webhookSettings } : {}),
      });
    },
    reports: async () => {
      const { startReportsService } = await import("@topicdesk/reports");
      running.reports = await startReportsService({
        ...infrastructure,
        queues,
        log: logFor("reports"),
        ...(options.now ? { now: options.now } : {}),
      });
    },
    broadcast: async () => {
      const { startBroadcastService } = await import("@topicdesk/broadcast");
      running.broadcast = await startBroadcastService({
        ...infrastructure,
        telegramApiRoot: config.telegramApiRoot,
        limits: config.limits,
        ratePerMinute: config.broadcastPerMinute,
        log: logFor("broadcast"),
      });
    },
    setup: () => startSetup(),
    mtproto: () => startMtproto(),
    api: async () => {
      const { startApiService } = await import("@topicdesk/api");
      running.api = await startApiService({
        ...(await accountLoginOption()),
        ...infrastructure,
        partitions: config.partitions,
        telegramApiRoot: config.telegramApiRoot,
        host: options.api?.host ?? config.http.host,
        port: options.api?.port ?? 0,
        log: logFor("api"),
        ...(options.api?.rateLimitPerMinute === undefined
          ? {}
          : { rateLimitPerMinute: options.api.rateLimitPerMinute }),
      });
    },
  };
  const startSetup = async () => {
    const setupBotToken = config.setupBotToken;
    if (!setupBotToken) {
      log.info("setup bot not started: TOPICDESK_SETUP_BOT_TOKEN is not set");
      return;
    }
    const setupLog = logFor("setup-bot");
    const { startSetupBot } = await import("@topicdesk/setup-bot");
    running.setup = await startSetupBot(setupBotToken, {
      db,
      secretBox,
      telegramApiRoot: config.telegramApiRoot,
      log: setupLog,
      // Ingress and delivery follow a connection change on the bus, in this process or any other.
      changes: natsConnectionChanges(bus.nc, { prefix: naming.prefix, log: setupLog }),
      // "Connect an account" logs in over MTProto.
      ...(await accountLoginOption()),
    });
  };
  const startMtproto = async () => {
    const settings = options.mtproto;
    const credentials = config.mtproto;
    if (!settings?.createClient && !credentials) {
      log.info("mtproto not started: TELEGRAM_API_ID and TELEGRAM_API_HASH are not set");
      return;
    }
    // Loaded only when it runs: the MTProto client library is the heaviest of the services.
    const { createMtcuteClient, startMtprotoService } = await import("@topicdesk/mtproto");
    const createClient: MtprotoClientFactory =
      settings?.createClient ??
      ((_session, storage) =>
        createMtcuteClient({ ...(credentials as NonNullable<typeof credentials>), storage }));
    running.mtproto = await startMtprotoService({
      ...infrastructure,
      partitions: config.partitions,
      log: logFor("mtproto"),
      createClient,
      // Files sent through a session: the session's owner reads the job's blob from Redis by key.
      loadBlob: (key) => loadBlob(redis, queuePrefix, key),
      ...(settings?.leaseTtlMs === undefined ? {} : { leaseTtlMs: settings.leaseTtlMs }),
      ...(settings?.scanIntervalMs === undefined ? {} : { scanIntervalMs: settings.scanIntervalMs }),
    });
  };
  const stopService = async (name: ServiceName): Promise<void> => {
    const service = running[name];
    delete running[name];
    await service?.stop();
  };
  // Downstream first, so nothing is produced before its consumer is there.
  for (const name of [
    "delivery",
    "webhooks",
    "reports",
    "broadcast",
    "api",
    "router",
    "ingress",
    "mtproto",
    "setup",
  ] as const) {
    if (options.services?.includes(name) ?? true) await starters[name]();
  }
  return {
    db,
    secretBox,
    bus,
    naming,
    readinessChecks: [postgresCheck(db), redisCheck(redis), natsCheck(bus.nc)],
    ingress: () => running.ingress,
    router: () => running.router,
    delivery: () => running.delivery,
    webhooks: () => running.webhooks,
    reports: () => running.reports,
    broadcast: () => running.broadcast,
    api: () => running.api,
    setup: () => running.setup,
    mtproto: () => running.mtproto,
    start: (name) => starters[name](),
    stopService,
    async stop() {
      for (const name of [
        "setup",
        "mtproto",
        "ingress",
        "api",
        "router",
        "broadcast",
        "reports",
        "webhooks",
        "delivery",
      ] as const)
        await stopService(name);
      await queues.close();
      redis.disconnect();
      await bus.close();
      if (ownsDb) await db.destroy();
    },
  };
}
