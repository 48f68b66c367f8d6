import { DialogStatus } from "@topicdesk/contracts";
import { type Decision, emptyDecision } from "../decide/decision.ts";
import { replyNotice } from "../decide/reply-notice.ts";
import { topicName } from "../decide/topic-name.ts";
import type { CommandHandler, CommandInput } from "./command-table.ts";

/** /close: ⬛️, and the native topic is closed too so the topic list shows it. */
export const closeCommand: CommandHandler = (input) => {
  const { context, message } = input;
  const dialog = context.dialog;
  if (!dialog) return replyNotice(message, "/close works in a client's topic.", undefined);
  if (dialog.status === DialogStatus.Closed)
    return replyNotice(message, "This dialog is already closed.", dialog);
  const decision = setStatus(input, DialogStatus.Closed);
  decision.patchDialog = { ...decision.patchDialog, closedAt: context.now };
  decision.jobs.push({ type: "topic.set-open", lane: "group", open: false });
  decision.domainEvents.push({ kind: "dialog.closed", ...operator(input) });
  decision.dialogEvents.push({ kind: "closed", ...operator(input) });
  return decision;
};

/** /hold: keep the dialog 🟪 (someone owes the client something). */
export const holdCommand: CommandHandler = (input) =>
  statusCommand(input, DialogStatus.UserAnswered, "/hold");

/** /wait: 🟨 waiting for the client; AUTOCLOSE counts from now. */
export const waitCommand: CommandHandler = (input) =>
  statusCommand(input, DialogStatus.SupportAnswered, "/wait");

function statusCommand(input: CommandInput, status: DialogStatus, name: string): Decision {
  const dialog = input.context.dialog;
  if (!dialog) return replyNotice(input.message, `${name} works in a client's topic.`, undefined);
  if (dialog.status === status) return emptyDecision();
  const decision = setStatus(input, status);
  if (dialog.status === DialogStatus.Closed)
    decision.jobs.push({ type: "topic.set-open", lane: "group", open: true });
  decision.domainEvents.push({ kind: "dialog.status", ...operator(input) });
  return decision;
}

function setStatus(input: CommandInput, status: DialogStatus): Decision {
  const { context } = input;
  const dialog = context.dialog;
  const decision = emptyDecision();
  if (!dialog) return decision;
  decision.patchDialog = { status, statusChangedAt: context.now };
  if (status !== DialogStatus.Closed) decision.patchDialog.closedAt = null;
  decision.jobs.push({
    type: "topic.rename",
    lane: "group",
    name: topicName(dialog, status, context.params, context.pseudonymKey),
  });
  return decision;
}

function operator(input: CommandInput): { operatorId?: number } {
  const id = input.context.event.from?.id;
  return id === undefined ? {} : { operatorId: id };
}
