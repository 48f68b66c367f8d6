import type { DomainEvent } from "@topicdesk/contracts";
import type { DialogFacts, PayloadFacts } from "./payload-facts.ts";

/**
 * The body of one webhook POST, in the reference product's shape (§5.2 of the spec's reference):
 * an envelope with `event_type`, `timestamp`, `instance_id`, `data` and `api_key`, plus our
 * additive `v` and `event_id` (receivers can drop repeats by it: deliveries are at least once).
 */
export interface WebhookBody {
  v: 1;
  event_type: string;
  event_id: string;
  /** When it happened, UTC, "YYYY-MM-DD HH:MM:SS" as the reference writes it. */
  timestamp: string;
  instance_id: string;
  data: Record<string, unknown>;
  api_key: string;
}

/** Reference payloads carry a department; Topicdesk has one per connection. */
const DEPARTMENT = "default";

export function webhookBody(eventType: string, event: DomainEvent, facts: PayloadFacts): WebhookBody {
  return {
    v: 1,
    event_type: eventType,
    event_id: event.id,
    timestamp: referenceTimestamp(event.at),
    instance_id: facts.connectionId,
    data: dataOf(eventType, event, facts),
    api_key: facts.apiKey,
  };
}

function dataOf(eventType: string, event: DomainEvent, facts: PayloadFacts): Record<string, unknown> {
  if (eventType.startsWith("/")) return commandData(event, facts);
  if (eventType.startsWith("message_")) return messageData(eventType, event, facts);
  return dialogData(event, facts);
}

/** dialog_created, dialog_reopened, dialog_closed. */
function dialogData(event: DomainEvent, facts: PayloadFacts): Record<string, unknown> {
  const dialog = facts.dialog;
  return {
    ...topicFields(facts.backendChatId, dialog?.topicId ?? null),
    ...clientFields(dialog),
    frontend_topic_id: null,
    frontend_topic_link: null,
    frontend_user_id: facts.frontendUserId,
    chat_type: dialog?.chatType ?? null,
    title: dialog?.topicName ?? null,
    department: DEPARTMENT,
    dialog_id: dialog?.id ?? event.dialogId ?? null,
    status: dialog?.status ?? event.status ?? null,
    /** dialog_closed: who closed it (null when it closed itself, see `reason`). */
    operator_id: event.operatorId ?? null,
    reason: event.reason ?? null,
  };
}

/**
 * message_received, message_sent, message_intercepted. `text` and `content_type` of the reference
 * are not carried (we never keep message bodies); the ids let a receiver that has its own bot
 * access to the group find the message.
 */
function messageData(eventType: string, event: DomainEvent, facts: PayloadFacts): Record<string, unknown> {
  const dialog = facts.dialog;
  const backendIds = facts.messages?.backendMessageIds ?? [];
  const frontendIds = facts.messages?.frontendMessageIds ?? [];
  const sentByClient = eventType === "message_received";
  return {
    backend_chat_id: facts.backendChatId,
    backend_thread_id: dialog?.topicId ?? null,
    backend_message_id: backendIds[0] ?? null,
    backend_message_ids: backendIds,
    ...clientFields(dialog),
    frontend_message_id: frontendIds[0] ?? null,
    frontend_message_ids: frontendIds,
    frontend_user_id: facts.frontendUserId,
    sender_user_id: sentByClient ? clientUserId(dialog) : (event.operatorId ?? null),
    chat_type: dialog?.chatType ?? null,
    department: DEPARTMENT,
    dialog_id: dialog?.id ?? event.dialogId ?? null,
  };
}

/** A `/command` an operator wrote; `command_data` is what followed the command. */
function commandData(event: DomainEvent, facts: PayloadFacts): Record<string, unknown> {
  const command = event.command;
  const topicId = command?.threadId ?? null;
  return {
    command_data: command?.args ?? "",
    ...topicFields(command?.backendChatId ?? facts.backendChatId, topicId),
    message_id: command?.messageId ?? null,
    reply_message_id: command?.replyToMessageId ?? 0,
    sender_user_id: command?.callerId ?? null,
    ...clientFields(facts.dialog),
    frontend_thread_id: null,
    frontend_user_id: facts.frontendUserId,
    dialog_id: facts.dialog?.id ?? null,
    department: DEPARTMENT,
  };
}

function topicFields(backendChatId: number, topicId: number | null): Record<string, unknown> {
  return {
    chat_id: backendChatId,
    thread_id: topicId,
    topic_id: topicId,
    topic_link: topicId === null ? null : topicLink(backendChatId, topicId),
  };
}

/** Who the client is, unless HIDE_INFO hides it: then neither id is sent, as the topic shows none. */
function clientFields(dialog: DialogFacts | undefined): Record<string, unknown> {
  return {
    user_id: clientUserId(dialog),
    frontend_chat_id: dialog === undefined || dialog.identityHidden ? null : dialog.clientChatId,
  };
}

function clientUserId(dialog: DialogFacts | undefined): number | null {
  if (dialog === undefined || dialog.identityHidden || dialog.chatType !== "private") return null;
  return dialog.clientChatId;
}

/** `https://t.me/c/<group id without -100>/<topic>`: opens the topic for members of the group. */
export function topicLink(backendChatId: number, topicId: number): string {
  const internalId = String(backendChatId).replace(/^-100/, "");
  return `https://t.me/c/${internalId}/${topicId}`;
}

function referenceTimestamp(at: number): string {
  return new Date(at).toISOString().slice(0, 19).replace("T", " ");
}
