import type { DeliveryJobOf } from "@topicdesk/contracts";
import type { InputFile } from "grammy";
import { BlobInputFile } from "../transports/blob-input-file.ts";
import type { DeliveryApi } from "../transports/delivery-api.ts";
import type { DeliveryContext, JobHandler } from "./delivery-context.ts";
import { type Destination, destinationOf, reportPosted } from "./text-handler.ts";

type SendFileJob = DeliveryJobOf<"file.send">;

/**
 * A file the system sends (an export, a chart, a file posted through the topics API): uploaded from
 * the Redis blob store, or fetched by Telegram from a URL. A blob that expired before its turn came
 * (a very long backlog) cannot come back; the destination is told so instead of retrying forever.
 */
export const sendFile: JobHandler<"file.send"> = async (job, context) => {
  const destination = await destinationOf(job, context);
  if (!destination) return;
  const api = await context.api(job.connectionId);
  const file = await fileToSend(job, context);
  await context.beforeSend(job.connectionId, destination.chatId);
  if (file === undefined) {
    await context.call(() => api.sendMessage(destination.chatId, EXPIRED_NOTICE, threadOf(destination)));
    if (job.reportOutcome) await reportExpired(job, context);
    return;
  }
  const sent = await context.call(() => send(api, job, destination, file));
  // A file posted through the HTTP API answers with its message id, like a text post.
  if (job.reportOutcome) await reportPosted(job, destination, sent.message_id, context);
};

/** The caller waiting for this post learns why nothing was sent (`message.failed`, named after the job). */
async function reportExpired(job: SendFileJob, context: DeliveryContext): Promise<void> {
  await context.publish(
    {
      kind: "message.failed",
      connectionId: job.connectionId,
      ...(job.dialogId === undefined ? {} : { dialogId: job.dialogId }),
      reason: "file-expired",
    },
    job.id,
  );
}

const EXPIRED_NOTICE = "⚠️ A file waited too long in the queue and expired before it could be sent.";

async function fileToSend(
  job: SendFileJob,
  context: DeliveryContext,
): Promise<InputFile | string | undefined> {
  if (job.file.kind === "url") return job.file.url;
  const bytes = await context.loadBlob(job.file.key);
  // The key travels along: an MTProto session reads the blob itself instead of getting the bytes.
  return bytes === undefined ? undefined : new BlobInputFile(bytes, job.file);
}

async function send(
  api: DeliveryApi,
  job: SendFileJob,
  destination: Destination,
  file: InputFile | string,
): Promise<{ message_id: number }> {
  const options = {
    ...threadOf(destination),
    ...(job.caption === undefined ? {} : { caption: job.caption }),
    ...(job.parseMode === undefined ? {} : { parse_mode: job.parseMode }),
    ...(job.replyToMessageId === undefined
      ? {}
      : { reply_parameters: { message_id: job.replyToMessageId, allow_sending_without_reply: true } }),
  };
  if (job.as === "photo") return await api.sendPhoto(destination.chatId, file, options);
  return await api.sendDocument(destination.chatId, file, options);
}

function threadOf(destination: Destination): { message_thread_id?: number } {
  return destination.threadId === undefined ? {} : { message_thread_id: destination.threadId };
}
