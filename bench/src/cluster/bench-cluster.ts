import { randomBytes } from "node:crypto";
import {
  createDatabase,
  createScratchDatabase,
  createSecretBox,
  type Database,
  migrateToLatest,
  type ScratchDatabase,
} from "@topicdesk/db";
import {
  freePort,
  type PrivateServer,
  type ServiceProcess,
  serviceProcess,
  startPrivateNats,
  startPrivateRedis,
} from "@topicdesk/local-cluster";
import { type SimLimits, startTelegramSim, type TelegramSim } from "@topicdesk/telegram-sim";
import type { Kysely } from "kysely";
import { createLogTally, type LogTally } from "../log-tally.ts";
import { type Desk, seedDesks } from "./desks.ts";
import { type ProcessUsage, processUsage } from "./process-usage.ts";
import { RedisProbe } from "./redis-probe.ts";

export interface BenchClusterOptions {
  desks: number;
  clientsPerDesk: number;
  /** Telegram's flood limits, enforced by the simulator and kept by our delivery; false = none. */
  telegramLimits: SimLimits | false;
  /** Router processes and delivery processes (as many of each). */
  replicas: number;
  updates: "polling" | "webhook";
  /** TOPICDESK_PARTITIONS; the configuration's default (8) when omitted. */
  partitions?: number;
}

export type ServiceRole = "ingress" | "router" | "delivery";

/**
 * A Topicdesk install as it runs in production, shrunk onto this machine: ingress, router and
 * delivery each in processes of their own (`replicas` of router and of delivery) on private NATS
 * and Redis servers and a fresh Postgres database; the simulator, in this process, is Telegram.
 */
export interface BenchCluster {
  sim: TelegramSim;
  desks: Desk[];
  db: Kysely<Database>;
  redis: RedisProbe;
  /** Warnings and errors logged by every service process. */
  logs: LogTally;
  processes(): Array<{ role: ServiceRole; label: string; usage: ProcessUsage | undefined }>;
  /** Seconds it took to build the simulated world, to seal and insert the connections, and to start the service processes. */
  seed: { simulatorSeconds: number; databaseSeconds: number };
  startSeconds: number;
  stop(): Promise<void>;
}

export async function startBenchCluster(options: BenchClusterOptions): Promise<BenchCluster> {
  const sim = await startTelegramSim({ limits: options.telegramLimits });
  const [nats, redis, scratch] = await Promise.all([
    startPrivateNats(),
    startPrivateRedis({ durable: false, maxClients: 20_000 }),
    createScratchDatabase(),
  ]);
  const db = createDatabase({ url: scratch.url });
  const processes: Array<{ role: ServiceRole; process: ServiceProcess }> = [];
  const stop = () => stopAll(sim, db, scratch, [nats, redis], processes);
  try {
    await migrateToLatest(db);
    const secretKey = `bench-secret-key-${randomBytes(8).toString("hex")}`;
    const { desks, ...seed } = await seedDesks(sim, db, createSecretBox(secretKey), {
      count: options.desks,
      clientsPerDesk: options.clientsPerDesk,
    });
    const ingressPort = await freePort();
    const env = serviceEnv(options, { sim, nats, redis, scratch, secretKey, ingressPort });
    const logs = createLogTally();
    const spawnRole = (role: ServiceRole, index: number) => {
      const label = `${role}-${index + 1}`;
      const port = role === "ingress" ? String(ingressPort) : "0";
      const child = serviceProcess({
        label,
        services: [role],
        env: { ...env, TOPICDESK_HTTP_PORT: port },
        onLine: (line) => {
          if (NOTEWORTHY_LEVELS.has(levelOf(line))) logs.write(line);
        },
      });
      processes.push({ role, process: child });
      return child;
    };
    const startStarted = performance.now();
    // Downstream first, as the all-in-one stack does: nothing is produced before its consumer runs.
    const replicas = Array.from({ length: options.replicas }, (_, index) => index);
    await Promise.all(replicas.map((index) => spawnRole("delivery", index).start()));
    await Promise.all(replicas.map((index) => spawnRole("router", index).start()));
    await spawnRole("ingress", 0).start();
    return {
      sim,
      desks,
      db,
      redis: new RedisProbe(redis.port),
      logs,
      processes: () =>
        processes.map(({ role, process }) => ({
          role,
          label: process.label,
          usage: processUsage(process.pid()),
        })),
      seed,
      startSeconds: (performance.now() - startStarted) / 1000,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

function serviceEnv(
  options: BenchClusterOptions,
  parts: {
    sim: TelegramSim;
    nats: PrivateServer;
    redis: PrivateServer;
    scratch: ScratchDatabase;
    secretKey: string;
    ingressPort: number;
  },
): Record<string, string> {
  const limits = options.telegramLimits;
  return {
    NODE_ENV: "production",
    TELEGRAM_API_ROOT: parts.sim.apiRoot,
    DATABASE_URL: parts.scratch.url,
    NATS_URL: parts.nats.url,
    REDIS_URL: parts.redis.url,
    TOPICDESK_SECRET_KEY: parts.secretKey,
    TOPICDESK_UPDATES: options.updates,
    TOPICDESK_PUBLIC_URL: `http://127.0.0.1:${parts.ingressPort}`,
    TOPICDESK_HTTP_HOST: "127.0.0.1",
    TOPICDESK_OPS_PORT: "0",
    ...(options.partitions === undefined ? {} : { TOPICDESK_PARTITIONS: String(options.partitions) }),
    // 0 switches our own pacing off, like the simulator's `limits: false`.
    TOPICDESK_LIMIT_GROUP_PER_MINUTE: String(limits === false ? 0 : limits.perGroupPerMinute),
    TOPICDESK_LIMIT_CHAT_PER_SECOND: String(limits === false ? 0 : limits.perPrivateChatPerSecond),
    TOPICDESK_LIMIT_BOT_PER_SECOND: String(limits === false ? 0 : limits.perBotPerSecond),
    // "topicdesk is running" is an info line; nothing on the hot path logs at info.
    LOG_LEVEL: "info",
  };
}

async function stopAll(
  sim: TelegramSim,
  db: Kysely<Database>,
  scratch: ScratchDatabase,
  servers: PrivateServer[],
  processes: Array<{ process: ServiceProcess }>,
): Promise<void> {
  // Ingress first, so nothing new enters while router and delivery wind down.
  for (const { process } of [...processes].reverse()) await process.stop();
  await Promise.all(servers.map((server) => server.stop()));
  await sim.close();
  await db.destroy();
  await scratch.drop();
}

const NOTEWORTHY_LEVELS = new Set(["warn", "error", "fatal"]);

/** pino writes `"level":"warn"`; anything else on the streams (a stack trace) counts as an error. */
function levelOf(line: string): string {
  const match = /"level":"(\w+)"/.exec(line);
  if (match?.[1]) return match[1];
  return line.trim() === "" ? "" : "error";
}
