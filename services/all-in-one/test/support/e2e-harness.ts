import { randomBytes } from "node:crypto";
import type { Message } from "@grammyjs/types";
import { type Config, loadConfig } from "@topicdesk/config";
import {
  natsConnectionChanges,
  registerBotConnection,
  resetConnectionParameter,
  setConnectionParameter,
} from "@topicdesk/connections";
import { createSecretBox, createTestDatabase, ParameterRepository, type TestDatabase } from "@topicdesk/db";
import { freePort } from "@topicdesk/local-cluster";
import { findParameter } from "@topicdesk/params";
import {
  createSupportDesk,
  type SimMessageInput,
  type SimUser,
  startTelegramSim,
  type TelegramSim,
} from "@topicdesk/telegram-sim";
import { createLogger } from "@topicdesk/telemetry";
import { type Stack, type StackOptions, startStack } from "../../src/stack.ts";

export const BOT_TOKEN = "424242:TEST-e2e-bot-token-0123456789abcdefghij";

export interface Harness {
  sim: TelegramSim;
  stack: Stack;
  database: TestDatabase;
  config: Config;
  bot: SimUser;
  operator: SimUser;
  client: SimUser;
  groupId: number;
  clock: { now: Date };
  /** Every JSON log line the system wrote during the run. */
  logLines: string[];
  /** The run's JetStream and BullMQ prefixes, for starting more service processes beside the stack. */
  prefixes: { busPrefix: string; queuePrefix: string };
  clientSays(content: SimMessageInput): Message;
  operatorSays(threadId: number, content: SimMessageInput): Message;
  /** Sets a parameter as the CLI, API and setup bot do: checked, written, announced to the routers. */
  setParameter(name: string, value: string): Promise<void>;
  unsetParameter(name: string): Promise<void>;
  /** Removes every stored parameter (between tests), announced like any parameter write. */
  clearParameters(): Promise<void>;
  topicOf(clientId?: number): Promise<number>;
  topicMessages(threadId: number): Message[];
  clientChat(clientId?: number): Message[];
  waitFor<T>(probe: () => T | Promise<T>, what: string, timeoutMs?: number): Promise<NonNullable<T>>;
  stop(): Promise<void>;
}

export interface HarnessOptions {
  env?: Record<string, string>;
  /** How updates reach ingress; webhook mode makes the simulator push to our HTTP server. */
  updates?: "polling" | "webhook";
  simLimits?: false | { perGroupPerMinute: number; perPrivateChatPerSecond: number; perBotPerSecond: number };
  webhookSettings?: StackOptions["webhookSettings"];
  params?: Record<string, string>;
}

/**
 * The whole system on the real NATS, Redis and Postgres, with Telegram played by the simulator:
 * a bot, a forum backend group owned by an operator, and a client. Every run gets its own database
 * schema, JetStream subjects and BullMQ prefix.
 */
