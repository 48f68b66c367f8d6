import type { DomainEvent } from "@topicdesk/contracts";
import type { DeliveryQueues } from "@topicdesk/queue";

/**
 * Short answers go through delivery's lane of the backend group, so they share its FIFO and its
 * ~20/min budget with everything else the group receives.
 */
export interface GroupAnswers {
  /** Replies to the command message in General; the job id derives from the event id. */
  answer(event: DomainEvent, text: string): Promise<void>;
}

export function createGroupAnswers(queues: DeliveryQueues): GroupAnswers {
  return {
    async answer(event, text) {
      const invocation = event.command;
      if (!invocation) return;
      await queues.enqueue(
        { kind: "group", chatId: invocation.backendChatId },
        {
          v: 1,
          id: `broadcast.${event.id.replaceAll(":", ".")}.answer`,
          connectionId: event.connectionId,
          type: "text.send",
          target: {
            kind: "backend",
            ...(invocation.threadId === undefined ? {} : { threadId: invocation.threadId }),
          },
          text,
          replyToMessageId: invocation.messageId,
        },
      );
    },
  };
}
