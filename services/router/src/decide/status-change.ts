import { DialogStatus } from "@topicdesk/contracts";
import { type Decision, emptyDecision } from "./decision.ts";
import type { DialogParameters } from "./dialog-parameters.ts";
import type { DialogState } from "./event-context.ts";
import { topicName } from "./topic-name.ts";

export interface StatusChangeInput {
  dialog: DialogState;
  params: DialogParameters;
  now: Date;
  pseudonymKey: string;
}

/** A new status: stored, and shown as the first character of the topic name. */
export function statusChange(input: StatusChangeInput, status: DialogStatus): Decision {
  const decision = emptyDecision();
  decision.patchDialog = { status, statusChangedAt: input.now };
  if (status !== DialogStatus.Closed) decision.patchDialog.closedAt = null;
  decision.jobs.push({
    type: "topic.rename",
    lane: "group",
    name: topicName(input.dialog, status, input.params, input.pseudonymKey),
  });
  if (input.dialog.status === DialogStatus.Closed && status !== DialogStatus.Closed) {
    decision.jobs.push({ type: "topic.set-open", lane: "group", open: true });
  }
  return decision;
}

/**
 * ⬛️ closed, by an operator (/close) or by AUTOCLOSE: the native topic is closed too, so the topic
 * list shows it, and the client's next message reopens it.
 */
export function closeDialog(
  input: StatusChangeInput,
  by: { operatorId?: number; reason?: string },
): Decision {
  const decision = statusChange(input, DialogStatus.Closed);
  decision.patchDialog = { ...decision.patchDialog, closedAt: input.now };
  decision.jobs.push({ type: "topic.set-open", lane: "group", open: false });
  decision.domainEvents.push({ kind: "dialog.closed", ...by });
  decision.dialogEvents.push(
    by.operatorId === undefined ? { kind: "closed" } : { kind: "closed", operatorId: by.operatorId },
  );
  return decision;
}
