import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { Bus, BusNaming } from "@topicdesk/bus";
import type { Database, SecretBox } from "@topicdesk/db";
import type { OpenSessionLoginOptions } from "@topicdesk/mtproto-login";
import type { DeliveryQueues } from "@topicdesk/queue";
import type { Logger } from "@topicdesk/telemetry";
import type {
  FastifyBaseLogger,
  FastifyInstance,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from "fastify";
import type { Redis } from "ioredis";
import type { Kysely } from "kysely";

/** What the routes work with; built once by the service. */
export interface ApiDeps {
  db: Kysely<Database>;
  secretBox: SecretBox;
  bus: Bus;
  naming: BusNaming;
  queues: DeliveryQueues;
  redis: Redis;
  /** BullMQ and blob-store prefix, the same delivery uses. */
  queuePrefix: string;
  partitions: number;
  telegramApiRoot: string;
  log: Logger;
  /** Requests per key per minute (0 = no limit). */
  rateLimitPerMinute: number;
  /** Redis key prefix of the rate-limit counters (tests make it unique). */
  rateLimitNamespace: string;
  /** How long a post waits for Telegram's answer before answering 202 with a status URL. */
  postWaitMs: number;
  /** How long a dialog action waits for the router before answering 202. */
  actionWaitMs: number;
  /** The largest file an upload may carry; a larger one is refused with 413. */
  uploadMaxBytes: number;
  /**
   * MTProto clients for account logins (`/v1/accounts/logins`), made over the session's sealed
   * storage; absent without TELEGRAM_API_ID / TELEGRAM_API_HASH (the routes then answer 503).
   */
  accountLogin?: AccountLoginClients | undefined;
}

export interface AccountLoginClients {
  createClient: OpenSessionLoginOptions["createClient"];
}

/** The fastify instance with TypeBox inferring request types from the route schemas. */
export type ApiApp = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  TypeBoxTypeProvider
>;

export type RoutePlugin = (app: ApiApp, deps: ApiDeps) => void;
