import type { DeliveryJobOf } from "@topicdesk/contracts";
import { DeliveryFailure } from "@topicdesk/telegram";
import type { DeliveryDialog, LinkToRecord } from "../store/delivery-store.ts";
import type { DeliveryContext, JobHandler } from "./delivery-context.ts";
import { requireDialog } from "./dialog-lookup.ts";
import { createTopicFor } from "./topic-handlers.ts";

type CopyJob = DeliveryJobOf<"copy.to-topic"> | DeliveryJobOf<"copy.to-client">;

/** What differs between copying into the topic and copying out to the client. */
interface CopyDirection {
  /** Whether this source message already has its copy (a replayed job must not send twice). */
  alreadyCopied(dialog: DeliveryDialog, sourceMessageId: number): Promise<boolean>;
  /** The copy's reply target on the destination side, mapped through the message links. */
  replyTarget(dialog: DeliveryDialog): Promise<number | undefined>;
  send(dialog: DeliveryDialog, messageIds: number[], replyTo: number | undefined): Promise<number[]>;
  link(dialog: DeliveryDialog, sourceMessageId: number, copyMessageId: number): LinkToRecord;
}

/** Copies a client's message (or album) into the dialog's topic and records the links. */
export const copyToTopic: JobHandler<"copy.to-topic"> = (job, context, enqueuedAt) =>
  runCopy(job, context, enqueuedAt, {
    alreadyCopied: async (dialog, id) => (await context.store.topicMessageFor(dialog.id, id)) !== undefined,
    replyTarget: async (dialog) =>
      job.replyToClientMessageId === undefined
        ? undefined
        : context.store.topicMessageFor(dialog.id, job.replyToClientMessageId),
    send: (dialog, messageIds, replyTo) =>
      copyIntoTopic(context, dialog, job.fromChatId, messageIds, replyTo, job.intercepted === true),
    link: (dialog, clientMessageId, topicMessageId) => ({
      dialogId: dialog.id,
      direction: "inbound",
      clientChatId: dialog.clientChatId,
      clientMessageId,
      backendChatId: dialog.backendChatId,
      topicMessageId,
    }),
  });

/** Copies an operator's message (or album) from the topic to the client and records the links. */
export const copyToClient: JobHandler<"copy.to-client"> = (job, context, enqueuedAt) =>
  runCopy(job, context, enqueuedAt, {
    alreadyCopied: async (dialog, id) =>
      (await context.store.clientMessageFor(dialog.backendChatId, id)) !== undefined,
    replyTarget: async (dialog) =>
      job.replyToTopicMessageId === undefined
        ? undefined
        : context.store.clientMessageFor(dialog.backendChatId, job.replyToTopicMessageId),
    send: (dialog, messageIds, replyTo) =>
      copyMessages(context, dialog.connectionId, dialog.clientChatId, job.fromChatId, messageIds, {
        replyTo,
      }),
    link: (dialog, topicMessageId, clientMessageId) => ({
      dialogId: dialog.id,
      direction: "outbound",
      clientChatId: dialog.clientChatId,
      clientMessageId,
      backendChatId: dialog.backendChatId,
      topicMessageId,
    }),
  });

async function runCopy(job: CopyJob, context: DeliveryContext, enqueuedAt: number, direction: CopyDirection) {
  const dialog = await requireDialog(context, job.dialogId);
  const messageIds = job.mediaGroupId
    ? await albumMessageIds(context, dialog.connectionId, job.fromChatId, job.mediaGroupId, enqueuedAt)
    : job.messageIds;
  const first = messageIds[0];
  if (first === undefined || (await direction.alreadyCopied(dialog, first))) return;
  const copies = await direction.send(dialog, messageIds, await direction.replyTarget(dialog));
  await context.store.recordLinks(
    messageIds.flatMap((sourceId, index) => {
      const copyId = copies[index];
      return copyId === undefined ? [] : [direction.link(dialog, sourceId, copyId)];
    }),
  );
  const operatorId = job.type === "copy.to-client" ? job.operatorId : undefined;
  await context.publish(
    {
      kind: "message.delivered",
      connectionId: dialog.connectionId,
      dialogId: dialog.id,
      messageIds,
      ...(operatorId === undefined ? {} : { operatorId }),
    },
    job.id,
  );
}

/**
 * One message with `copyMessage` (which can reply), several with `copyMessages`, which keeps an
 * album one album on the other side. `forward` keeps the "Forwarded from" line instead (intercepted
 * messages: who wrote it must show; a forward cannot reply, so the reply target is dropped).
 */
async function copyMessages(
  context: DeliveryContext,
  connectionId: string,
  toChatId: number,
  fromChatId: number,
  messageIds: number[],
  options: { replyTo: number | undefined; threadId?: number; forward?: boolean },
): Promise<number[]> {
  const api = await context.api(connectionId);
  const thread = options.threadId === undefined ? {} : { message_thread_id: options.threadId };
  await context.beforeSend(connectionId, toChatId);
  return context.call(async () => {
    if (options.forward) {
      const result = await api.forwardMessages(toChatId, fromChatId, messageIds, thread);
      return result.map((copy) => copy.message_id);
    }
    if (messageIds.length > 1) {
      const result = await api.copyMessages(toChatId, fromChatId, messageIds, thread);
      return result.map((copy) => copy.message_id);
    }
    const reply =
      options.replyTo === undefined
        ? {}
        : { reply_parameters: { message_id: options.replyTo, allow_sending_without_reply: true } };
    return [
      (await api.copyMessage(toChatId, fromChatId, messageIds[0] ?? 0, { ...thread, ...reply })).message_id,
    ];
  });
}

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
  forward = false,
): Promise<number[]> {
  const copy = (threadId: number) =>
    copyMessages(context, dialog.connectionId, dialog.backendChatId, fromChatId, messageIds, {
      replyTo,
      threadId,
      forward,
    });
  try {
    return await copy(dialog.topicId ?? (await recreateTopic(context, dialog)));
  } catch (error) {
    if (!isThreadNotFound(error)) throw error;
    const newTopicId = await recreateTopic(context, dialog);
    const api = await context.api(dialog.connectionId);
    await context.beforeSend(dialog.connectionId, dialog.backendChatId);
    await context.call(() =>
      api.sendMessage(dialog.backendChatId, TOPIC_RECREATED_NOTICE, { message_thread_id: newTopicId }),
    );
    return copy(newTopicId);
  }
}

const TOPIC_RECREATED_NOTICE =
  "ℹ️ The previous topic of this dialog was deleted; the conversation continues here.";

function isThreadNotFound(error: unknown): boolean {
  return (
    error instanceof DeliveryFailure &&
    error.failure.kind === "bad-request" &&
    error.failure.reason === "thread-not-found"
  );
}

/** A new topic under the dialog's last known name (the router keeps it current). */
function recreateTopic(context: DeliveryContext, dialog: DeliveryDialog): Promise<number> {
  return createTopicFor(
    dialog,
    dialog.topicName ?? `Client ${dialog.clientChatId}`,
    dialog.iconColor ?? undefined,
    context,
  );
}
