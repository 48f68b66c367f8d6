import { albumJobId } from "@topicdesk/contracts";
import { type Decision, emptyDecision, ignore, type JobSpec } from "./decision.ts";
import type { EventContext } from "./event-context.ts";

/**
 * A message the connection itself sent to a client, but not through Topicdesk: the account typed it
 * on one of its other devices, or the other system of a bot in parallel mode sent it. With
 * INTERCEPT_EXTERNAL it is forwarded into the dialog's topic (an "intercepted" message), never back to
 * the client. It opens no dialog (the other system greets everyone; PRIVATE_KEYWORDS decides who
 * gets a topic) and leaves the status alone: whether it answered the client is for operators to say.
 */
export function decideInterceptedMessage(context: EventContext): Decision {
  const { event, dialog, params } = context;
  const message = event.message;
  if (!message) return ignore("message event without a message");
  // Our own copy, seen again (a catch-up after a restart replays the session's sends).
  if (context.ownOutgoing) return ignore("our own send, seen again");
  if (!params.interceptExternal) return ignore("INTERCEPT_EXTERNAL is off");
  if (!dialog) return ignore("outgoing message outside a dialog");
  if (message.content === "service") return ignore("service message");
  const job: JobSpec = {
    type: "copy.to-topic",
    lane: "group",
    fromChatId: event.chat.id,
    messageIds: [message.messageId],
    // Forwarded, not copied: the topic shows who wrote it, so it never passes for the client's.
    intercepted: true,
  };
  if (message.replyToMessageId !== undefined) job.replyToClientMessageId = message.replyToMessageId;
  const decision: Decision = {
    ...emptyDecision(),
    jobs: [job],
    domainEvents: [{ kind: "message.intercepted", messageIds: [message.messageId] }],
  };
  if (message.mediaGroupId !== undefined) {
    job.mediaGroupId = message.mediaGroupId;
    job.fixedId = albumJobId(event.connectionId, event.chat.id, message.mediaGroupId);
    decision.albumPart = {
      chatId: event.chat.id,
      mediaGroupId: message.mediaGroupId,
      messageId: message.messageId,
    };
  }
  return decision;
}
