import type { DeliveryDialog } from "../store/delivery-store.ts";
import { DeliveryFailure } from "../telegram-calls/call-telegram.ts";
import type { DeliveryContext, JobHandler } from "./delivery-context.ts";
import { requireDialog } from "./dialog-lookup.ts";
import { createTopicFor } from "./topic-handlers.ts";

/** Copies a client's message (or album) into the dialog's topic and records the links. */
export const copyToTopic: JobHandler<"copy.to-topic"> = async (job, context, enqueuedAt) => {
  const dialog = await requireDialog(context, job.dialogId);
  const messageIds = job.mediaGroupId
    ? await albumMessageIds(context, dialog.connectionId, job.fromChatId, job.mediaGroupId, enqueuedAt)
    : job.messageIds;
  const first = messageIds[0];
  if (first === undefined || (await context.store.topicMessageFor(dialog.id, first)) !== undefined) return;
  const replyTo =
    job.replyToClientMessageId === undefined
      ? undefined
      : await context.store.topicMessageFor(dialog.id, job.replyToClientMessageId);
  const copies = await copyIntoTopic(context, dialog, job.fromChatId, messageIds, replyTo);
  await context.store.recordLinks(
    messageIds.map((clientMessageId, index) => ({
      dialogId: dialog.id,
      direction: "inbound" as const,
      clientChatId: dialog.clientChatId,
      clientMessageId,
      backendChatId: dialog.backendChatId,
      topicMessageId: copies[index] ?? 0,
    })),
  );
  await context.publish(
    { kind: "message.delivered", connectionId: dialog.connectionId, dialogId: dialog.id, messageIds },
    job.id,
  );
};

/** Copies an operator's message (or album) from the topic to the client and records the links. */
export const copyToClient: JobHandler<"copy.to-client"> = async (job, context, enqueuedAt) => {
  const dialog = await requireDialog(context, job.dialogId);
  const messageIds = job.mediaGroupId
    ? await albumMessageIds(context, dialog.connectionId, job.fromChatId, job.mediaGroupId, enqueuedAt)
    : job.messageIds;
  const first = messageIds[0];
  if (
    first === undefined ||
    (await context.store.clientMessageFor(dialog.backendChatId, first)) !== undefined
  )
    return;
  const replyTo =
    job.replyToTopicMessageId === undefined
      ? undefined
      : await context.store.clientMessageFor(dialog.backendChatId, job.replyToTopicMessageId);
  const api = await context.api(dialog.connectionId);
  await context.paceChat(dialog.clientChatId);
  const copies = await context.call(async () => {
    if (messageIds.length > 1) {
      const result = await api.copyMessages(dialog.clientChatId, job.fromChatId, messageIds);
      return result.map((copy) => copy.message_id);
    }
    const options =
      replyTo === undefined
        ? {}
        : { reply_parameters: { message_id: replyTo, allow_sending_without_reply: true } };
    return [(await api.copyMessage(dialog.clientChatId, job.fromChatId, first, options)).message_id];
  });
  await context.store.recordLinks(
    messageIds.map((topicMessageId, index) => ({
      dialogId: dialog.id,
      direction: "outbound" as const,
      clientChatId: dialog.clientChatId,
      clientMessageId: copies[index] ?? 0,
      backendChatId: dialog.backendChatId,
      topicMessageId,
    })),
  );
  await context.publish(
    {
      kind: "message.delivered",
      connectionId: dialog.connectionId,
      dialogId: dialog.id,
      messageIds,
      ...(job.operatorId === undefined ? {} : { operatorId: job.operatorId }),
    },
    job.id,
  );
};

/**
 * Telegram sends an album as separate updates, one per item. The router queues one job for the
 * album when the first item arrives; here we wait out the debounce so the later items are recorded,
 * then copy them together so the album stays one album.
 */
async function albumMessageIds(
  context: DeliveryContext,
  connectionId: string,
  chatId: number,
  mediaGroupId: string,
  enqueuedAt: number,
): Promise<number[]> {
  const wait = enqueuedAt + context.albumDebounceMs - context.now();
  if (wait > 0) await context.sleep(wait);
  return context.store.albumParts(connectionId, chatId, mediaGroupId);
}

/**
 * Copies into the topic; when an operator deleted the topic, the dialog gets a new one and the copy
 * goes there, with a line saying why the history starts over.
 */
async function copyIntoTopic(
  context: DeliveryContext,
  dialog: DeliveryDialog,
  fromChatId: number,
  messageIds: number[],
  replyTo: number | undefined,
): Promise<number[]> {
  const api = await context.api(dialog.connectionId);
  const topicId =
    dialog.topicId ?? (await createTopicFor(dialog, `Client ${dialog.clientChatId}`, undefined, context));
  const copy = (threadId: number) =>
    context.call(async () => {
      if (messageIds.length > 1) {
        const result = await api.copyMessages(dialog.backendChatId, fromChatId, messageIds, {
          message_thread_id: threadId,
        });
        return result.map((entry) => entry.message_id);
      }
      const options = {
        message_thread_id: threadId,
        ...(replyTo === undefined
          ? {}
          : { reply_parameters: { message_id: replyTo, allow_sending_without_reply: true } }),
      };
      return [
        (await api.copyMessage(dialog.backendChatId, fromChatId, messageIds[0] ?? 0, options)).message_id,
      ];
    });
  try {
    return await copy(topicId);
  } catch (error) {
    if (
      !(error instanceof DeliveryFailure) ||
      error.failure.kind !== "bad-request" ||
      error.failure.reason !== "thread-not-found"
    ) {
      throw error;
    }
    const newTopicId = await createTopicFor(dialog, `Client ${dialog.clientChatId}`, undefined, context);
    await context.call(() =>
      api.sendMessage(
        dialog.backendChatId,
        "ℹ️ The previous topic of this dialog was deleted; the conversation continues here.",
        {
          message_thread_id: newTopicId,
        },
      ),
    );
    return copy(newTopicId);
  }
}
