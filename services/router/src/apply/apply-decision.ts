import {
  type DeliveryJob,
  type DeliveryLane,
  type DomainEvent,
  deliveryJobId,
  deliveryQueueName,
} from "@topicdesk/contracts";
import type { Connection, DialogPatch as DialogRowPatch, OutboxRow, Repositories } from "@topicdesk/db";
import type { Decision, DialogPatch, JobSpec } from "../decide/decision.ts";
import type { DialogParameters } from "../decide/dialog-parameters.ts";
import type { DialogState } from "../decide/event-context.ts";
import { applyModuleWrites } from "./apply-module-writes.ts";

/** What caused a decision: an inbound event, or a timer such as AUTOCLOSE. Ids derive from it. */
export interface DecisionCause {
  id: string;
  connectionId: string;
  chatId: number;
  traceparent?: string | undefined;
}

/**
 * Writes a decision inside the event's transaction: the dialog, album part, analytics events, and
 * the delivery jobs into the outbox. Returns the domain events to publish.
 */
export async function applyDecision(
  decision: Decision,
  context: { dialog: DialogState | undefined; now: Date; params?: Pick<DialogParameters, "hideInfo"> },
  connection: Connection,
  repositories: Repositories,
  cause: DecisionCause,
): Promise<{ outbox: OutboxRow[]; events: DomainEvent[] }> {
  const { now } = context;
  let dialogId = context.dialog?.id;
  if (decision.createDialog) {
    const created = await repositories.dialogRepository.create({
      connection_id: connection.id,
      client_chat_id: decision.createDialog.clientChatId,
      chat_type: decision.createDialog.chatType as "private",
      backend_chat_id: connection.backend_chat_id,
      topic_id: null,
      status: decision.createDialog.status,
      first_name: decision.createDialog.firstName ?? null,
      last_name: decision.createDialog.lastName ?? null,
      username: decision.createDialog.username ?? null,
      language_code: decision.createDialog.languageCode ?? null,
      phone: decision.createDialog.phone ?? null,
      title: decision.createDialog.title ?? null,
      start_param: decision.createDialog.startParam ?? null,
      last_client_message_at: now,
      status_changed_at: now,
    });
    dialogId = created.id;
  }
  const patch = { ...(decision.patchDialog ? rowPatch(decision.patchDialog) : {}), ...topicFacts(decision) };
  if (dialogId !== undefined && Object.keys(patch).length > 0) {
    await repositories.dialogRepository.update(dialogId, patch);
  }
  await applyModuleWrites(decision, connection, repositories);
  if (decision.albumPart) {
    const part = decision.albumPart;
    await repositories.albumRepository.addPart(connection.id, part.chatId, part.mediaGroupId, part.messageId);
  }
  if (dialogId !== undefined) {
    for (const dialogEvent of decision.dialogEvents) {
      await repositories.dialogEventRepository.append({
        dialog_id: dialogId,
        connection_id: connection.id,
        kind: dialogEvent.kind,
        operator_id: dialogEvent.operatorId ?? null,
        at: now,
      });
    }
  }
  const clientChatId = context.dialog?.clientChatId ?? decision.createDialog?.clientChatId ?? cause.chatId;
  const outbox = decision.jobs.flatMap((spec, index) => {
    const job = deliveryJob(spec, index, cause, dialogId);
    if (!job) return [];
    const lane: DeliveryLane =
      spec.lane === "group"
        ? { kind: "group", chatId: connection.backend_chat_id }
        : { kind: "chat", connectionId: connection.id, chatId: destinationChatOf(job, clientChatId) };
    return [{ queue: deliveryQueueName(lane), job }];
  });
  const chatType = context.dialog?.chatType ?? decision.createDialog?.chatType;
  // HIDE_INFO: integrators see no more than operators, whose topic names then show no client id.
  const identityHidden = context.params?.hideInfo.has(chatType === "private" ? "name" : "title") ?? false;
  const events = decision.domainEvents.map((spec, index): DomainEvent => {
    const domainEvent: DomainEvent = {
      v: 1,
      id: `${cause.id}.evt${index}`,
      kind: spec.kind,
      connectionId: connection.id,
      at: now.getTime(),
    };
    if (!identityHidden) {
      domainEvent.clientChatId =
        context.dialog?.clientChatId ?? decision.createDialog?.clientChatId ?? cause.chatId;
    }
    if (dialogId !== undefined) domainEvent.dialogId = dialogId;
    if (spec.operatorId !== undefined) domainEvent.operatorId = spec.operatorId;
    if (spec.messageIds !== undefined) domainEvent.messageIds = spec.messageIds;
    if (spec.reason !== undefined) domainEvent.reason = spec.reason;
    if (spec.command !== undefined) domainEvent.command = spec.command;
    if (spec.labels !== undefined) domainEvent.labels = spec.labels;
    const status = decision.patchDialog?.status ?? decision.createDialog?.status ?? context.dialog?.status;
    if (status !== undefined) domainEvent.status = status;
    return domainEvent;
  });
  return { outbox, events };
}

function deliveryJob(
  spec: JobSpec,
  index: number,
  cause: DecisionCause,
  eventDialogId: number | undefined,
): DeliveryJob | undefined {
  const { lane: _lane, fixedId, dialogId: explicitDialogId, ...rest } = spec;
  const dialogId = explicitDialogId ?? eventDialogId;
  const needsDialog =
    rest.type !== "text.send" || rest.target.kind === "client" || rest.target.kind === "topic";
  if (needsDialog && dialogId === undefined) return undefined;
  const job = {
    ...rest,
    v: 1 as const,
    id: fixedId ?? deliveryJobId(cause.id, index),
    connectionId: cause.connectionId,
    causeEventId: cause.id,
    ...(dialogId === undefined ? {} : { dialogId }),
    ...(cause.traceparent === undefined ? {} : { traceparent: cause.traceparent }),
  };
  return job as DeliveryJob;
}

function rowPatch(patch: DialogPatch): DialogRowPatch {
  const row: DialogRowPatch = {};
  if (patch.status !== undefined) row.status = patch.status;
  if (patch.blocked !== undefined) row.blocked = patch.blocked;
  if (patch.banned !== undefined) row.banned = patch.banned;
  if (patch.phone !== undefined) row.phone = patch.phone;
  if (patch.lastClientMessageAt !== undefined) row.last_client_message_at = patch.lastClientMessageAt;
  if (patch.lastOperatorMessageAt !== undefined) row.last_operator_message_at = patch.lastOperatorMessageAt;
  if (patch.statusChangedAt !== undefined) row.status_changed_at = patch.statusChangedAt;
  if (patch.closedAt !== undefined) row.closed_at = patch.closedAt;
  if (patch.labels !== undefined) row.labels = patch.labels;
  return row;
}

/** The name and colour the decision gives the topic, kept so delivery can recreate a deleted topic. */
function topicFacts(decision: Decision): DialogRowPatch {
  const facts: DialogRowPatch = {};
  for (const job of decision.jobs) {
    if (job.type === "topic.create" || job.type === "topic.rename") facts.topic_name = job.name;
    if (job.type === "topic.create" && job.iconColor !== undefined) facts.icon_color = job.iconColor;
  }
  return facts;
}

/** The chat a client-side job writes to: its own target chat, or else the dialog's client chat. */
function destinationChatOf(job: DeliveryJob, clientChatId: number): number {
  return job.type === "text.send" && job.target.kind === "chat" ? job.target.chatId : clientChatId;
}
