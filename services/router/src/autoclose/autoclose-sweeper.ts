import { DialogStatus, type DomainEvent, deliveryJobId, deliveryQueueName } from "@topicdesk/contracts";
import { createRepositories, type Database, type Dialog } from "@topicdesk/db";
import { resolveParameters } from "@topicdesk/params";
import type { Kysely } from "kysely";
import { flushOutbox, type InboundHandlerDeps } from "../apply/handle-inbound-event.ts";
import { dialogParametersFrom } from "../decide/dialog-parameters-from.ts";
import { topicName } from "../decide/topic-name.ts";

/**
 * Closes dialogs that sat in 🟨 longer than the connection's AUTOCLOSE hours since the last
 * operator message. 🟪 dialogs are never closed: someone owes the client an answer.
 *
 * The close is a conditional update (still 🟨, still old), so a client message that arrived a moment
 * ago — and moved the dialog to 🟪 — wins.
 */
export async function sweepAutoClose(deps: InboundHandlerDeps): Promise<number> {
  const now = deps.now();
  const repositories = createRepositories(deps.db);
  let closed = 0;
  for (const connection of await repositories.connectionRepository.list()) {
    if (connection.status !== "active") continue;
    const params = dialogParametersFrom(
      resolveParameters(await repositories.parameterRepository.listRaw(connection.id)),
    );
    if (params.autoCloseHours <= 0) continue;
    const cutoff = new Date(now.getTime() - params.autoCloseHours * 3_600_000);
    const due = await repositories.dialogRepository.listSupportAnsweredBefore(connection.id, cutoff);
    for (const dialog of due) {
      if (await closeOne(deps.db, dialog, cutoff, now, params, deps)) closed += 1;
    }
  }
  return closed;
}

async function closeOne(
  db: Kysely<Database>,
  dialog: Dialog,
  cutoff: Date,
  now: Date,
  params: ReturnType<typeof dialogParametersFrom>,
  deps: InboundHandlerDeps,
): Promise<boolean> {
  const causeId = `autoclose:${dialog.id}:${now.getTime()}`;
  const done = await db.transaction().execute(async (trx) => {
    const result = await trx
      .updateTable("dialogs")
      .set({ status: DialogStatus.Closed, status_changed_at: now, closed_at: now, updated_at: now })
      .where("id", "=", dialog.id)
      .where("status", "=", DialogStatus.SupportAnswered)
      .where("status_changed_at", "<", cutoff)
      .executeTakeFirst();
    if ((result.numUpdatedRows ?? 0n) === 0n) return false;
    const repositories = createRepositories(trx);
    const queue = deliveryQueueName({ kind: "group", chatId: dialog.backend_chat_id });
    const base = {
      v: 1 as const,
      connectionId: dialog.connection_id,
      dialogId: dialog.id,
      causeEventId: causeId,
    };
    const client = {
      clientChatId: dialog.client_chat_id,
      chatType: dialog.chat_type,
      firstName: dialog.first_name,
      lastName: dialog.last_name,
      title: dialog.title,
    };
    await repositories.eventLedger.addOutbox(causeId, [
      {
        queue,
        job: {
          ...base,
          id: deliveryJobId(causeId, 0),
          type: "topic.rename",
          name: topicName(client, DialogStatus.Closed, params, deps.pseudonymKey),
        },
      },
      { queue, job: { ...base, id: deliveryJobId(causeId, 1), type: "topic.set-open", open: false } },
    ]);
    await repositories.dialogEventRepository.append({
      dialog_id: dialog.id,
      connection_id: dialog.connection_id,
      kind: "closed",
      operator_id: null,
      at: now,
    });
    const event: DomainEvent = {
      v: 1,
      id: `${causeId}.closed`,
      kind: "dialog.closed",
      connectionId: dialog.connection_id,
      at: now.getTime(),
      dialogId: dialog.id,
      status: DialogStatus.Closed,
      reason: "autoclose",
    };
    await deps.publish(event);
    return true;
  });
  if (done) await flushOutbox(causeId, deps);
  return done;
}
