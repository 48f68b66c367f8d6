import type { Update } from "@grammyjs/types";
import { type Bus, type BusNaming, InvalidEventError, publishInbound } from "@topicdesk/bus";
import { topicdeskMetrics } from "@topicdesk/telemetry";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { normalizeUpdate } from "../normalize/normalize-update.ts";
import { isUpdateShaped } from "../normalize/update-shape.ts";
import type { WebhookRelay } from "../relay/webhook-relay.ts";
import type { WebhookConnection } from "./connection-secrets.ts";
import { secretMatches } from "./secret-check.ts";

export interface WebhookRouteOptions {
  bus: Bus;
  naming: BusNaming;
  partitions: number;
  webhookConnection: (id: string) => Promise<WebhookConnection | undefined>;
  /** Forwards updates of relaying connections to the system that owned their webhook before. */
  relay?: WebhookRelay;
}

export const WEBHOOK_PATH = "/telegram/:connectionId";

/** Telegram's updates are a few kilobytes; a megabyte leaves room for the longest texts and entity lists. */
const BODY_LIMIT_BYTES = 1_048_576;

type WebhookRequest = FastifyRequest<{ Params: { connectionId: string } }>;

type Caller =
  | { kind: "telegram"; connection: WebhookConnection }
  | { kind: "refused" }
  /** The connection store failed: Telegram must retry, like when NATS is down. */
  | { kind: "unavailable" };

/**
 * Telegram's webhook for each connection. The answer is sent only after JetStream stored the event,
 * so if NATS is down Telegram gets a 503 and retries: nothing accepted is ever lost.
 *
 * Answers: 200 stored or deliberately dropped (unused kind, paused connection), 400 not an update,
 * 401 unknown connection or wrong secret, 413 too large, 415 not JSON, 503 retry later.
 */
export async function registerWebhookRoutes(
  app: FastifyInstance,
  options: WebhookRouteOptions,
): Promise<void> {
  options.relay?.captureBodies(app);
  // No body schema: fastify's Ajv coerces types, so the body is checked strictly by isUpdateShaped
  // (and only once the caller proved it is Telegram, so strangers learn nothing about the format).
  app.post<{ Params: { connectionId: string } }>(
    WEBHOOK_PATH,
    {
      bodyLimit: BODY_LIMIT_BYTES,
      // Every refusal counts, including fastify's own 413 and 415 before the handler runs.
      onResponse: async (_request, reply) => {
        if (reply.statusCode >= 400 && reply.statusCode < 500)
          topicdeskMetrics().inboundRefused.add(1, { status: String(reply.statusCode) });
      },
    },
    async (request, reply) => {
      const caller = await identifyCaller(request, options);
      if (caller.kind === "unavailable") return retryLater(reply);
      if (caller.kind === "refused") {
        return reply.code(401).send({ error: "unknown connection or wrong secret token" });
      }
      if (!isUpdateShaped(request.body)) return reply.code(400).send({ error: "not a Telegram update" });
      // The other system's copy is stored first and whatever we do with the update (even a paused
      // connection or an unused kind); only storing can fail here, never the other system itself.
      if (!(await storeRelayCopy(request, caller.connection.id, request.body.update_id, options))) {
        return retryLater(reply);
      }
      if (!caller.connection.active) return reply.code(200).send({ ok: true, ignored: "connection paused" });
      return await publishUpdate(request, reply, caller.connection.id, request.body, options);
    },
  );
}

async function identifyCaller(request: WebhookRequest, options: WebhookRouteOptions): Promise<Caller> {
  let connection: WebhookConnection | undefined;
  try {
    connection = await options.webhookConnection(request.params.connectionId);
  } catch (error) {
    request.log.error({ err: error }, "could not read the connection's webhook secret");
    return { kind: "unavailable" };
  }
  // A connection without a webhook secret (or with an empty one) accepts no call at all.
  if (!connection?.secret) return { kind: "refused" };
  const header = request.headers["x-telegram-bot-api-secret-token"];
  const authentic = secretMatches(connection.secret, typeof header === "string" ? header : undefined);
  return authentic ? { kind: "telegram", connection } : { kind: "refused" };
}

async function publishUpdate(
  request: WebhookRequest,
  reply: FastifyReply,
  connectionId: string,
  update: Update,
  options: WebhookRouteOptions,
): Promise<FastifyReply> {
  const event = normalizeUpdate(connectionId, update, Date.now());
  if (!event) return reply.code(200).send({ ok: true, ignored: "update kind not used" });
  try {
    await publishInbound(options.bus, options.naming, event, options.partitions);
  } catch (error) {
    // Retrying cannot fix an update that breaks the contract: refuse it instead of asking again.
    if (error instanceof InvalidEventError) {
      request.log.warn({ errors: error.errors, eventId: event.id }, "update does not make a valid event");
      return reply.code(400).send({ error: "not a Telegram update" });
    }
    request.log.error({ err: error, eventId: event.id }, "could not publish inbound event");
    return retryLater(reply);
  }
  return reply.code(200).send({ ok: true });
}

async function storeRelayCopy(
  request: WebhookRequest,
  connectionId: string,
  updateId: number,
  options: WebhookRouteOptions,
): Promise<boolean> {
  try {
    await options.relay?.storeCopy(request, connectionId, updateId);
    return true;
  } catch (error) {
    request.log.error({ err: error, connection: connectionId }, "could not store the relay copy");
    return false;
  }
}

function retryLater(reply: FastifyReply): FastifyReply {
  return reply.code(503).send({ error: "temporarily unavailable, retry" });
}
