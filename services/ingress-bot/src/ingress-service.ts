import type { Bus, BusNaming } from "@topicdesk/bus";
import { watchConnectionChanges } from "@topicdesk/connections";
import type { Database, SecretBox } from "@topicdesk/db";
import type { Logger } from "@topicdesk/telemetry";
import Fastify, { type FastifyBaseLogger, type FastifyInstance, LogController } from "fastify";
import type { Kysely } from "kysely";
import {
  type ConnectionReception,
  createConnectionReception,
} from "./connections-watch/connection-reception.ts";
import type { RelayRetryOptions } from "./relay/forward-update.ts";
import { startWebhookRelay, type WebhookRelay } from "./relay/webhook-relay.ts";
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
  /** How the webhook relay retries the other system (tests shorten it); see relay/forward-update.ts. */
  relayRetry?: RelayRetryOptions;
  /**
   * How often every connection is reloaded besides the change hints on the bus (default 60 s): it
   * catches a change whose hint was lost (NATS down when it was written).
   */
  connectionResyncIntervalMs?: number;
}

export interface IngressService {
  app: FastifyInstance;
  url: string;
  /** Which connections' updates are being received (polled, or their webhook set). */
  reception: Pick<ConnectionReception, "receiving">;
  stop(): Promise<void>;
}

/** Receives Telegram updates (webhook or long polling) and publishes them as inbound events. */
export async function startIngressService(options: IngressOptions): Promise<IngressService> {
  const app = Fastify({
    loggerInstance: options.log as FastifyBaseLogger,
    // Telegram calls the webhook for every update: one log line per request would drown the rest.
    logController: new LogController({ disableRequestLogging: true }),
  });
  const relay = await startRelay(options);
  const webhookConnection = createConnectionSecrets(options.db, options.secretBox);
  await registerWebhookRoutes(app, {
    bus: options.bus,
    naming: options.naming,
    partitions: options.partitions,
    webhookConnection,
    relay,
  });
  app.get("/healthz", async () => ({ ok: true }));
  app.get("/readyz", async (_request, reply) => {
    const ready = !options.bus.nc.isClosed();
    return reply.code(ready ? 200 : 503).send({ ok: ready });
  });
  const url = await app.listen({ host: options.host, port: options.port });
  const reception = createConnectionReception({
    ...options,
    relay,
    forgetWebhookConnection: (id) => webhookConnection.forget(id),
  });
  // Watching starts before the first load, so a connection added meanwhile is not missed.
  const watch = watchConnectionChanges({
    nc: options.bus.nc,
    prefix: options.naming.prefix,
    log: options.log,
    onChange: (change) => reception.sync(change.connectionId),
    onResync: () => reception.syncAll(),
    ...(options.connectionResyncIntervalMs === undefined
      ? {}
      : { resyncIntervalMs: options.connectionResyncIntervalMs }),
  });
  // A bot Telegram refuses now (logged) must not keep the others from starting; the next resync retries it.
  await reception.syncAll().catch(() => undefined);
  return {
    app,
    url,
    reception,
    async stop() {
      await watch.stop();
      await reception.stop();
      await app.close();
      await relay.stop();
    },
  };
}

/** The webhook relay; its forwarders also run in polling mode to drain copies stored earlier. */
async function startRelay(options: IngressOptions): Promise<WebhookRelay> {
  const relay = await startWebhookRelay({
    db: options.db,
    bus: options.bus,
    naming: options.naming,
    secretBox: options.secretBox,
    log: options.log,
    ...(options.relayRetry ? { retry: options.relayRetry } : {}),
  });
  if (options.mode === "polling" && relay.targetCount > 0) {
    options.log.warn(
      "connections with a webhook relay need TOPICDESK_UPDATES=webhook: in polling mode no update is relayed",
    );
  }
  return relay;
}
