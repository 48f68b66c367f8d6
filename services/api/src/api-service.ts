import type { Bus, BusNaming } from "@topicdesk/bus";
import type { Database, SecretBox } from "@topicdesk/db";
import { createDeliveryQueues, MAX_BLOB_BYTES } from "@topicdesk/queue";
import type { Logger } from "@topicdesk/telemetry";
import type { Redis } from "ioredis";
import type { Kysely } from "kysely";
import { buildApiApp } from "./app/build-api-app.ts";
import type { AccountLoginClients, ApiApp } from "./app/route-context.ts";
import { startOutcomeRecorder } from "./posting/outcome-recorder.ts";

export interface ApiServiceOptions {
  db: Kysely<Database>;
  secretBox: SecretBox;
  bus: Bus;
  naming: BusNaming;
  redis: Redis;
  queuePrefix: string;
  partitions: number;
  telegramApiRoot: string;
  host: string;
  port: number;
  log: Logger;
  /** Requests per key and minute; default 120, 0 turns the limit off. */
  rateLimitPerMinute?: number;
  /** Default `td-api-rate-`; tests use their own. */
  rateLimitNamespace?: string;
  /** Default 10 s. */
  postWaitMs?: number;
  /** Default 5 s. */
  actionWaitMs?: number;
  /** Largest upload; default and maximum 50 MB (what Telegram takes from a bot). */
  uploadMaxBytes?: number;
  /** Durable consumer names of the outcome recorder start with this (default `api`). */
  durablePrefix?: string;
  /** MTProto login clients (TELEGRAM_API_ID/HASH): without them account logins answer 503. */
  accountLogin?: AccountLoginClients;
}

export interface ApiService {
  app: ApiApp;
  url: string;
  stop(): Promise<void>;
}

/** The HTTP API for integrators and administrators, and the recorder of post outcomes. */
export async function startApiService(options: ApiServiceOptions): Promise<ApiService> {
  const queues = createDeliveryQueues({ redis: options.redis, prefix: options.queuePrefix });
  const recorder = await startOutcomeRecorder({
    db: options.db,
    bus: options.bus,
    naming: options.naming,
    log: options.log,
    ...(options.durablePrefix === undefined ? {} : { durablePrefix: options.durablePrefix }),
  });
  const app = await buildApiApp({
    db: options.db,
    secretBox: options.secretBox,
    bus: options.bus,
    naming: options.naming,
    queues,
    redis: options.redis,
    queuePrefix: options.queuePrefix,
    partitions: options.partitions,
    telegramApiRoot: options.telegramApiRoot,
    log: options.log,
    rateLimitPerMinute: options.rateLimitPerMinute ?? 120,
    rateLimitNamespace: options.rateLimitNamespace ?? "td-api-rate-",
    postWaitMs: options.postWaitMs ?? 10_000,
    actionWaitMs: options.actionWaitMs ?? 5_000,
    uploadMaxBytes: Math.min(options.uploadMaxBytes ?? MAX_BLOB_BYTES, MAX_BLOB_BYTES),
    accountLogin: options.accountLogin,
  });
  const url = await app.listen({ host: options.host, port: options.port });
  return {
    app,
    url,
    async stop() {
      await app.close();
      await recorder.stop();
      await queues.close();
    },
  };
}
