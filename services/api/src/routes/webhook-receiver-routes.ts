import { ConnectionRepository, type WebhookReceiver, WebhookReceiverRepository } from "@topicdesk/db";
import Type from "typebox";
import { notFound } from "../app/api-errors.ts";
import type { ApiApp, ApiDeps } from "../app/route-context.ts";
import { authorize } from "../auth/api-key-auth.ts";
import { authErrors, ConnectionParams, keySecurity } from "../schemas/common-schemas.ts";
import { ReceiverQuery, ReceiverView, ResumeReceiverBody } from "../schemas/webhook-schemas.ts";
import { existing } from "./connection-routes.ts";

const tags = ["webhooks"];

/**
 * Each receiver's health, whichever source configured it (WEBHOOKS or a registered receiver): list
 * (read), and resume one the webhooks service paused after failing too often in a row (admin).
 */
export function webhookReceiverRoutes(app: ApiApp, deps: ApiDeps): void {
  const connections = new ConnectionRepository(deps.db);
  const receivers = new WebhookReceiverRepository(deps.db);

  app.get(
    "/connections/:connectionId/webhooks/receivers",
    {
      schema: {
        tags,
        summary: "How each receiver has been answering; ?paused=true lists the paused ones",
        security: keySecurity,
        params: ConnectionParams,
        querystring: ReceiverQuery,
        response: { 200: Type.Array(ReceiverView), ...authErrors },
      },
    },
    async (request) => {
      const { connectionId } = request.params;
      authorize(request, connectionId, "read");
      await existing(connections, connectionId);
      const { paused } = request.query;
      const rows = await receivers.list(connectionId);
      return rows
        .filter((row) => paused === undefined || (row.paused_at !== null) === paused)
        .map(receiverView);
    },
  );

  app.post(
    "/connections/:connectionId/webhooks/receivers/resume",
    {
      schema: {
        tags,
        summary: "Resume a paused receiver; what it missed waits in the dead letters for a replay",
        security: keySecurity,
        params: ConnectionParams,
        body: ResumeReceiverBody,
        response: { 200: ReceiverView, ...authErrors },
      },
    },
    async (request) => {
      const { connectionId } = request.params;
      authorize(request, connectionId, "admin");
      await existing(connections, connectionId);
      const { url } = request.body;
      if (!(await receivers.resume(connectionId, url)))
        throw notFound(`No paused receiver of connection ${connectionId} at that URL.`);
      const row = (await receivers.list(connectionId)).find((receiver) => receiver.url === url);
      if (!row) throw notFound(`No receiver of connection ${connectionId} at that URL.`);
      return receiverView(row);
    },
  );
}

function receiverView(row: WebhookReceiver) {
  const iso = (date: Date | null) => (date === null ? null : date.toISOString());
  return {
    url: row.url,
    consecutiveFailures: row.consecutive_failures,
    lastError: row.last_error,
    lastFailureAt: iso(row.last_failure_at),
    lastSuccessAt: iso(row.last_success_at),
    pausedAt: iso(row.paused_at),
  };
}
