import type { DialogStatus } from "@topicdesk/contracts";
import type { Database, Dialog } from "@topicdesk/db";
import type { Kysely } from "kysely";
import { notFound } from "../app/api-errors.ts";

export interface DialogFilter {
  status?: DialogStatus | undefined;
  label?: string | undefined;
  /** Dialogs with an id below this (the previous page's last id): newest first, stable paging. */
  before?: number | undefined;
  limit: number;
}

/** One page of a connection's dialogs, newest first. */
export async function listDialogs(
  db: Kysely<Database>,
  connectionId: string,
  filter: DialogFilter,
): Promise<Dialog[]> {
  let query = db.selectFrom("dialogs").selectAll().where("connection_id", "=", connectionId);
  if (filter.status !== undefined) query = query.where("status", "=", filter.status);
  if (filter.label !== undefined)
    query = query.where((eb) => eb(eb.val(filter.label), "=", eb.fn.any("labels")));
  if (filter.before !== undefined) query = query.where("id", "<", filter.before);
  return await query.orderBy("id", "desc").limit(filter.limit).execute();
}

export async function findDialog(
  db: Kysely<Database>,
  connectionId: string,
  id: number,
): Promise<Dialog | undefined> {
  return await db
    .selectFrom("dialogs")
    .selectAll()
    .where("connection_id", "=", connectionId)
    .where("id", "=", id)
    .executeTakeFirst();
}

/** The dialog, or 404 (also for another connection's dialog: it looks absent). */
export async function requireDialog(db: Kysely<Database>, connectionId: string, id: number): Promise<Dialog> {
  const dialog = await findDialog(db, connectionId, id);
  if (!dialog) throw notFound(`No dialog ${id} on connection ${connectionId}.`);
  return dialog;
}
