import type { Bus, BusNaming } from "@topicdesk/bus";
import { ConnectionRepository, type Database, type SecretBox, SecretDecryptionError } from "@topicdesk/db";
import { createBotApi } from "@topicdesk/telegram";
import type { Logger } from "@topicdesk/telemetry";
import Fastify, { type FastifyBaseLogger, type FastifyInstance, LogController } from "fastify";
import type { Kysely } from "kysely";
import { ALLOWED_UPDATES } from "./normalize/allowed-updates.ts";
import { startPolling } from "./polling/poll-updates.ts";
import { createConnectionSecrets } from "./webhook/connection-secrets.ts";
import { registerWebhookRoutes } from "./webhook/webhook-routes.ts";

export interface IngressOptions {
  db: Kysely<Database>;
  bus: Bus;
  naming: BusNaming;
  secretBox: SecretBox;
  partitions: number;
  telegramApiRoot: string;
  mode: "webhook" | "polling";
  /** Public base URL Telegram calls in webhook mode. */
  publicUrl?: string;
  host: string;
  port: number;
  log: Logger;
}

export interface IngressService {
  app: FastifyInstance;
  url: string;
  stop(): Promise<void>;
}

/** Receives Telegram updates (webhook or long polling) and publishes them as inbound events. */
export async function startIngressService(options: IngressOptions): Promise<IngressService> {
  const app = Fastify({
    loggerInstance: options.log as FastifyBaseLogger,
    // Telegram calls the webhook for every update: one log line per request would drown the rest.
    logController: new LogController({ disableRequestLogging: true }),
  });
  await registerWebhookRoutes(app, {
    bus: options.bus,
    naming: options.naming,
    partitions: options.partitions,
    webhookConnection: createConnectionSecrets(options.db, options.secretBox),
  });
  app.get("/healthz", async () => ({ ok: true }));
  app.get("/readyz", async (_request, reply) => {
    const ready = !options.bus.nc.isClosed();
    return reply.code(ready ? 200 : 503).send({ ok: ready });
  });
  const url = await app.listen({ host: options.host, port: options.port });
  const pollers = options.mode === "polling" ? await startPollers(options) : [];
  if (options.mode === "webhook") await registerWebhooks(options);
  return {
    app,
    url,
    async stop() {
      await Promise.all(pollers.map((poller) => poller.stop()));
      await app.close();
    },
  };
}

async function activeBotConnections(options: IngressOptions) {
  const repository = new ConnectionRepository(options.db);
  const connections = (await repository.list()).filter(
    (row) => row.kind === "bot" && row.status === "active",
  );
  return connections.flatMap((row) => {
    try {
      const token = repository.revealToken(row, options.secretBox);
      const secret = repository.revealWebhookSecret(row, options.secretBox);
      return token ? [{ id: row.id, token, secret }] : [];
    } catch (error) {
      // One connection sealed under another TOPICDESK_SECRET_KEY must not stop all the others.
      if (!(error instanceof SecretDecryptionError)) throw error;
      options.log.error(
        { connection: row.id },
        "connection skipped: its token cannot be decrypted with this TOPICDESK_SECRET_KEY",
      );
      return [];
    }
  });
}

async function startPollers(options: IngressOptions) {
  return (await activeBotConnections(options)).map((connection) =>
    startPolling({
      api: createBotApi(connection.token, { apiRoot: options.telegramApiRoot }),
      connectionId: connection.id,
      bus: options.bus,
      naming: options.naming,
      partitions: options.partitions,
      log: options.log,
    }),
  );
}

/** Points each bot's webhook at us, with its secret, so Telegram proves every call is its own. */
async function registerWebhooks(options: IngressOptions): Promise<void> {
  if (!options.publicUrl) throw new Error("webhook mode needs a public URL");
  for (const connection of await activeBotConnections(options)) {
    const api = createBotApi(connection.token, { apiRoot: options.telegramApiRoot });
    await api.setWebhook(`${options.publicUrl.replace(/\/$/, "")}/telegram/${connection.id}`, {
      allowed_updates: [...ALLOWED_UPDATES],
      ...(connection.secret ? { secret_token: connection.secret } : {}),
    });
  }
}
