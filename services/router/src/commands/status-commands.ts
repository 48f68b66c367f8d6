import { DialogStatus } from "@topicdesk/contracts";
import { type Decision, emptyDecision } from "../decide/decision.ts";
import { replyNotice } from "../decide/reply-notice.ts";
import { closeDialog, type StatusChangeInput, statusChange } from "../decide/status-change.ts";
import type { CommandHandler, CommandInput } from "./command-types.ts";

/** /close: ⬛️ and the native topic closed. */
export const closeCommand: CommandHandler = (input) => {
  const dialog = input.context.dialog;
  if (!dialog) return replyNotice(input.message, "/close works in a client's topic.", undefined);
  if (dialog.status === DialogStatus.Closed)
    return replyNotice(input.message, "This dialog is already closed.", dialog);
  return closeDialog(changeInput(input, dialog), operator(input));
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
  const decision = statusChange(changeInput(input, dialog), status);
  decision.domainEvents.push({ kind: "dialog.status", ...operator(input) });
  return decision;
}

function changeInput(input: CommandInput, dialog: StatusChangeInput["dialog"]): StatusChangeInput {
  const { params, now, pseudonymKey } = input.context;
  return { dialog, params, now, pseudonymKey };
}

function operator(input: CommandInput): { operatorId?: number } {
  const id = input.context.event.from?.id;
  return id === undefined ? {} : { operatorId: id };
}
