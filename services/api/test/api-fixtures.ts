import { randomBytes } from "node:crypto";
import { type Bus, type BusNaming, connectBus, ensureStreams } from "@topicdesk/bus";
import { registerBotConnection } from "@topicdesk/connections";
import {
  ApiKeyRepository,
  type ApiScope,
  createSecretBox,
  createTestDatabase,
  type TestDatabase,
} from "@topicdesk/db";
import { connectRedis, createDeliveryQueues, type DeliveryQueues } from "@topicdesk/queue";
import { createSupportDesk, startTelegramSim, type TelegramSim } from "@topicdesk/telegram-sim";
import { createLogger, type Logger } from "@topicdesk/telemetry";
import type { Redis } from "ioredis";
import { buildApiApp } from "../src/app/build-api-app.ts";
import type { AccountLoginClients, ApiApp } from "../src/app/route-context.ts";

export const TOKEN_A = "515151:TEST-api-bot-a-0123456789abcdefghijkl";
/** Small, so a test can go over it. */
export const UPLOAD_MAX_BYTES = 64 * 1024;
export const TOKEN_B = "525252:TEST-api-bot-b-0123456789abcdefghijkl";

export interface ApiWorld {
  app: ApiApp;
  sim: TelegramSim;
  database: TestDatabase;
  bus: Bus;
  naming: BusNaming;
  redis: Redis;
  queues: DeliveryQueues;
  queuePrefix: string;
  groupA: number;
  operatorA: number;
  /** Issues a key and returns its secret. */
  key(connectionId: string | null, ...scopes: ApiScope[]): Promise<string>;
  stop(): Promise<void>;
}

/**
 * The API app on the real Postgres, NATS and Redis (each isolated for this file), with Telegram
 * played by the simulator: connections `alpha` and `beta`, each with a bot and a forum group.
 * No delivery runs here: posted jobs stay queued, which the route tests rely on.
 */
export async function startApiWorld(
  options: { rateLimitPerMinute?: number; accountLogin?: AccountLoginClients; log?: Logger } = {},
): Promise<ApiWorld> {
  const sim = await startTelegramSim({ limits: false });
  const deskA = createSupportDesk(sim, {
    bot: { token: TOKEN_A, username: "alpha_bot" },
    operator: { firstName: "Ann" },
  });
  const deskB = createSupportDesk(sim, {
    bot: { token: TOKEN_B, username: "beta_bot" },
    operator: { firstName: "Ben" },
  });
  const database = await createTestDatabase();
  const secretBox = createSecretBox(`api-test-secret-${randomBytes(8).toString("hex")}`);
  for (const [id, token, desk] of [
    ["alpha", TOKEN_A, deskA],
    ["beta", TOKEN_B, deskB],
  ] as const) {
    await registerBotConnection(database.db, secretBox, {
      id,
      token,
      backendChatId: desk.groupId,
      telegramApiRoot: sim.apiRoot,
      adminUserId: desk.operator.id,
    });
  }
  const unique = randomBytes(4).toString("hex");
  const bus = await connectBus({ url: "nats://127.0.0.1:4222", name: "api-test" });
  const naming = await ensureStreams(bus, {
    prefix: `api${unique}`,
    inboundMaxAgeSeconds: 600,
    eventsMaxAgeSeconds: 600,
  });
  const redis = connectRedis("redis://127.0.0.1:6379");
  const queuePrefix = `api-${unique}`;
  const queues = createDeliveryQueues({ redis, prefix: queuePrefix });
  const app = await buildApiApp({
    db: database.db,
    secretBox,
    bus,
    naming,
    queues,
    redis,
    queuePrefix,
    partitions: 2,
    telegramApiRoot: sim.apiRoot,
    log: options.log ?? createLogger({ service: "api-test", level: "silent" }),
    accountLogin: options.accountLogin,
    rateLimitPerMinute: options.rateLimitPerMinute ?? 0,
    rateLimitNamespace: `api-test-${unique}-`,
    postWaitMs: 300,
    actionWaitMs: 300,
    uploadMaxBytes: UPLOAD_MAX_BYTES,
  });
  const keys = new ApiKeyRepository(database.db);
  return {
    app,
    sim,
    database,
    bus,
    naming,
    redis,
    queues,
    queuePrefix,
    groupA: deskA.groupId,
    operatorA: deskA.operator.id,
    key: async (connectionId, ...scopes) => (await keys.issue({ connectionId, label: "test", scopes })).key,
    async stop() {
      await app.close();
      await queues.close();
      redis.disconnect();
      await bus.jsm.streams.delete(naming.inboundStream);
      await bus.jsm.streams.delete(naming.eventsStream);
      await bus.close();
      await sim.close();
      await database.drop();
    },
  };
}

export function bearer(key: string): { authorization: string } {
  return { authorization: `Bearer ${key}` };
}
