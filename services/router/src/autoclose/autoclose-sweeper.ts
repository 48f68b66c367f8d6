import { DialogStatus } from "@topicdesk/contracts";
import { type Connection, createRepositories, type Dialog } from "@topicdesk/db";
import { resolveParameters } from "@topicdesk/params";
import { applyDecision } from "../apply/apply-decision.ts";
import { flushOutbox, type InboundHandlerDeps } from "../apply/handle-inbound-event.ts";
import { dialogStateOf } from "../apply/load-context.ts";
import { withTickers } from "../apply/load-module-facts.ts";
import type { DialogParameters } from "../decide/dialog-parameters.ts";
import { dialogParametersFrom } from "../decide/dialog-parameters-from.ts";
import { closeDialog } from "../decide/status-change.ts";

/**
 * Closes dialogs that sat in 🟨 longer than the connection's AUTOCLOSE hours since the last
 * operator message. 🟪 dialogs are never closed: someone owes the client an answer.
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
    for (const dialog of await repositories.dialogRepository.listSupportAnsweredBefore(
      connection.id,
      cutoff,
    )) {
      if (await closeIfStillDue(dialog.id, connection, { cutoff, now, params }, deps)) closed += 1;
    }
  }
  return closed;
}

/**
 * The same decision and apply path as /close, under the dialog's row lock and re-checked there: a
 * client message that arrived a moment ago (and made the dialog 🟪) wins.
 */
async function closeIfStillDue(
  dialogId: number,
  connection: Connection,
  due: { cutoff: Date; now: Date; params: DialogParameters },
  deps: InboundHandlerDeps,
): Promise<boolean> {
  const causeId = `autoclose:${dialogId}:${due.now.getTime()}`;
  const closed = await deps.db.transaction().execute(async (trx) => {
    const row: Dialog | undefined = await trx
      .selectFrom("dialogs")
      .selectAll()
      .where("id", "=", dialogId)
      .forUpdate()
      .executeTakeFirst();
    if (!row || row.status !== DialogStatus.SupportAnswered || row.status_changed_at >= due.cutoff)
      return false;
    const repositories = createRepositories(trx);
    const dialog = await withTickers(dialogStateOf(row), connection.id, repositories);
    const decision = closeDialog(
      { dialog, params: due.params, now: due.now, pseudonymKey: deps.pseudonymKey },
      { reason: "autoclose" },
    );
    const { outbox, events } = await applyDecision(
      decision,
      { dialog, now: due.now, params: due.params },
      connection,
      repositories,
      { id: causeId, connectionId: connection.id, chatId: row.client_chat_id },
    );
    await repositories.eventLedger.addOutbox(causeId, outbox);
    for (const event of events) await deps.publish(event);
    return true;
  });
  if (closed) await flushOutbox(causeId, deps);
  return closed;
}
