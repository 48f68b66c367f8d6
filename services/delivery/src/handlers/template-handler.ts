import type { DeliveryJobOf } from "@topicdesk/contracts";
import type { DeliveryDialog } from "../store/delivery-store.ts";
import type { DeliveryContext, JobHandler } from "./delivery-context.ts";
import { requireDialog } from "./dialog-lookup.ts";

type TemplateJob = DeliveryJobOf<"template.send">;

/**
 * A quick reply (`/say NAME`) to a client: its source messages in the backend group go into the
 * dialog's topic first, so the team sees what was sent, then to the client; the two copies are
 * linked like an operator's message, so the client's reply to it lands as a reply in the topic.
 * Source message ids stay untouched: the same quick reply is sent to many clients.
 */
export const sendTemplate: JobHandler<"template.send"> = async (job, context) => {
  const dialog = await requireDialog(context, job.dialogId);
  const inTopic =
    dialog.topicId === null
      ? []
      : await relay(context, job, dialog.backendChatId, { message_thread_id: dialog.topicId });
  const toClient = await relay(context, job, dialog.clientChatId, {});
  await context.store.recordLinks(
    inTopic.flatMap((topicMessageId, index) => {
      const clientMessageId = toClient[index];
      return clientMessageId === undefined ? [] : [linkOf(dialog, topicMessageId, clientMessageId)];
    }),
  );
  await context.publish(
    {
      kind: "message.delivered",
      connectionId: dialog.connectionId,
      dialogId: dialog.id,
      messageIds: toClient,
      ...(job.operatorId === undefined ? {} : { operatorId: job.operatorId }),
    },
    job.id,
  );
};

/** Copies (or forwards) the quick reply's messages into one chat; several keep an album together. */
async function relay(
  context: DeliveryContext,
  job: TemplateJob,
  toChatId: number,
  thread: { message_thread_id?: number },
): Promise<number[]> {
  const api = await context.api(job.connectionId);
  await context.beforeSend(job.connectionId, toChatId);
  return context.call(async () => {
    const [first] = job.messageIds;
    if (job.messageIds.length === 1 && first !== undefined) {
      const sent =
        job.mode === "forward"
          ? await api.forwardMessage(toChatId, job.fromChatId, first, thread)
          : await api.copyMessage(toChatId, job.fromChatId, first, thread);
      return [sent.message_id];
    }
    const sent =
      job.mode === "forward"
        ? await api.forwardMessages(toChatId, job.fromChatId, job.messageIds, thread)
        : await api.copyMessages(toChatId, job.fromChatId, job.messageIds, thread);
    return sent.map((message) => message.message_id);
  });
}

function linkOf(dialog: DeliveryDialog, topicMessageId: number, clientMessageId: number) {
  return {
    dialogId: dialog.id,
    direction: "outbound" as const,
    clientChatId: dialog.clientChatId,
    clientMessageId,
    backendChatId: dialog.backendChatId,
    topicMessageId,
  };
}
