import { ApiPostRepository, ApiTopicRepository } from "@topicdesk/db";
import type { FastifyReply } from "fastify";
import Type from "typebox";
import { conflict, notFound } from "../app/api-errors.ts";
import type { ApiApp, ApiDeps } from "../app/route-context.ts";
import { authorize } from "../auth/api-key-auth.ts";
import { findDialog } from "../dialog-actions/dialog-query.ts";
import { answerPost, postDescription, postResponses, postStatusUrl } from "../posting/answer-post.ts";
import { type PostDestination, postContentOf } from "../posting/post-message.ts";
import { checkPostBody, PostBody, PostView, postView } from "../posting/post-schemas.ts";
import { authErrors, ConnectionParams, keySecurity } from "../schemas/common-schemas.ts";
import { DialogParams } from "./dialog-routes.ts";
import { TopicParams } from "./topic-routes.ts";

const tags = ["messages"];

/** Posting into topics: a custom topic by key, or a client's topic by dialog; and the status of a post. */
export function messageRoutes(app: ApiApp, deps: ApiDeps): void {
  const topics = new ApiTopicRepository(deps.db);
  const posts = new ApiPostRepository(deps.db);
  const post = (destination: PostDestination, body: PostBody, reply: FastifyReply) =>
    answerPost(deps, reply, destination, postContentOf(body), body.wait !== false);

  app.post(
    "/connections/:connectionId/topics/:key/messages",
    {
      schema: {
        tags,
        summary:
          "Post a message into a custom topic: text (with formatting and URL buttons) or a file by URL",
        description: postDescription,
        security: keySecurity,
        params: TopicParams,
        body: PostBody,
        response: postResponses,
      },
    },
    async (request, reply) => {
      const { connectionId, key } = request.params;
      authorize(request, connectionId, "write");
      checkPostBody(request.body);
      const topic = await topics.get(connectionId, key);
      if (!topic)
        throw notFound(`No topic ${key} on connection ${connectionId}. Create it with PUT …/topics/${key}.`);
      const destination: PostDestination = {
        connectionId,
        backendChatId: topic.backend_chat_id,
        threadId: topic.topic_id,
        target: { kind: "backend", threadId: topic.topic_id },
      };
      return post(destination, request.body, reply);
    },
  );

  app.post(
    "/connections/:connectionId/dialogs/:dialogId/messages",
    {
      schema: {
        tags,
        summary: "Post a note into a client's topic, for the team (never sent to the client)",
        description: postDescription,
        security: keySecurity,
        params: DialogParams,
        body: PostBody,
        response: postResponses,
      },
    },
    async (request, reply) => {
      const { connectionId, dialogId } = request.params;
      authorize(request, connectionId, "write");
      checkPostBody(request.body);
      const dialog = await findDialog(deps.db, connectionId, dialogId);
      if (!dialog) throw notFound(`No dialog ${dialogId} on connection ${connectionId}.`);
      if (dialog.topic_id === null)
        throw conflict("The dialog's topic is not created yet; try again in a moment.");
      const destination: PostDestination = {
        connectionId,
        backendChatId: dialog.backend_chat_id,
        threadId: dialog.topic_id,
        target: { kind: "topic" },
        dialogId: dialog.id,
      };
      return post(destination, request.body, reply);
    },
  );

  app.get(
    "/connections/:connectionId/messages/:jobId",
    {
      schema: {
        tags,
        summary: "What became of a posted message",
        security: keySecurity,
        params: Type.Object({ ...ConnectionParams.properties, jobId: Type.String({ maxLength: 64 }) }),
        response: { 200: PostView, ...authErrors },
      },
    },
    async (request) => {
      const { connectionId, jobId } = request.params;
      authorize(request, connectionId, "read");
      const row = await posts.get(connectionId, jobId);
      if (!row) throw notFound(`No posted message ${jobId} on connection ${connectionId}.`);
      return postView(row, postStatusUrl(connectionId, jobId));
    },
  );
}
