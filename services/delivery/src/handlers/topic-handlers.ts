import { classifyTelegramError, DeliveryFailure } from "@topicdesk/telegram";
import { topicdeskMetrics } from "@topicdesk/telemetry";
import type { DeliveryDialog } from "../store/delivery-store.ts";
import type { DeliveryContext, JobHandler } from "./delivery-context.ts";
import { requireDialog } from "./dialog-lookup.ts";

/** Creates the dialog's forum topic once; a replayed job finds the topic id and does nothing. */
export const createTopic: JobHandler<"topic.create"> = async (job, context) => {
  const dialog = await requireDialog(context, job.dialogId);
  if (dialog.topicId !== null) return;
  await createTopicFor(dialog, job.name, job.iconColor, context);
};

export async function createTopicFor(
  dialog: DeliveryDialog,
  name: string,
  iconColor: number | undefined,
  context: DeliveryContext,
): Promise<number> {
  const api = await context.api(dialog.connectionId);
  await context.beforeSend(dialog.connectionId, dialog.backendChatId);
  const topic = await context.call(() =>
    api.createForumTopic(
      dialog.backendChatId,
      name,
      iconColor === undefined ? {} : { icon_color: iconColor as 7322096 },
    ),
  );
  await context.store.setTopic(dialog.id, topic.message_thread_id);
  topicdeskMetrics().topicsCreated.add(1);
  return topic.message_thread_id;
}

export const renameTopic: JobHandler<"topic.rename"> = async (job, context) => {
  const dialog = await requireDialog(context, job.dialogId);
  if (dialog.topicId === null) return;
  const api = await context.api(dialog.connectionId);
  const topicId = dialog.topicId;
  await ignoringUnchanged(() =>
    context.call(() => api.editForumTopic(dialog.backendChatId, topicId, { name: job.name })),
  );
};

export const setTopicOpen: JobHandler<"topic.set-open"> = async (job, context) => {
  const dialog = await requireDialog(context, job.dialogId);
  if (dialog.topicId === null) return;
  const api = await context.api(dialog.connectionId);
  const topicId = dialog.topicId;
  await ignoringUnchanged(() =>
    context.call(() =>
      job.open
        ? api.reopenForumTopic(dialog.backendChatId, topicId)
        : api.closeForumTopic(dialog.backendChatId, topicId),
    ),
  );
};

/**
 * Telegram answers 400 (TOPIC_NOT_MODIFIED, classified as not modified) when a topic already has that name or state: after a
 * replay, or when an operator closed the topic by hand. That is the state we wanted.
 */
async function ignoringUnchanged(action: () => Promise<unknown>): Promise<void> {
  try {
    await action();
  } catch (error) {
    const failure = error instanceof DeliveryFailure ? error.failure : classifyTelegramError(error);
    if (failure.kind === "bad-request" && failure.reason === "message-not-modified") return;
    throw error;
  }
}
