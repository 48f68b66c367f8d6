import { randomBytes } from "node:crypto";
import type { Message } from "@grammyjs/types";
import { createDatabase } from "@topicdesk/db";
import {
  type PrivateServer,
  type ServiceProcess,
  serviceProcess,
  startPrivateNats,
  startPrivatePostgres,
  startPrivateRedis,
} from "@topicdesk/local-cluster";
import { createSupportDesk, type SimUser, startTelegramSim, type TelegramSim } from "@topicdesk/telegram-sim";

/** Starting a world (initdb, three service processes) on a loaded 2-core CI machine. */
export const WORLD_START_MS = 120_000;
/** A stream with a fault in the middle, and the time to settle afterwards. */
export const STREAM_TEST_MS = 180_000;

const BOT_TOKEN = "515151:FAULT-test-bot-token-0123456789abcdefgh";

/**
 * A whole Topicdesk install for fault tests: private NATS, Redis and Postgres servers, ingress,
 * router and delivery each in a process of its own, and the simulator as Telegram. Anything in it
 * can be killed and restarted.
 */
export interface FaultWorld {
  sim: TelegramSim;
  nats: PrivateServer;
  redis: PrivateServer;
  postgres: PrivateServer;
  ingress: ServiceProcess;
  router: ServiceProcess;
  delivery: ServiceProcess;
  clients: SimUser[];
  /** Spawns another process with the same configuration (a second replica, a replacement). */
  spawn(services: string[]): ServiceProcess;
  /**
   * Sends `perClient` numbered texts from every client, interleaved, `intervalMs` apart; each step
   * runs (and is awaited) after the given fraction of the stream has been sent, so a fault can
   * start at one third and end at two thirds while clients keep writing.
   */
  stream(perClient: number, intervalMs: number, steps?: StreamStep[]): Promise<string[]>;
  /** Waits until every sent text is in its client's topic, then reports what each topic holds. */
  settle(sent: string[], timeoutMs?: number): Promise<StreamOutcome>;
  stop(): Promise<void>;
}

export interface StreamStep {
  after: number;
  run: () => Promise<void>;
}

export interface StreamOutcome {
  lost: string[];
  duplicated: string[];
  /** Clients whose topic shows their texts out of the order they were sent. */
  outOfOrder: number[];
}

/** E2E_LOG=1 prints what the service processes log. */
const echoWhenAsked = (line: string) => {
  if (process.env.E2E_LOG) process.stderr.write(`${line}\n`);
};

/**
 * A fault world for the enclosing `describe`: started before its tests, stopped after them. Returns
 * an accessor, since the world exists only once `beforeAll` has run.
 */
export function useFaultWorld(
  options: { clients?: number; env?: Record<string, string> } = {},
): () => FaultWorld {
  let world: FaultWorld | undefined;
  beforeAll(async () => {
    world = await startFaultWorld(options);
  }, WORLD_START_MS);
  afterAll(async () => world?.stop());
  return () => {
    if (!world) throw new Error("the fault world has not started");
    return world;
  };
}

