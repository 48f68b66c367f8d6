import multipart from "@fastify/multipart";
import { ApiTopicRepository } from "@topicdesk/db";
import { storeBlob } from "@topicdesk/queue";
import { badRequest, notFound } from "../app/api-errors.ts";
import type { ApiApp, ApiDeps } from "../app/route-context.ts";
import { authorize } from "../auth/api-key-auth.ts";
import { answerPost, postDescription, postResponses } from "../posting/answer-post.ts";
import { multipartLimitError, UploadForm, uploadOf, uploadReader } from "../posting/upload-form.ts";
import { keySecurity } from "../schemas/common-schemas.ts";
import { TopicParams } from "./topic-routes.ts";

/**
 * How long an uploaded file waits in the blob store for its turn in the lane. A day, like the
 * reports' files: far beyond any backlog Telegram's limits make, short enough that nothing lingers.
 */
const UPLOAD_TTL_SECONDS = 24 * 3600;

/**
 * `POST …/topics/{key}/files`: a file uploaded as `multipart/form-data` goes into a custom topic.
 * The bytes are parked in the Redis blob store and a `file.send` job carrying only their key joins
 * the group's delivery lane, so the upload waits its turn within Telegram's limits like any post.
 *
 * The multipart parser is registered in this route's own scope, so no other route accepts
 * multipart bodies. The key's scope is checked before the body is read: a read-only key is refused
 * without taking the upload.
 */
export function topicUploadRoutes(app: ApiApp, deps: ApiDeps): void {
  const topics = new ApiTopicRepository(deps.db);

  void app.register(async (scope: ApiApp) => {
    scope.addHook("onRequest", async (request) => {
      const { connectionId } = request.params as { connectionId: string };
      authorize(request, connectionId, "write");
    });
    scope.setErrorHandler((error) => {
      // Rethrown errors go on to the app's error handler, which answers them.
      throw multipartLimitError(error) ?? error;
    });
    await scope.register(multipart, {
      attachFieldsToBody: "keyValues",
      onFile: uploadReader(deps.uploadMaxBytes),
      limits: { fileSize: deps.uploadMaxBytes, files: 1, fields: 8, fieldSize: 8192, parts: 9 },
    });

    scope.post(
      "/connections/:connectionId/topics/:key/files",
      {
        schema: {
          tags: ["messages"],
          summary: "Upload a file into a custom topic (multipart/form-data: file, and text as its caption)",
          description: `${postDescription} Larger than the upload limit (50 MB at most, what Telegram takes from a bot): 413.`,
          security: keySecurity,
          consumes: ["multipart/form-data"],
          params: TopicParams,
          body: UploadForm,
          response: { ...postResponses, 413: { $ref: "ErrorBody" } },
        },
      },
      async (request, reply) => {
        const { connectionId, key } = request.params;
        const upload = uploadOf(request);
        if (!upload) throw badRequest('Send the file as multipart/form-data in a field named "file".');
        if (upload.bytes.byteLength === 0) throw badRequest("The file is empty.");
        const topic = await topics.get(connectionId, key);
        if (!topic)
          throw notFound(
            `No topic ${key} on connection ${connectionId}. Create it with PUT …/topics/${key}.`,
          );
        const blobKey = await storeBlob(deps.redis, deps.queuePrefix, upload.bytes, UPLOAD_TTL_SECONDS);
        const { text, parseMode, as, wait } = request.body;
        const content = {
          type: "file" as const,
          file: {
            kind: "blob" as const,
            key: blobKey,
            fileName: upload.fileName,
            contentType: upload.contentType,
          },
          as: as ?? "document",
          caption: text,
          parseMode,
        };
        const destination = {
          connectionId,
          backendChatId: topic.backend_chat_id,
          threadId: topic.topic_id,
          target: { kind: "backend" as const, threadId: topic.topic_id },
        };
        return answerPost(deps, reply, destination, content, wait !== false);
      },
    );
  });
}
