import type { Update } from "@grammyjs/types";
import { type Bus, type BusNaming, publishInbound } from "@topicdesk/bus";
import type { FastifyInstance } from "fastify";
import { normalizeUpdate } from "../normalize/normalize-update.ts";
import type { WebhookConnection } from "./connection-secrets.ts";
import { secretMatches } from "./secret-check.ts";

export interface WebhookRouteOptions {
  bus: Bus;
  naming: BusNaming;
  partitions: number;
  webhookConnection: (id: string) => Promise<WebhookConnection | undefined>;
}

const updateBody = {
  type: "object",
  required: ["update_id"],
  properties: { update_id: { type: "integer", minimum: 0 } },
} as const;

export const WEBHOOK_PATH = "/telegram/:connectionId";

/**
 * Telegram's webhook for each connection. The answer is sent only after JetStream stored the event,
 * so if NATS is down Telegram gets a 503 and retries: nothing accepted is ever lost.
 */
export async function registerWebhookRoutes(
  app: FastifyInstance,
  options: WebhookRouteOptions,
): Promise<void> {
  app.post<{ Params: { connectionId: string }; Body: Update }>(
    WEBHOOK_PATH,
    { schema: { body: updateBody }, bodyLimit: 1_048_576 },
    async (request, reply) => {
      const connection = await options.webhookConnection(request.params.connectionId);
      const header = request.headers["x-telegram-bot-api-secret-token"];
      if (
        !connection?.secret ||
        !secretMatches(connection.secret, typeof header === "string" ? header : undefined)
      ) {
        return reply.code(401).send({ error: "unknown connection or wrong secret token" });
      }
      if (!connection.active) return reply.code(200).send({ ok: true, ignored: "connection paused" });
      const event = normalizeUpdate(connection.id, request.body, Date.now());
      if (!event) return reply.code(200).send({ ok: true, ignored: "update kind not used" });
      try {
        await publishInbound(options.bus, options.naming, event, options.partitions);
      } catch (error) {
        request.log.error({ err: error, eventId: event.id }, "could not publish inbound event");
        return reply.code(503).send({ error: "temporarily unavailable, retry" });
      }
      return reply.code(200).send({ ok: true });
    },
  );
}