export async function startFaultWorld(options: { clients?: number; env?: Record<string, string> } = {}) {
  const sim = await startTelegramSim({ limits: false });
  const { bot, groupId } = createSupportDesk(sim, {
    bot: { token: BOT_TOKEN, username: "fault_support_bot", firstName: "Support" },
    operator: { firstName: "Olivia", username: "olivia" },
  });
  const clients = Array.from({ length: options.clients ?? 3 }, (_, index) =>
    sim.createUser({ firstName: `Client${index + 1}`, username: `client_${index + 1}` }),
  );
  const [nats, redis, postgres] = await Promise.all([
    startPrivateNats(),
    startPrivateRedis({ durable: true }),
    startPrivatePostgres(),
  ]);
  const env: Record<string, string> = {
    NODE_ENV: "test",
    TELEGRAM_API_ROOT: sim.apiRoot,
    TOPICDESK_BOT_TOKEN: BOT_TOKEN,
    TOPICDESK_BACKEND_CHAT_ID: String(groupId),
    TOPICDESK_CONNECTION_ID: "faults",
    TOPICDESK_UPDATES: "polling",
    TOPICDESK_HTTP_HOST: "127.0.0.1",
    TOPICDESK_HTTP_PORT: "0",
    TOPICDESK_OPS_PORT: "0",
    DATABASE_URL: postgres.url,
    NATS_URL: nats.url,
    REDIS_URL: redis.url,
    TOPICDESK_SECRET_KEY: `fault-secret-key-${randomBytes(6).toString("hex")}-0123456789`,
    TOPICDESK_PARTITIONS: "4",
    TOPICDESK_LIMIT_GROUP_PER_MINUTE: "0",
    TOPICDESK_LIMIT_CHAT_PER_SECOND: "0",
    TOPICDESK_LIMIT_BOT_PER_SECOND: "0",
    LOG_LEVEL: "info",
    ...options.env,
  };
  const spawnWith = (services: string[]) => serviceProcess({ services, env, onLine: echoWhenAsked });
  // Ingress first: it registers the connection (and runs the migrations) before the others read it.
  const ingress = spawnWith(["ingress"]);
  await ingress.start();
  const router = spawnWith(["router"]);
  const delivery = spawnWith(["delivery"]);
  await Promise.all([router.start(), delivery.start()]);

  const textsIn = (clientId: number): string[] => {
    const topic = sim
      .messages(groupId)
      .find((message) => message.forum_topic_created?.name.includes(`Client${clientIndex(clientId) + 1}`));
    if (!topic?.message_thread_id) return [];
    return sim
      .messages(groupId, { threadId: topic.message_thread_id })
      .map((message: Message) => message.text ?? "")
      .filter((text) => text.startsWith("m-"));
  };
  const clientIndex = (clientId: number) => clients.findIndex((client) => client.id === clientId);

  const world: FaultWorld = {
    sim,
    nats,
    redis,
    postgres,
    ingress,
    router,
    delivery,
    clients,
    spawn: spawnWith,
    async stream(perClient, intervalMs, steps = []) {
      const sent: string[] = [];
      const total = perClient * clients.length;
      const pending = [...steps].sort((a, b) => a.after - b.after);
      for (let index = 0; index < perClient; index += 1) {
        for (const [number, client] of clients.entries()) {
          const text = `m-${number}-${String(index).padStart(4, "0")}`;
          sim.sendAsUser(client.id, { botId: bot.id }, { text });
          sent.push(text);
          while (pending[0] && sent.length >= Math.floor(total * pending[0].after))
            await pending.shift()?.run();
          await new Promise((resolve) => setTimeout(resolve, intervalMs));
        }
      }
      return sent;
    },
    async settle(sent, timeoutMs = 120_000) {
      const deadline = Date.now() + timeoutMs;
      const expected = clients.map((_, number) => sent.filter((text) => text.startsWith(`m-${number}-`)));
      const outcome = () => {
        const lost: string[] = [];
        const duplicated: string[] = [];
        const outOfOrder: number[] = [];
        for (const [number, client] of clients.entries()) {
          const seen = textsIn(client.id);
          const distinct = [...new Set(seen)];
          lost.push(...(expected[number] ?? []).filter((text) => !seen.includes(text)));
          duplicated.push(...seen.filter((text, index) => seen.indexOf(text) !== index));
          if (distinct.join() !== [...distinct].sort().join()) outOfOrder.push(number);
        }
        return { lost, duplicated, outOfOrder };
      };
      for (;;) {
        const current = outcome();
        if (current.lost.length === 0 || Date.now() > deadline) return current;
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    },
    async stop() {
      await Promise.all([ingress.kill("SIGTERM"), router.kill("SIGTERM"), delivery.kill("SIGTERM")]);
      await Promise.all([nats.stop("SIGKILL"), redis.stop("SIGKILL"), postgres.stop("SIGKILL")]);
      await sim.close();
    },
  };
  await waitForConnection(postgres.url);
  return world;
}

/** The connection row exists once ingress registered it; the other services read it from there. */
async function waitForConnection(url: string): Promise<void> {
  const db = createDatabase({ url });
  try {
    const deadline = Date.now() + 30_000;
    for (;;) {
      const row = await db
        .selectFrom("connections")
        .select("id")
        .where("id", "=", "faults")
        .executeTakeFirst();
      if (row) return;
      if (Date.now() > deadline) throw new Error("the connection was never registered");
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  } finally {
    await db.destroy();
  }
}
