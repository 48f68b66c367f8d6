import { randomBytes } from "node:crypto";
import { type Stack, startStack } from "@topicdesk/all-in-one";
import { type Config, loadConfig } from "@topicdesk/config";
import { registerBotConnection } from "@topicdesk/connections";
import { createDatabase, createSecretBox, DEFAULT_TEST_DATABASE_URL, migrateToLatest } from "@topicdesk/db";
import {
  createSupportDesk,
  type SimLimits,
  type SimUser,
  startTelegramSim,
  type TelegramSim,
} from "@topicdesk/telegram-sim";
import { createLogger } from "@topicdesk/telemetry";
import { createLogTally, type LogTally } from "./log-tally.ts";
import { createQueryTally, type QueryTally } from "./query-tally.ts";

const BOT_TOKEN = "515151:BENCH-bot-token-0123456789abcdefghijkl";

export interface BenchSystemOptions {
  /** Short label that goes into the schema, JetStream and BullMQ prefixes. */
  name: string;
  clients: number;
  /** Telegram's flood limits, enforced by the simulator and respected by our delivery; false = none. */
  telegramLimits: SimLimits | false;
  /** TOPICDESK_PARTITIONS; the configuration's default (8) when omitted. */
  partitions?: number;
}

/**
 * The whole system in this process, on the real Postgres, Redis and NATS: the simulator as
 * Telegram, one bot connected to one forum backend group, and `clients` people who write to it.
 */
export interface BenchSystem {
  sim: TelegramSim;
  bot: SimUser;
  groupId: number;
  clients: SimUser[];
  /** Warnings and errors the system logged (they are counted, not printed). */
  logs: LogTally;
  /** Statements the system ran against Postgres. */
  queries: QueryTally;
  stack(): Stack;
  /**
   * Stops the services and starts them again on a new BullMQ prefix (same database and
   * JetStream streams), so a scenario starts with empty queues and fresh rate-limit windows.
   */
  restartWithFreshQueues(): Promise<void>;
  stop(): Promise<void>;
}

export async function startBenchSystem(options: BenchSystemOptions): Promise<BenchSystem> {
  const sim = await startTelegramSim({ limits: options.telegramLimits });
  const { bot, operator, groupId } = createSupportDesk(sim, {
    bot: { token: BOT_TOKEN, username: "bench_support_bot", firstName: "Support" },
    operator: { firstName: "Olivia", username: "olivia" },
  });
  const clients = Array.from({ length: options.clients }, (_, index) =>
    sim.createUser({ firstName: "Client", lastName: String(index + 1), languageCode: "en" }),
  );
  const unique = `${options.name}${randomBytes(3).toString("hex")}`;
  const config = benchConfig(sim.apiRoot, groupId, unique, options);
  const queries = createQueryTally();
  const database = await createBenchDatabase(`bench_${unique}`, queries);
  await registerBotConnection(database.db, createSecretBox(config.secretKey), {
    id: config.connectionId,
    token: BOT_TOKEN,
    backendChatId: groupId,
    telegramApiRoot: sim.apiRoot,
    adminUserId: operator.id,
  });
  const logs = createLogTally();
  const log = createLogger({ service: "bench", level: "warn", destination: logs });
  let generation = 0;
  const start = () =>
    startStack({
      config,
      log,
      db: database.db,
      busPrefix: `bench${unique}`,
      queuePrefix: `bench-${unique}-${generation}`,
    });
  let stack = await start();
  return {
    sim,
    bot,
    groupId,
    clients,
    logs,
    queries,
    stack: () => stack,
    async restartWithFreshQueues() {
      await stack.stop();
      generation += 1;
      stack = await start();
    },
    async stop() {
      for (const service of ["ingress", "router", "delivery"] as const) await stack.stopService(service);
      await deleteStreams(stack);
      await stack.stop();
      await sim.close();
      await database.drop();
    },
  };
}

function benchConfig(apiRoot: string, groupId: number, unique: string, options: BenchSystemOptions): Config {
  const limits = options.telegramLimits;
  // 0 switches our own pacing off, like the simulator's `limits: false`.
  const off = { perGroupPerMinute: 0, perPrivateChatPerSecond: 0, perBotPerSecond: 0 };
  const ours = limits === false ? off : limits;
  return loadConfig({
    TELEGRAM_API_ROOT: apiRoot,
    TOPICDESK_BOT_TOKEN: BOT_TOKEN,
    TOPICDESK_BACKEND_CHAT_ID: String(groupId),
    TOPICDESK_UPDATES: "polling",
    TOPICDESK_HTTP_HOST: "127.0.0.1",
    TOPICDESK_HTTP_PORT: "0",
    TOPICDESK_SECRET_KEY: `bench-secret-key-${unique}-0123456789abcdef`,
    ...(options.partitions === undefined ? {} : { TOPICDESK_PARTITIONS: String(options.partitions) }),
    TOPICDESK_LIMIT_GROUP_PER_MINUTE: String(ours.perGroupPerMinute),
    TOPICDESK_LIMIT_CHAT_PER_SECOND: String(ours.perPrivateChatPerSecond),
    TOPICDESK_LIMIT_BOT_PER_SECOND: String(ours.perBotPerSecond),
    LOG_LEVEL: "warn",
  });
}

/**
 * A migrated schema of its own in the test database. Not `createTestDatabase`: its pool of 4
 * connections is sized for parallel test files, while a deployment gets pg's default of 10.
 */
async function createBenchDatabase(schema: string, queries: QueryTally) {
  const url = process.env.TEST_DATABASE_URL ?? DEFAULT_TEST_DATABASE_URL;
  const db = createDatabase({ url, schema, log: queries.log });
  await migrateToLatest(db);
  return {
    db,
    async drop() {
      try {
        await db.schema.dropSchema(schema).ifExists().cascade().execute();
      } finally {
        await db.destroy();
      }
    },
  };
}

async function deleteStreams(stack: Stack): Promise<void> {
  for (const stream of [stack.naming.inboundStream, stack.naming.eventsStream]) {
    await stack.bus.jsm.streams.delete(stream);
  }
}
