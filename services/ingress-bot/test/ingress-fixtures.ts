import { randomBytes } from "node:crypto";
import { type Bus, type BusNaming, connectBus, ensureStreams } from "@topicdesk/bus";
import {
  ConnectionRepository,
  createDatabase,
  createSecretBox,
  type Database,
  type NewConnection,
  type TestDatabase,
} from "@topicdesk/db";
import Fastify, { type FastifyInstance } from "fastify";
import type { Kysely } from "kysely";
import { createConnectionSecrets } from "../src/webhook/connection-secrets.ts";
import { registerWebhookRoutes } from "../src/webhook/webhook-routes.ts";

export const NATS_URL = "nats://127.0.0.1:4222";
export const PARTITIONS = 4;
export const secretBox = createSecretBox("ingress test key material");

/** A NATS connection with streams of its own, under a prefix no other test file or run uses. */
export interface TestBus {
  bus: Bus;
  naming: BusNaming;
  /** How many events the inbound stream holds. */
  storedEvents(): Promise<number>;
  /** Deletes the streams and closes the connection. */
  cleanup(): Promise<void>;
}

export async function createTestBus(name: string): Promise<TestBus> {
  const bus = await connectBus({ url: NATS_URL, name });
  const prefix = `ing${randomBytes(5).toString("hex")}`;
  const naming = await ensureStreams(bus, { prefix, inboundMaxAgeSeconds: 600, eventsMaxAgeSeconds: 600 });
  return {
    bus,
    naming,
    storedEvents: async () => (await bus.jsm.streams.info(naming.inboundStream)).state.messages,
    cleanup: async () => {
      await bus.jsm.streams.delete(naming.inboundStream);
      await bus.jsm.streams.delete(naming.eventsStream);
      await bus.close();
    },
  };
}

/** A second connection to the same streams, which a test may close to make publishing fail. */
export async function connectSecondBus(name: string): Promise<Bus> {
  return await connectBus({ url: NATS_URL, name });
}

let sequence = 0;

/** A bot connection row with a webhook secret; `overrides` pause it, drop its secret … */
export async function createBotConnection(
  testDb: TestDatabase,
  overrides: Partial<NewConnection> = {},
): Promise<{ id: string; secret: string }> {
  sequence += 1;
  const id = `ingress-${sequence}-${randomBytes(3).toString("hex")}`;
  const secret = `Wh-${randomBytes(16).toString("hex")}_${sequence}`;
  await new ConnectionRepository(testDb.db).create(
    {
      id,
      kind: "bot",
      title: `Support bot ${sequence}`,
      bot_user_id: 7_000_000_000 + sequence,
      bot_username: `support_${sequence}_bot`,
      token: `${7_000_000_000 + sequence}:AAH-token-${sequence}`,
      webhook_secret: secret,
      backend_chat_id: -1_001_234_567_890,
      ...overrides,
    },
    secretBox,
  );
  return { id, secret };
}

/** The webhook routes alone on a fastify instance, as ingress-service mounts them. */
export async function webhookApp(
  db: Kysely<Database>,
  bus: Bus,
  naming: BusNaming,
): Promise<FastifyInstance> {
  const app = Fastify({ logger: false });
  await registerWebhookRoutes(app, {
    bus,
    naming,
    partitions: PARTITIONS,
    webhookConnection: createConnectionSecrets(db, secretBox),
  });
  await app.ready();
  return app;
}

/** A database nobody listens on: every query fails as when Postgres is down. */
export function unreachableDatabase(): Kysely<Database> {
  return createDatabase({ url: "postgres://postgres@127.0.0.1:1/test", maxConnections: 1 });
}

export const SECRET_HEADER = "x-telegram-bot-api-secret-token";
