import { randomBytes } from "node:crypto";
import { type Bus, type BusNaming, connectBus, ensureStreams, publishDomainEvent } from "@topicdesk/bus";
import { registerBotConnection } from "@topicdesk/connections";
import { type DeliveryJob, type DomainEvent, deliveryQueueName } from "@topicdesk/contracts";
import { type Broadcast, createSecretBox, createTestDatabase, type TestDatabase } from "@topicdesk/db";
import { connectRedis } from "@topicdesk/queue";
import { createSupportDesk, type SimUser, startTelegramSim, type TelegramSim } from "@topicdesk/telegram-sim";
import { createLogger } from "@topicdesk/telemetry";
import { Queue } from "bullmq";
import type { Redis } from "ioredis";
import { type BroadcastService, type BroadcastServiceOptions, startBroadcastService } from "../src/index.ts";

export const TOKEN = "515151:TEST-broadcast-token-0123456789abcdefghij";
export const CONNECTION = "main";

/** How the command was written: its reply, its topic, the document it was the caption of. */
export interface SendOptions {
  replyTo?: number | null;
  threadId?: number;
  documentFileId?: string;
}

export interface BroadcastWorld {
  sim: TelegramSim;
  database: TestDatabase;
  bus: Bus;
  naming: BusNaming;
  redis: Redis;
  queuePrefix: string;
  bot: SimUser;
  operator: SimUser;
  groupId: number;
  service: BroadcastService;
  /** Clients who wrote to the bot (so it may write back) and have a dialog row. */
  clients: SimUser[];
  /** An operator's message in General, the one broadcasts copy. */
  preparedMessageId: number;
  send(args: string, options?: SendOptions): Promise<string>;
  broadcast(id: number): Promise<Broadcast>;
  waitFor<T>(probe: () => T | Promise<T>, what: string, timeoutMs?: number): Promise<NonNullable<T>>;
  /** Bot messages a client received (the private chat minus what the client wrote). */
  received(client: SimUser): number;
  /** The text the service answered a command with (a job in delivery's lane of the group). */
  answerTo(commandId: string): Promise<string>;
  /** A delivery job the service queued into the group's lane, by id. */
  groupJob(jobId: string): Promise<DeliveryJob | undefined>;
  close(): Promise<void>;
}

/**
 * The broadcast service alone on real Postgres, NATS and Redis, against the simulator with
 * Telegram's limits on. Time is virtual: every wait advances the simulator's clock instead of
 * sleeping, so a thousand sends at Telegram's pace take seconds, and the simulator still refuses
 * (429) anything our budgets would let through too fast.
 */
