import { albumJobId, DialogStatus, type MessageInfo } from "@topicdesk/contracts";
import { matchesKeywords } from "@topicdesk/params";
import { commandHandlers, parseCommand, unknownCommandHint } from "../commands/command-table.ts";
import { customCommand, withWebhookCommandEvent } from "../commands/module-commands.ts";
import { requireRole } from "../roles/require-role.ts";
import { type Decision, emptyDecision, ignore, type JobSpec } from "./decision.ts";
import type { DialogState, EventContext } from "./event-context.ts";
import { replyNotice } from "./reply-notice.ts";
import { topicName } from "./topic-name.ts";

/** A message written in the backend group: a reply to a client, a comment, or a command. */
export function decideOperatorMessage(context: EventContext): Decision {
  const { event } = context;
  const message = event.message;
  if (!message) return ignore("message event without a message");
  if (event.from?.isBot) return ignore("messages of bots in the backend group are not relayed");
  if (message.content === "service") return ignore("service message");
  const text = message.text ?? "";
  if (isInternalComment(text)) return ignore("internal comment");
  const command = parseCommand(text);
  if (message.senderChatId !== undefined) return anonymousAdminHint(message, context.dialog);
  if (command) return decideCommand(context, command, message);
  if (message.threadId === undefined) return ignore("General topic: only commands are handled there");
  if (!context.dialog) return ignore("topic does not belong to a client dialog");
  return decideReply(context, context.dialog, message);
}

/** `/ text` (slash and space) is a note for the team; `/word` is a command. */
export function isInternalComment(text: string): boolean {
  return text.startsWith("/ ") || text === "/";
}

function decideCommand(
  context: EventContext,
  command: { name: string; args: string },
  message: MessageInfo,
): Decision {
  // Every command is for members of the group at least; handlers ask for more where they need it.
  const refused = requireRole(
    { caller: context.caller, message, dialog: context.dialog },
    "operator",
    `/${command.name}`,
  );
  if (refused) return refused;
  const input = { context, args: command.args, message };
  const handler = commandHandlers[command.name];
  const forWebhook = context.params.webhookCommands.has(command.name);
  if (!handler) {
    // Silent here; published as `command.invoked` for webhooks and assistant bots. A command a
    // WEBHOOKS receiver subscribed to is known: its receiver answers it, so no "unknown" hint.
    if (context.params.customCommands.has(command.name) || forWebhook)
      return customCommand(input, command.name);
    return replyNotice(message, unknownCommandHint(command.name), context.dialog);
  }
  const decision = handler(input);
  return forWebhook ? withWebhookCommandEvent(decision, handler, input, command.name) : decision;
}

function decideReply(context: EventContext, dialog: DialogState, message: MessageInfo): Decision {
  const { params, now } = context;
  if (params.replyOnly && context.replyTarget?.direction !== "inbound") {
    return ignore("REPLY_ONLY: only replies to client messages are delivered");
  }
  if (params.restrictedBackend && message.text && matchesKeywords(params.restrictedBackend, message.text)) {
    return replyNotice(
      message,
      "🚫 Not delivered: the message contains a word listed in RESTRICTED_KEYWORDS_BACKEND.",
      dialog,
    );
  }
  const operatorId = context.event.from?.id;
  const job: JobSpec = {
    type: "copy.to-client",
    lane: "chat",
    fromChatId: context.event.chat.id,
    messageIds: [message.messageId],
  };
  if (operatorId !== undefined) job.operatorId = operatorId;
  if (message.replyToMessageId !== undefined && context.replyTarget) {
    job.replyToTopicMessageId = message.replyToMessageId;
  }
  const decision: Decision = {
    ...emptyDecision(),
    patchDialog: { lastOperatorMessageAt: now },
    domainEvents: [],
    dialogEvents: [
      operatorId === undefined ? { kind: "operator_message" } : { kind: "operator_message", operatorId },
    ],
  };
  if (message.mediaGroupId !== undefined) {
    job.mediaGroupId = message.mediaGroupId;
    job.fixedId = albumJobId(context.event.connectionId, context.event.chat.id, message.mediaGroupId);
    decision.albumPart = {
      chatId: context.event.chat.id,
      mediaGroupId: message.mediaGroupId,
      messageId: message.messageId,
    };
  }
  if (dialog.status !== DialogStatus.SupportAnswered) {
    decision.patchDialog = {
      ...decision.patchDialog,
      status: DialogStatus.SupportAnswered,
      statusChangedAt: now,
      closedAt: null,
    };
    decision.jobs.push({
      type: "topic.rename",
      lane: "group",
      name: topicName(dialog, DialogStatus.SupportAnswered, params, context.pseudonymKey),
    });
    decision.domainEvents.push({ kind: "dialog.status" });
  }
  // AUTOCLOSE counts from the last operator message, so each reply restarts the clock.
  decision.patchDialog = { ...decision.patchDialog, statusChangedAt: now };
  decision.jobs.push(job);
  return decision;
}

function anonymousAdminHint(message: MessageInfo, dialog: DialogState | undefined): Decision {
  return replyNotice(
    message,
    "👤 Anonymous admins cannot answer clients or use commands: turn off “Remain anonymous” in your admin rights.",
    dialog,
  );
}
