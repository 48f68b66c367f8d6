import type { MessageInfo } from "@topicdesk/contracts";
import { type Decision, emptyDecision, type JobSpec } from "./decision.ts";
import type { DialogState } from "./event-context.ts";

/** A short answer in the same topic, as a reply to the operator's message. */
export function replyNotice(message: MessageInfo, text: string, dialog: DialogState | undefined): Decision {
  const job: JobSpec = {
    type: "text.send",
    lane: "group",
    target: dialog ? { kind: "topic" } : backendTarget(message.threadId),
    text,
    replyToMessageId: message.messageId,
  };
  return { ...emptyDecision(), jobs: [job] };
}

function backendTarget(threadId: number | undefined): { kind: "backend"; threadId?: number } {
  return threadId === undefined ? { kind: "backend" } : { kind: "backend", threadId };
}
