import {
  addWebhookEndpoint,
  natsConnectionChanges,
  removeWebhookEndpoint,
  setWebhookEndpointEvents,
} from "@topicdesk/connections";
import { ConnectionRepository, WebhookEndpointRepository, type WebhookEndpointView } from "@topicdesk/db";
import Type from "typebox";
import { badRequest, conflict, notFound } from "../app/api-errors.ts";
import type { ApiApp, ApiDeps } from "../app/route-context.ts";
import { authorize } from "../auth/api-key-auth.ts";
import { authErrors, ConnectionParams, keySecurity, OkBody } from "../schemas/common-schemas.ts";
import {
  CreatedWebhook,
  NewWebhookBody,
  WebhookEventsBody,
  WebhookParams,
  WebhookView,
} from "../schemas/webhook-schemas.ts";
import { existing } from "./connection-routes.ts";

const tags = ["webhooks"];

/**
 * Receivers with a signing secret of their own (`webhook_endpoints`), beside those of the WEBHOOKS
 * parameter: list (read); register, change events, remove (admin). Writes go through
 * `@topicdesk/connections`, the CLI's path too, so both check URLs and events by the parameter's
 * rules and announce the change (routers then publish a subscribed `/command` from the next event).
 */
export function webhookEndpointRoutes(app: ApiApp, deps: ApiDeps): void {
  const connections = new ConnectionRepository(deps.db);
  const endpoints = new WebhookEndpointRepository(deps.db, deps.secretBox);
  const changes = natsConnectionChanges(deps.bus.nc, { prefix: deps.naming.prefix, log: deps.log });

  app.get(
    "/connections/:connectionId/webhooks",
    {
      schema: {
        tags,
        summary: "Receivers registered through the API or CLI (WEBHOOKS ones are in the parameter)",
        security: keySecurity,
        params: ConnectionParams,
        response: { 200: Type.Array(WebhookView), ...authErrors },
      },
    },
    async (request) => {
      const { connectionId } = request.params;
      authorize(request, connectionId, "read");
      await existing(connections, connectionId);
      return (await endpoints.list(connectionId)).map(webhookView);
    },
  );

  app.get(
    "/connections/:connectionId/webhooks/:webhookId",
    {
      schema: {
        tags,
        summary: "One receiver",
        security: keySecurity,
        params: WebhookParams,
        response: { 200: WebhookView, ...authErrors },
      },
    },
    async (request) => {
      const { connectionId, webhookId } = request.params;
      authorize(request, connectionId, "read");
      return webhookView(found(await endpoints.get(connectionId, webhookId), connectionId, webhookId));
    },
  );

  app.post(
    "/connections/:connectionId/webhooks",
    {
      schema: {
        tags,
        summary: "Register a receiver; the answer is the only time its signing secret is shown",
        security: keySecurity,
        params: ConnectionParams,
        body: NewWebhookBody,
        response: { 201: CreatedWebhook, 409: Type.Ref("ErrorBody"), ...authErrors },
      },
    },
    async (request, reply) => {
      const { connectionId } = request.params;
      authorize(request, connectionId, "admin");
      await existing(connections, connectionId);
      const created = await addWebhookEndpoint(deps.db, deps.secretBox, changes, {
        connectionId,
        ...request.body,
      });
      if (!created.ok)
        throw created.reason === "exists" ? conflict(`${created.error}.`) : badRequest(created.error);
      return reply.code(201).send({ ...webhookView(created.endpoint), secret: created.secret });
    },
  );

  app.put(
    "/connections/:connectionId/webhooks/:webhookId/events",
    {
      schema: {
        tags,
        summary: "Replace a receiver's events",
        security: keySecurity,
        params: WebhookParams,
        body: WebhookEventsBody,
        response: { 200: WebhookView, ...authErrors },
      },
    },
    async (request) => {
      const { connectionId, webhookId } = request.params;
      authorize(request, connectionId, "admin");
      const changed = await setWebhookEndpointEvents(deps.db, deps.secretBox, changes, {
        connectionId,
        id: webhookId,
        events: request.body.events,
      });
      if (!changed.ok) throw badRequest(changed.error);
      return webhookView(found(changed.endpoint, connectionId, webhookId));
    },
  );

  app.delete(
    "/connections/:connectionId/webhooks/:webhookId",
    {
      schema: {
        tags,
        summary: "Remove a receiver (its dead letters stay, for the record)",
        security: keySecurity,
        params: WebhookParams,
        response: { 200: OkBody, ...authErrors },
      },
    },
    async (request) => {
      const { connectionId, webhookId } = request.params;
      authorize(request, connectionId, "admin");
      if (!(await removeWebhookEndpoint(deps.db, deps.secretBox, changes, connectionId, webhookId)))
        throw notFound(`No receiver ${webhookId} on connection ${connectionId}.`);
      return { ok: true as const };
    },
  );
}

function found(
  endpoint: WebhookEndpointView | undefined,
  connectionId: string,
  webhookId: number,
): WebhookEndpointView {
  if (!endpoint) throw notFound(`No receiver ${webhookId} on connection ${connectionId}.`);
  return endpoint;
}

function webhookView(row: WebhookEndpointView) {
  return { id: row.id, url: row.url, events: row.events, createdAt: row.created_at.toISOString() };
}
