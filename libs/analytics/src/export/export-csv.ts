import type { HideInfoOption } from "@topicdesk/params";
import { stringify } from "csv-stringify/sync";
import type { ExportDialog } from "./export-query.ts";

/** The columns, in order; the header row uses these names. */
export const EXPORT_COLUMNS = [
  "connection",
  "dialog_id",
  "user_id",
  "username",
  "name",
  "language",
  "chat_type",
  "status",
  "labels",
  "first_contact",
  "last_contact",
  "messages_in",
  "messages_out",
  "last_operator",
] as const;
export type ExportColumn = (typeof EXPORT_COLUMNS)[number];

/** Spreadsheet apps read a CSV as UTF-8 only when it starts with a byte order mark. */
const BOM = "\uFEFF";

/**
 * The export file: UTF-8 with BOM, a header row, one row per dialog (csv-stringify quotes what
 * needs quoting). HIDE_INFO masks like the /info card: a hidden name (or group title) also hides
 * the id and username, which would undo it; `link` hides the username.
 */
export function exportCsv(
  dialogs: readonly ExportDialog[],
  hideInfo: ReadonlySet<HideInfoOption>,
): Uint8Array {
  const records = dialogs.map((dialog) => exportRecord(dialog, hideInfo));
  const text = stringify(records, { header: true, columns: [...EXPORT_COLUMNS], record_delimiter: "\r\n" });
  return new TextEncoder().encode(BOM + text);
}

export function exportRecord(
  dialog: ExportDialog,
  hideInfo: ReadonlySet<HideInfoOption>,
): Record<ExportColumn, string | number> {
  const hideName = hideInfo.has(dialog.chatType === "private" ? "name" : "title");
  const hideLink = hideName || hideInfo.has("link");
  return {
    connection: dialog.connectionId,
    dialog_id: dialog.dialogId,
    user_id: hideName ? "" : dialog.clientChatId,
    username: hideLink || !dialog.username ? "" : `@${dialog.username}`,
    name: hideName ? "" : displayName(dialog),
    language: dialog.languageCode ?? "",
    chat_type: dialog.chatType,
    status: dialog.status,
    labels: dialog.labels.join(", "),
    first_contact: dialog.firstContactAt.toISOString(),
    last_contact: dialog.lastContactAt.toISOString(),
    messages_in: dialog.messagesIn,
    messages_out: dialog.messagesOut,
    last_operator: lastOperator(dialog),
  };
}

function displayName(dialog: ExportDialog): string {
  if (dialog.chatType !== "private") return dialog.title ?? "";
  return [dialog.firstName, dialog.lastName].filter((part) => part && part.length > 0).join(" ");
}

function lastOperator(dialog: ExportDialog): string {
  if (dialog.lastOperatorId === null) return "";
  const name = dialog.lastOperatorName ?? `id ${dialog.lastOperatorId}`;
  return dialog.lastOperatorUsername ? `${name} (@${dialog.lastOperatorUsername})` : name;
}
