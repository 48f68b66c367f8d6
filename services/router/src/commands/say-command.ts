import { DialogStatus } from "@topicdesk/contracts";
import { type Decision, emptyDecision } from "../decide/decision.ts";
import type { DialogState } from "../decide/event-context.ts";
import type { QuickReply } from "../decide/module-facts.ts";
import { replyNotice } from "../decide/reply-notice.ts";
import { statusChange } from "../decide/status-change.ts";
import { requireRole } from "../roles/require-role.ts";
import type { CommandHandler, CommandInput } from "./command-types.ts";
import { messageLink } from "./message-link.ts";
import { parseSay, SAY_HELP } from "./say-syntax.ts";

/** Telegram albums hold at most 10 items; older album parts than a day are no longer known. */
const ALBUM_MAX_AGE_SECONDS = 24 * 3600;

/**
 * /say: quick replies. Any operator may list, save, send and delete them, in a client's topic or in
 * the General topic (sending needs a client's topic). A quick reply is a reference to messages in
 * this group; Telegram keeps the content.
 */
export const sayCommand: CommandHandler = (input) => {
  const { context, message } = input;
  const refused = requireRole(
    { caller: context.caller, message, dialog: context.dialog },
    "operator",
    "/say",
  );
  if (refused) return refused;
  if (message.threadId !== undefined && !context.dialog) {
    return notice(input, "/say works in a client's topic and in the General topic.");
  }
  const command = parseSay(input.args);
  switch (command.kind) {
    case "list":
      return listQuickReplies(input);
    case "invalid":
      return notice(input, `⚠️ ${command.reason}.\n${SAY_HELP}`);
    case "delete":
      return deleteQuickReply(input, command.name);
    case "use":
      if (message.replyToMessageId !== undefined) {
        if (command.forward) return notice(input, "⚠️ “fwd” is for sending: save with /say NAME as a reply.");
        return saveQuickReply(input, command.name);
      }
      return sendQuickReply(input, command.name, command.forward);
  }
};

function listQuickReplies(input: CommandInput): Decision {
  const replies = quickRepliesOf(input);
  if (replies.length === 0) return notice(input, `No quick replies yet.\n${SAY_HELP}`);
  const lines = replies.map((reply) => {
    const first = reply.messageIds[0] ?? 0;
    const album = reply.messageIds.length > 1 ? ` (album of ${reply.messageIds.length})` : "";
    return `• ${reply.name}${album} — ${messageLink(reply.chatId, first, reply.threadId)}`;
  });
  return notice(input, `Quick replies:\n${lines.join("\n")}\n\n${SAY_HELP}`);
}

function saveQuickReply(input: CommandInput, name: string): Decision {
  const { context, message } = input;
  const replyTo = message.replyToMessageId ?? 0;
  let messageIds = [replyTo];
  if (message.replyToMediaGroupId !== undefined) {
    if (!context.dialog) return notice(input, "⚠️ Albums can be saved only in a client's topic.");
    const age = message.date - (message.replyToDate ?? 0);
    const parts = context.modules?.replyAlbum?.messageIds ?? [];
    if (age > ALBUM_MAX_AGE_SECONDS || parts.length === 0) {
      return notice(input, "⚠️ This album is too old: albums can be saved up to a day after they were sent.");
    }
    messageIds = parts.slice(0, 10);
  }
  const existed = quickRepliesOf(input).some((reply) => reply.name === name);
  const decision = notice(
    input,
    `✅ Quick reply “${name}” ${existed ? "replaced" : "saved"}. Send it in a client's topic with /say ${name}.`,
  );
  decision.moduleWrites = [
    {
      kind: "quick-reply.save",
      name,
      chatId: context.connection.backendChatId,
      threadId: message.threadId ?? null,
      messageIds,
      savedBy: context.event.from?.id ?? null,
    },
  ];
  return decision;
}

function deleteQuickReply(input: CommandInput, name: string): Decision {
  if (!findQuickReply(input, name)) return unknownQuickReply(input, name);
  const decision = notice(input, `🗑 Quick reply “${name}” deleted.`);
  decision.moduleWrites = [{ kind: "quick-reply.delete", name }];
  return decision;
}

function sendQuickReply(input: CommandInput, name: string, forward: boolean): Decision {
  const dialog = input.context.dialog;
  if (!dialog) return notice(input, `/say ${name} sends to a client: use it in the client's topic.`);
  const reply = findQuickReply(input, name);
  if (!reply) return unknownQuickReply(input, name);
  return operatorSends(input, dialog, reply, forward);
}

/**
 * The quick reply goes to the client like an operator's answer: the dialog becomes 🟨 and the
 * AUTOCLOSE clock restarts.
 */
function operatorSends(
  input: CommandInput,
  dialog: DialogState,
  reply: QuickReply,
  forward: boolean,
): Decision {
  const { context } = input;
  const operatorId = context.event.from?.id;
  const decision =
    dialog.status === DialogStatus.SupportAnswered
      ? emptyDecision()
      : statusChange(
          { dialog, params: context.params, now: context.now, pseudonymKey: context.pseudonymKey },
          DialogStatus.SupportAnswered,
        );
  if (dialog.status !== DialogStatus.SupportAnswered) decision.domainEvents.push({ kind: "dialog.status" });
  decision.patchDialog = {
    ...decision.patchDialog,
    lastOperatorMessageAt: context.now,
    statusChangedAt: context.now,
  };
  decision.jobs.push(templateJob(reply, forward, operatorId));
  decision.dialogEvents.push(
    operatorId === undefined ? { kind: "operator_message" } : { kind: "operator_message", operatorId },
  );
  return decision;
}

/** Also used by `/mark NAME sends TEMPLATE`: the job that sends a quick reply to the dialog's client. */
export function templateJob(reply: QuickReply, forward: boolean, operatorId: number | undefined) {
  return {
    type: "template.send" as const,
    lane: "chat" as const,
    fromChatId: reply.chatId,
    messageIds: reply.messageIds,
    mode: forward ? ("forward" as const) : ("copy" as const),
    ...(operatorId === undefined ? {} : { operatorId }),
  };
}

export function findQuickReply(input: Pick<CommandInput, "context">, name: string): QuickReply | undefined {
  return quickRepliesOf(input).find((reply) => reply.name === name);
}

function quickRepliesOf(input: Pick<CommandInput, "context">): QuickReply[] {
  return input.context.modules?.quickReplies ?? [];
}

function unknownQuickReply(input: CommandInput, name: string): Decision {
  return notice(input, `⚠️ There is no quick reply “${name}”. Send /say for the list.`);
}

function notice(input: CommandInput, text: string): Decision {
  return replyNotice(input.message, text, input.context.dialog);
}
