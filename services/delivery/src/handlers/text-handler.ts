import type { DeliveryJobOf } from "@topicdesk/contracts";
import type { DeliveryContext, JobHandler } from "./delivery-context.ts";
import { requireDialog } from "./dialog-lookup.ts";

type SendTextJob = DeliveryJobOf<"text.send">;

/** A text the system writes: the welcome to a client, a notice or a card in the backend group. */
export const sendText: JobHandler<"text.send"> = async (job, context) => {
  const destination = await destinationOf(job, context);
  if (!destination) return;
  const api = await context.api(job.connectionId);
  await context.beforeSend(job.connectionId, destination.chatId);
  const sent = await context.call(() =>
    api.sendMessage(destination.chatId, job.text, {
      ...(destination.threadId === undefined ? {} : { message_thread_id: destination.threadId }),
      ...(job.parseMode === undefined ? {} : { parse_mode: job.parseMode }),
      ...(job.replyToMessageId === undefined
        ? {}
        : { reply_parameters: { message_id: job.replyToMessageId, allow_sending_without_reply: true } }),
      ...(job.buttons === undefined ? {} : { reply_markup: { inline_keyboard: job.buttons } }),
    }),
  );
  if (job.reportOutcome) await reportPosted(job, destination, sent.message_id, context);
};

/**
 * Tells whoever asked for it (the HTTP API) which message a job became: `message.posted`, named
 * after the job id, so the caller finds its own outcome. A `file.send` job can report the same way.
 */
export async function reportPosted(
  job: Pick<SendTextJob, "id" | "connectionId" | "dialogId">,
  destination: Destination,
  messageId: number,
  context: DeliveryContext,
): Promise<void> {
  await context.publish(
    {
      kind: "message.posted",
      connectionId: job.connectionId,
      ...(job.dialogId === undefined ? {} : { dialogId: job.dialogId }),
      ...(destination.threadId === undefined ? {} : { topicId: destination.threadId }),
      messageIds: [messageId],
    },
    job.id,
  );
}

export interface Destination {
  chatId: number;
  threadId?: number;
}

/** The chat (and topic) a system-written text or file goes to; undefined when the topic is not there yet. */
export async function destinationOf(
  job: Pick<SendTextJob, "connectionId" | "dialogId" | "target">,
  context: DeliveryContext,
): Promise<Destination | undefined> {
  const target = job.target;
  switch (target.kind) {
    case "chat":
      return { chatId: target.chatId };
    case "backend": {
      const chatId = await context.store.backendChatOf(job.connectionId);
      return target.threadId === undefined ? { chatId } : { chatId, threadId: target.threadId };
    }
    case "client":
    case "topic": {
      if (job.dialogId === undefined) return undefined;
      const dialog = await requireDialog(context, job.dialogId);
      if (target.kind === "client") return { chatId: dialog.clientChatId };
      if (dialog.topicId === null) return undefined;
      return { chatId: dialog.backendChatId, threadId: dialog.topicId };
    }
  }
}
