import type { JobHandler } from "./delivery-context.ts";
import { requireDialog } from "./dialog-lookup.ts";

/** An edited text or caption is applied to its linked copy on the other side. */
export const mirrorEdit: JobHandler<"edit.mirror"> = async (job, context) => {
  const dialog = await requireDialog(context, job.dialogId);
  const toTopic = job.direction === "to-topic";
  const target = toTopic
    ? {
        chatId: dialog.backendChatId,
        messageId: await context.store.topicMessageFor(dialog.id, job.sourceMessageId),
      }
    : {
        chatId: dialog.clientChatId,
        messageId: await context.store.clientMessageFor(dialog.backendChatId, job.sourceMessageId),
      };
  const messageId = target.messageId;
  if (messageId === undefined) return;
  const api = await context.api(dialog.connectionId);
  await context.call(() =>
    job.isCaption
      ? api.editMessageCaption(target.chatId, messageId, { caption: job.text })
      : api.editMessageText(target.chatId, messageId, job.text),
  );
};

/** A client's reaction is set on the copy of the message in the topic. */
export const mirrorReaction: JobHandler<"reaction.mirror"> = async (job, context) => {
  const dialog = await requireDialog(context, job.dialogId);
  const copyId = await context.store.topicMessageFor(dialog.id, job.sourceMessageId);
  if (copyId === undefined) return;
  const api = await context.api(dialog.connectionId);
  const reaction = job.emojis.map((emoji) => ({ type: "emoji" as const, emoji: emoji as "👍" }));
  await context.call(() => api.setMessageReaction(dialog.backendChatId, copyId, reaction));
};