export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const sim = await startTelegramSim({ limits: options.simLimits ?? false });
  const { bot, operator, groupId } = createSupportDesk(sim, {
    bot: { token: BOT_TOKEN, username: "e2e_support_bot", firstName: "Support" },
    operator: { firstName: "Olivia", username: "olivia" },
  });
  const client = sim.createUser({
    firstName: "Jane",
    lastName: "Doe",
    username: "jane_doe",
    languageCode: "en",
  });
  const database = await createTestDatabase();
  const unique = randomBytes(4).toString("hex");
  const port = options.updates === "webhook" ? await freePort() : 0;
  const config = loadConfig({
    TELEGRAM_API_ROOT: sim.apiRoot,
    TOPICDESK_BOT_TOKEN: BOT_TOKEN,
    TOPICDESK_BACKEND_CHAT_ID: String(groupId),
    TOPICDESK_UPDATES: options.updates ?? "polling",
    ...(options.updates === "webhook" ? { TOPICDESK_PUBLIC_URL: `http://127.0.0.1:${port}` } : {}),
    TOPICDESK_HTTP_HOST: "127.0.0.1",
    TOPICDESK_HTTP_PORT: String(port),
    TOPICDESK_SECRET_KEY: `e2e-secret-key-${unique}-0123456789abcdef`,
    TOPICDESK_PARTITIONS: "4",
    TOPICDESK_LIMIT_GROUP_PER_MINUTE: "0",
    TOPICDESK_LIMIT_CHAT_PER_SECOND: "0",
    TOPICDESK_LIMIT_BOT_PER_SECOND: "0",
    TOPICDESK_ALBUM_DEBOUNCE_MS: "300",
    LOG_LEVEL: "debug",
    ...options.env,
  });
  await registerBotConnection(database.db, createSecretBox(config.secretKey), {
    id: config.connectionId,
    token: BOT_TOKEN,
    backendChatId: groupId,
    telegramApiRoot: sim.apiRoot,
    adminUserId: operator.id,
  });
  const parameters = new ParameterRepository(database.db);
  for (const [name, value] of Object.entries(options.params ?? {}))
    await parameters.set(config.connectionId, name, value);
  const clock = { now: new Date() };
  const logLines: string[] = [];
  const prefixes = { busPrefix: `e2e${unique}`, queuePrefix: `e2e-${unique}` };
  const stack = await startStack({
    config,
    // Every log line is kept so tests can check what the logs reveal; E2E_LOG=1 also prints them.
    log: createLogger({
      service: "e2e",
      level: "debug",
      destination: {
        write: (line: string) => {
          logLines.push(line);
          if (process.env.E2E_LOG) process.stderr.write(line);
        },
      },
    }),
    db: database.db,
    ...prefixes,
    now: () => clock.now,
    autoCloseIntervalMs: 0,
    laneIdleMs: 500,
    ...(options.webhookSettings ? { webhookSettings: options.webhookSettings } : {}),
  });
  // Parameter writes announce themselves like the CLI's, API's and setup bot's: routers cache them.
  const changes = natsConnectionChanges(stack.bus.nc, {
    prefix: stack.naming.prefix,
    log: createLogger({ service: "e2e-harness", level: "warn" }),
  });
  const parameterNamed = (name: string) => {
    const parameter = findParameter(name);
    if (!parameter) throw new Error(`no parameter ${name}`);
    return parameter;
  };
  const harness: Harness = {
    sim,
    stack,
    database,
    config,
    bot,
    operator,
    client,
    groupId,
    clock,
    logLines,
    prefixes,
    clientSays: (content) => sim.sendAsUser(client.id, { botId: bot.id }, content),
    operatorSays: (threadId, content) => sim.sendAsUser(operator.id, { chatId: groupId, threadId }, content),
    async setParameter(name, value) {
      const parameter = parameterNamed(name);
      const written = await setConnectionParameter(database.db, changes, {
        connectionId: config.connectionId,
        parameter,
        raw: value,
      });
      if (!written.ok) throw new Error(written.error);
    },
    async unsetParameter(name) {
      await resetConnectionParameter(database.db, changes, config.connectionId, parameterNamed(name));
    },
    async clearParameters() {
      await database.db.deleteFrom("parameters").execute();
      await changes.announce(config.connectionId, "parameters");
    },
    topicOf: (clientId = client.id) =>
      harness.waitFor(async () => {
        const row = await database.db
          .selectFrom("dialogs")
          .select("topic_id")
          .where("client_chat_id", "=", clientId)
          .executeTakeFirst();
        return row?.topic_id ?? undefined;
      }, `a topic for client ${clientId}`),
    topicMessages: (threadId) =>
      sim.messages(groupId, { threadId }).filter((message) => message.forum_topic_created === undefined),
    clientChat: (clientId = client.id) => sim.messages(clientId, { botId: bot.id }),
    async waitFor(probe, what, timeoutMs = 30_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const value = await probe();
        if (value !== undefined && value !== null && value !== false)
          return value as NonNullable<typeof value>;
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    async stop() {
      await stack.stop();
      await sim.close();
      await database.drop();
    },
  };
  return harness;
}

/** The visible body of a message: its text or caption. */
export function bodyOf(message: Message): string | undefined {
  return message.text ?? message.caption;
}