export async function startBroadcastWorld(
  clientCount: number,
  options: Partial<BroadcastServiceOptions> = {},
): Promise<BroadcastWorld> {
  const sim = await startTelegramSim();
  const { bot, operator, groupId } = createSupportDesk(sim, {
    bot: { token: TOKEN, username: "news_bot", firstName: "News" },
    operator: { firstName: "Olivia" },
  });
  const database = await createTestDatabase();
  const secretBox = createSecretBox(`broadcast-test-key-${randomBytes(8).toString("hex")}`);
  await registerBotConnection(database.db, secretBox, {
    id: CONNECTION,
    token: TOKEN,
    backendChatId: groupId,
    telegramApiRoot: sim.apiRoot,
    adminUserId: operator.id,
  });
  const clients = await seedClients(sim, database, bot, groupId, clientCount);
  const bus = await connectBus({ url: "nats://127.0.0.1:4222", name: "broadcast-test" });
  const unique = randomBytes(4).toString("hex");
  const naming = await ensureStreams(bus, { prefix: `bc${unique}` });
  const redis = connectRedis("redis://127.0.0.1:6379");
  const queuePrefix = `bc-${unique}`;
  let offsetMs = 0;
  const service = await startBroadcastService({
    db: database.db,
    secretBox,
    bus,
    naming,
    redis,
    queuePrefix,
    telegramApiRoot: sim.apiRoot,
    limits: { groupPerMinute: 20, chatPerSecond: 1, botPerSecond: 30 },
    progressIntervalMs: 10_000,
    pollIntervalMs: 100,
    log: createLogger({ service: "broadcast-test", level: "silent" }),
    now: () => Date.now() + offsetMs,
    sleep: async (ms) => {
      offsetMs += ms;
      sim.advanceClock(ms);
    },
    ...options,
  });
  const prepared = sim.sendAsUser(operator.id, { chatId: groupId }, { text: "Spring sale: 20% off" });
  let commandCount = 0;
  const world: BroadcastWorld = {
    sim,
    database,
    bus,
    naming,
    redis,
    queuePrefix,
    bot,
    operator,
    groupId,
    service,
    clients,
    preparedMessageId: prepared.message_id,
    async send(args, sendOptions = {}) {
      commandCount += 1;
      const id = `cmd-${unique}-${commandCount}`;
      const replyTo = sendOptions.replyTo === undefined ? prepared.message_id : sendOptions.replyTo;
      const event: DomainEvent = {
        v: 1,
        id,
        kind: "command.invoked",
        connectionId: CONNECTION,
        at: Date.now(),
        command: {
          name: "send",
          args,
          callerId: operator.id,
          callerRole: "admin",
          backendChatId: groupId,
          messageId: 100_000 + commandCount,
          ...(replyTo === null ? {} : { replyToMessageId: replyTo }),
          ...(sendOptions.threadId === undefined ? {} : { threadId: sendOptions.threadId }),
          ...(sendOptions.documentFileId === undefined ? {} : { documentFileId: sendOptions.documentFileId }),
        },
      };
      await publishDomainEvent(bus, naming, event);
      return id;
    },
    broadcast: async (id) =>
      await database.db.selectFrom("broadcasts").selectAll().where("id", "=", id).executeTakeFirstOrThrow(),
    async waitFor(probe, what, timeoutMs = 30_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const value = await probe();
        if (value !== undefined && value !== null && value !== false)
          return value as NonNullable<typeof value>;
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    },
    received: (client) =>
      sim.messages(client.id, { botId: bot.id }).filter((message) => message.from?.id === bot.id).length,
    async groupJob(jobId) {
      const queue = new Queue(deliveryQueueName({ kind: "group", chatId: groupId }), {
        connection: redis,
        prefix: queuePrefix,
      });
      try {
        return (await queue.getJob(jobId))?.data as DeliveryJob | undefined;
      } finally {
        await queue.close();
      }
    },
    async answerTo(commandId) {
      const job = await world.waitFor(
        () => world.groupJob(`broadcast.${commandId}.answer`),
        `answer to ${commandId}`,
      );
      if (job.type !== "text.send") throw new Error(`expected a text answer, got ${job.type}`);
      return job.text;
    },
    async close() {
      await service.stop();
      await bus.jsm.streams.delete(naming.eventsStream).catch(() => undefined);
      await bus.jsm.streams.delete(naming.inboundStream).catch(() => undefined);
      await bus.close();
      const keys = await redis.keys(`${queuePrefix}:*`);
      if (keys.length > 0) await redis.del(...keys);
      redis.disconnect();
      await sim.close();
      await database.drop();
    },
  };
  return world;
}

async function seedClients(
  sim: TelegramSim,
  database: TestDatabase,
  bot: SimUser,
  groupId: number,
  count: number,
): Promise<SimUser[]> {
  const clients = Array.from({ length: count }, (_, index) =>
    sim.createUser({ firstName: `Client${index}` }),
  );
  for (const client of clients) sim.sendAsUser(client.id, { botId: bot.id }, { text: "hello" });
  const rows = clients.map((client, index) => ({
    connection_id: CONNECTION,
    client_chat_id: client.id,
    chat_type: "private" as const,
    backend_chat_id: groupId,
    status: "user_answered" as const,
    first_name: client.first_name,
    // Every tenth client is labelled "vip"; half wrote within the last week.
    labels: index % 10 === 0 ? ["vip"] : [],
    last_client_message_at: new Date(Date.now() - (index % 2 === 0 ? 1 : 30) * 86_400_000),
  }));
  for (let start = 0; start < rows.length; start += 500) {
    await database.db
      .insertInto("dialogs")
      .values(rows.slice(start, start + 500))
      .execute();
  }
  return clients;
}
