import type { Connection, Dialog } from "@topicdesk/db";
import { conflict } from "../app/api-errors.ts";
import {
  type DialogCommandDeps,
  publishDialogCommand,
  waitUntilProcessed,
} from "./publish-dialog-command.ts";

/** The router took the command within the wait (`processed`), or it is still queued under `eventId`. */
export interface DialogCommandOutcome {
  eventId: string;
  processed: boolean;
}

/**
 * Runs a backend-group command in the dialog's topic through the router (close, reopen, tag …) and
 * waits up to `waitMs` for the router's ledger to show it processed. A dialog whose topic does not
 * exist yet has nowhere to type the command: 409.
 */
export async function runDialogCommand(
  deps: DialogCommandDeps & { actionWaitMs: number },
  connection: Connection,
  dialog: Dialog,
  command: string,
): Promise<DialogCommandOutcome> {
  if (dialog.topic_id === null)
    throw conflict("The dialog's topic is not created yet; try again in a moment.");
  const eventId = await publishDialogCommand(
    deps,
    connection,
    { ...dialog, topic_id: dialog.topic_id },
    command,
  );
  return { eventId, processed: await waitUntilProcessed(deps.db, eventId, deps.actionWaitMs) };
}
