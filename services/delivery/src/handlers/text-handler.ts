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
  await context.call(() =>
    api.sendMessage(destination.chatId, job.text, {
      ...(destination.threadId === undefined ? {} : { message_thread_id: destination.threadId }),
      ...(job.parseMode === undefined ? {} : { parse_mode: job.parseMode }),
      ...(job.replyToMessageId === undefined
        ? {}
        : { reply_parameters: { message_id: job.replyToMessageId, allow_sending_without_reply: true } }),
    }),
  );
};

interface Destination {
  chatId: number;
  threadId?: number;
}

async function destinationOf(job: SendTextJob, context: DeliveryContext): Promise<Destination | undefined> {
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
