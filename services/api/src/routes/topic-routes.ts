import { type ApiTopic, ApiTopicRepository, ConnectionRepository } from "@topicdesk/db";
import { isForumIconColor } from "@topicdesk/params";
import Type from "typebox";
import { badRequest, conflict, notFound } from "../app/api-errors.ts";
import type { ApiApp, ApiDeps } from "../app/route-context.ts";
import { authorize } from "../auth/api-key-auth.ts";
import { authErrors, ConnectionParams, keySecurity, OkBody, Timestamp } from "../schemas/common-schemas.ts";
import { topicLink } from "../schemas/dialog-schemas.ts";
import { createForumTopic } from "../topics/create-forum-topic.ts";
import { existing } from "./connection-routes.ts";

const tags = ["topics"];

export const TopicKey = Type.String({
  pattern: "^[a-z0-9][a-z0-9_-]{0,63}$",
  description: "your name for the topic: lowercase letters, digits, - and _",
});

export const TopicParams = Type.Object({ ...ConnectionParams.properties, key: TopicKey });

const TopicView = Type.Object({
  key: Type.String(),
  name: Type.String(),
  topicId: Type.Number(),
  topicLink: Type.String(),
  iconColor: Type.Union([Type.Number(), Type.Null()]),
  createdAt: Timestamp,
});

export function topicView(row: ApiTopic) {
  return {
    key: row.key,
    name: row.name,
    topicId: row.topic_id,
    topicLink: topicLink(row.backend_chat_id, row.topic_id) ?? "",
    iconColor: row.icon_color,
    createdAt: row.created_at.toISOString(),
  };
}

/** Custom topics (team chat, news, payments …) in the backend group, known by a key of the caller's choice. */
export function topicRoutes(app: ApiApp, deps: ApiDeps): void {
  const topics = new ApiTopicRepository(deps.db);
  const connections = new ConnectionRepository(deps.db);

  app.put(
    "/connections/:connectionId/topics/:key",
    {
      schema: {
        tags,
        summary: "Create a custom topic (idempotent: the same key and name answer the existing topic)",
        security: keySecurity,
        params: TopicParams,
        body: Type.Object(
          {
            name: Type.String({ minLength: 1, maxLength: 128 }),
            iconColor: Type.Optional(
              Type.Integer({ description: "one of Telegram's six topic colours, e.g. 7322096 (blue)" }),
            ),
          },
          { additionalProperties: false },
        ),
        response: { 200: TopicView, 201: TopicView, 409: Type.Ref("ErrorBody"), ...authErrors },
      },
    },
    async (request, reply) => {
      const { connectionId, key } = request.params;
      authorize(request, connectionId, "write");
      const connection = await existing(connections, connectionId);
      const { name, iconColor } = request.body;
      if (iconColor !== undefined && !isForumIconColor(iconColor)) {
        throw badRequest(
          "iconColor must be one of 7322096, 16766590, 13338331, 9367192, 16749490, 16478047.",
        );
      }
      const known = await topics.get(connectionId, key);
      if (known) {
        if (known.name !== name) throw conflict(`Topic key ${key} is already “${known.name}”.`);
        return topicView(known);
      }
      const topicId = await createForumTopic(connections, connection, deps.secretBox, deps.telegramApiRoot, {
        name,
        iconColor: iconColor ?? null,
      });
      const row = await topics.add({
        connectionId,
        key,
        name,
        backendChatId: connection.backend_chat_id,
        topicId,
        iconColor: iconColor ?? null,
      });
      return reply.code(201).send(topicView(row));
    },
  );

  app.get(
    "/connections/:connectionId/topics",
    {
      schema: {
        tags,
        summary: "Custom topics",
        security: keySecurity,
        params: ConnectionParams,
        response: { 200: Type.Array(TopicView), ...authErrors },
      },
    },
    async (request) => {
      const { connectionId } = request.params;
      authorize(request, connectionId, "read");
      await existing(connections, connectionId);
      return (await topics.list(connectionId)).map(topicView);
    },
  );

  app.get(
    "/connections/:connectionId/topics/:key",
    {
      schema: {
        tags,
        summary: "One custom topic",
        security: keySecurity,
        params: TopicParams,
        response: { 200: TopicView, ...authErrors },
      },
    },
    async (request) => {
      const { connectionId, key } = request.params;
      authorize(request, connectionId, "read");
      const row = await topics.get(connectionId, key);
      if (!row) throw notFound(`No topic ${key} on connection ${connectionId}.`);
      return topicView(row);
    },
  );

  app.delete(
    "/connections/:connectionId/topics/:key",
    {
      schema: {
        tags,
        summary: "Forget a custom topic's key (the topic stays in the group)",
        security: keySecurity,
        params: TopicParams,
        response: { 200: OkBody, ...authErrors },
      },
    },
    async (request) => {
      const { connectionId, key } = request.params;
      authorize(request, connectionId, "write");
      if (!(await topics.remove(connectionId, key)))
        throw notFound(`No topic ${key} on connection ${connectionId}.`);
      return { ok: true as const };
    },
  );
}
