import { randomBytes } from "node:crypto";
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { type Bus, type BusNaming, connectBus, ensureStreams, publishDomainEvent } from "@topicdesk/bus";
import { type DeliveryJob, type DomainEvent, deliveryQueueName } from "@topicdesk/contracts";
import {
  ConnectionRepository,
  createSecretBox,
  createTestDatabase,
  DialogRepository,
  type TestDatabase,
} from "@topicdesk/db";
import { connectRedis } from "@topicdesk/queue";
import { createLogger } from "@topicdesk/telemetry";
import { Queue } from "bullmq";
import type { Redis } from "ioredis";
import { startWebhooksService, type WebhookSettings, type WebhooksService } from "../src/index.ts";

export const BACKEND_CHAT_ID = -1001234567890;
export const BOT_USER_ID = 4242;
export const CONNECTION_ID = "main";

/** What a receiver saw of one POST. */
export interface ReceivedRequest {
  path: string;
  headers: IncomingHttpHeaders;
  rawBody: string;
  body: { event_type: string; event_id: string; data: Record<string, unknown>; api_key: string } & Record<
    string,
    unknown
  >;
}

export type Responder = (request: ReceivedRequest) => { status: number; json?: unknown };

/** A real local HTTP server standing in for a team's webhook receiver; its answers are scripted per path. */
export interface Receiver {
  url(path: string): string;
  requests(path?: string): ReceivedRequest[];
  respond(path: string, responder: Responder): void;
  close(): Promise<void>;
}

export async function startReceiver(): Promise<Receiver> {
  const received: ReceivedRequest[] = [];
  const responders = new Map<string, Responder>();
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const rawBody = Buffer.concat(chunks).toString("utf8");
      const path = request.url ?? "/";
      const entry: ReceivedRequest = { path, headers: request.headers, rawBody, body: JSON.parse(rawBody) };
      received.push(entry);
      const answer = (responders.get(path) ?? (() => ({ status: 200, json: { status: "ok" } })))(entry);
      response.writeHead(answer.status, { "content-type": "application/json" });
      response.end(answer.json === undefined ? "" : JSON.stringify(answer.json));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (path) => `http://127.0.0.1:${port}${path}`,
    requests: (path) => received.filter((request) => path === undefined || request.path === path),
    respond: (path, responder) => responders.set(path, responder),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export interface WebhookWorld {
  database: TestDatabase;
  bus: Bus;
  naming: BusNaming;
  redis: Redis;
  queuePrefix: string;
  service: WebhooksService;
  receiver: Receiver;
  secretBox: ReturnType<typeof createSecretBox>;
  /** A private-chat dialog of client 5551 with topic 77. */
  dialogId: number;
  publish(event: Omit<DomainEvent, "v" | "connectionId" | "at"> & Partial<DomainEvent>): Promise<DomainEvent>;
  /** Jobs queued for delivery into the backend group (answers and notices). */
  groupJobs(): Promise<DeliveryJob[]>;
  stop(): Promise<void>;
}

/** Quick retries so a test sees retry, dead letter and pause within a second or two. */
export const fastSettings: Partial<WebhookSettings> = {
  attempts: 3,
  backoffMs: 20,
  pauseAfterFailures: 3,
  requestTimeoutMs: 2_000,
  topicWaitMs: 5_000,
  topicPollMs: 50,
  replayPollMs: 100,
};

/** The webhooks service on real Postgres, NATS and Redis, each under names of its own. */
export async function startWebhookWorld(
  settings: Partial<WebhookSettings> = fastSettings,
): Promise<WebhookWorld> {
  const unique = randomBytes(4).toString("hex");
  const database = await createTestDatabase();
  const secretBox = createSecretBox(`webhook-test-key-${unique}`);
  await new ConnectionRepository(database.db).create(
    {
      id: CONNECTION_ID,
      kind: "bot",
      title: "Support",
      bot_user_id: BOT_USER_ID,
      backend_chat_id: BACKEND_CHAT_ID,
      token: "4242:TEST",
    },
    secretBox,
  );
  const dialog = await new DialogRepository(database.db).create({
    connection_id: CONNECTION_ID,
    client_chat_id: 5551,
    chat_type: "private",
    backend_chat_id: BACKEND_CHAT_ID,
    topic_id: 77,
    topic_name: "🟪 Jane Doe · 5551",
    status: "user_answered",
    first_name: "Jane",
    last_name: "Doe",
    username: "jane_doe",
    language_code: "en",
    phone: null,
    title: null,
    start_param: null,
  });
  const bus = await connectBus({ url: "nats://127.0.0.1:4222", name: `webhooks-test-${unique}` });
  const naming = await ensureStreams(bus, {
    prefix: `wh${unique}`,
    inboundMaxAgeSeconds: 600,
    eventsMaxAgeSeconds: 600,
  });
  const redis = connectRedis("redis://127.0.0.1:6379");
  const queuePrefix = `whtest-${unique}`;
  const receiver = await startReceiver();
  const service = await startWebhooksService({
    db: database.db,
    secretBox,
    bus,
    naming,
    redis,
    redisUrl: "redis://127.0.0.1:6379",
    queuePrefix,
    log: createLogger({ service: "webhooks-test", level: process.env.E2E_LOG ? "debug" : "silent" }),
    settings,
  });
  let sequence = 0;
  const groupQueue = new Queue(deliveryQueueName({ kind: "group", chatId: BACKEND_CHAT_ID }), {
    connection: redis,
    prefix: queuePrefix,
  });
  return {
    database,
    bus,
    naming,
    redis,
    queuePrefix,
    service,
    receiver,
    secretBox,
    dialogId: dialog.id,
    async publish(partial) {
      sequence += 1;
      const event: DomainEvent = { v: 1, connectionId: CONNECTION_ID, at: Date.now(), ...partial };
      event.id = `${partial.id}-${unique}-${sequence}`;
      await publishDomainEvent(bus, naming, event);
      return event;
    },
    async groupJobs() {
      const jobs = await groupQueue.getJobs(["waiting", "delayed", "active", "completed", "failed"]);
      return jobs.map((job) => job.data as DeliveryJob);
    },
    async stop() {
      await service.stop();
      await groupQueue.close();
      await receiver.close();
      redis.disconnect();
      await bus.jsm.streams.delete(naming.inboundStream);
      await bus.jsm.streams.delete(naming.eventsStream);
      await bus.close();
      await database.drop();
    },
  };
}

/** Polls until `probe` gives a value (not undefined, null or false). */
export async function waitFor<T>(
  what: string,
  probe: () => T | Promise<T>,
  timeoutMs = 15_000,
): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== null && value !== false) return value as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
