import { ConnectionRepository, type WebhookDeadLetter, WebhookDeadLetterRepository } from "@topicdesk/db";
import Type from "typebox";
import { notFound } from "../app/api-errors.ts";
import type { ApiApp, ApiDeps } from "../app/route-context.ts";
import { authorize } from "../auth/api-key-auth.ts";
import { authErrors, ConnectionParams, keySecurity } from "../schemas/common-schemas.ts";
import {
  DeadLetterParams,
  DeadLetterQuery,
  DeadLetterView,
  ReplayAnswer,
} from "../schemas/webhook-schemas.ts";
import { existing } from "./connection-routes.ts";

const tags = ["webhooks"];

/**
 * Deliveries that ran out of retries: list (read), replay one or every pending one (admin). A
 * replay is only asked for here (`requestReplay`, as the CLI does); the webhooks service picks
 * the requests up within seconds, so the API needs no handle on the webhook queue.
 */
export function webhookDeadLetterRoutes(app: ApiApp, deps: ApiDeps): void {
  const connections = new ConnectionRepository(deps.db);
  const letters = new WebhookDeadLetterRepository(deps.db);

  app.get(
    "/connections/:connectionId/webhooks/dead-letters",
    {
      schema: {
        tags,
        summary: "Dead letters, newest first",
        security: keySecurity,
        params: ConnectionParams,
        querystring: DeadLetterQuery,
        response: { 200: Type.Array(DeadLetterView), ...authErrors },
      },
    },
    async (request) => {
      const { connectionId } = request.params;
      authorize(request, connectionId, "read");
      await existing(connections, connectionId);
      const { pending, before, limit } = request.query;
      const rows = await letters.list(connectionId, {
        pendingOnly: pending,
        limit,
        ...(before === undefined ? {} : { beforeId: before }),
      });
      return rows.map(deadLetterView);
    },
  );

  app.post(
    "/connections/:connectionId/webhooks/dead-letters/replay",
    {
      schema: {
        tags,
        summary: "Send every pending dead letter again",
        security: keySecurity,
        params: ConnectionParams,
        response: { 202: ReplayAnswer, ...authErrors },
      },
    },
    async (request, reply) => {
      const { connectionId } = request.params;
      authorize(request, connectionId, "admin");
      await existing(connections, connectionId);
      return reply.code(202).send({ replaying: await letters.requestReplay(connectionId) });
    },
  );

  app.post(
    "/connections/:connectionId/webhooks/dead-letters/:letterId/replay",
    {
      schema: {
        tags,
        summary: "Send one dead letter again",
        security: keySecurity,
        params: DeadLetterParams,
        response: { 202: ReplayAnswer, ...authErrors },
      },
    },
    async (request, reply) => {
      const { connectionId, letterId } = request.params;
      authorize(request, connectionId, "admin");
      const replaying = await letters.requestReplay(connectionId, [letterId]);
      if (replaying.length === 0)
        throw notFound(`No dead letter ${letterId} waiting for a replay on connection ${connectionId}.`);
      return reply.code(202).send({ replaying });
    },
  );
}

function deadLetterView(row: WebhookDeadLetter) {
  const iso = (date: Date | null) => (date === null ? null : date.toISOString());
  return {
    id: row.id,
    url: row.url,
    eventType: row.event_type,
    eventId: row.event_id,
    attempts: row.attempts,
    lastError: row.last_error,
    failedAt: row.failed_at.toISOString(),
    replayRequestedAt: iso(row.replay_requested_at),
    replayedAt: iso(row.replayed_at),
  };
}
