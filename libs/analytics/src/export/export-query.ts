import type { ChatType, DialogStatus } from "@topicdesk/contracts";
import type { Database } from "@topicdesk/db";
import { type Kysely, sql } from "kysely";
import type { ExportFilter } from "./export-filter.ts";

/** One client dialog as the export sees it, before any masking. */
export interface ExportDialog {
  dialogId: number;
  connectionId: string;
  clientChatId: number;
  chatType: ChatType;
  firstName: string | null;
  lastName: string | null;
  title: string | null;
  username: string | null;
  languageCode: string | null;
  status: DialogStatus;
  labels: string[];
  firstContactAt: Date;
  lastContactAt: Date;
  messagesIn: number;
  messagesOut: number;
  lastOperatorId: number | null;
  lastOperatorName: string | null;
  lastOperatorUsername: string | null;
}

interface ExportRow {
  id: number;
  connection_id: string;
  client_chat_id: number;
  chat_type: ChatType;
  first_name: string | null;
  last_name: string | null;
  title: string | null;
  username: string | null;
  language_code: string | null;
  status: DialogStatus;
  labels: string[];
  created_at: Date;
  last_contact_at: Date;
  messages_in: number;
  messages_out: number;
  last_operator_id: number | null;
  operator_first_name: string | null;
  operator_username: string | null;
}

/**
 * Every dialog of the connection matching the filter, oldest first, with message counts and the
 * last operator from `dialog_events`: one grouped pass over the connection's messages (migration
 * 0008's index), cheaper for a whole client base than a lookup per dialog.
 */
export async function queryExportDialogs(
  db: Kysely<Database>,
  connectionId: string,
  filter: ExportFilter,
): Promise<ExportDialog[]> {
  const lastContact = sql`greatest(d.created_at, d.last_client_message_at, d.last_operator_message_at)`;
  const { rows } = await sql<ExportRow>`
    select d.id, d.connection_id, d.client_chat_id, d.chat_type, d.first_name, d.last_name, d.title,
           d.username, d.language_code, d.status, d.labels, d.created_at,
           ${lastContact} as last_contact_at,
           coalesce(counts.messages_in, 0) as messages_in, coalesce(counts.messages_out, 0) as messages_out,
           counts.operator_id as last_operator_id,
           operators.first_name as operator_first_name, operators.username as operator_username
    from dialogs d
    left join (
      select e.dialog_id,
             count(*) filter (where e.kind = 'client_message')::int as messages_in,
             count(*) filter (where e.kind = 'operator_message')::int as messages_out,
             (array_agg(e.operator_id order by e.at desc, e.id desc)
               filter (where e.kind = 'operator_message'))[1] as operator_id
      from dialog_events e
      where e.connection_id = ${connectionId} and e.kind in ('client_message', 'operator_message')
      group by e.dialog_id
    ) counts on counts.dialog_id = d.id
    left join operators on operators.backend_chat_id = d.backend_chat_id
      and operators.user_id = counts.operator_id
    where d.connection_id = ${connectionId}
      ${filter.status === undefined ? sql`` : sql`and d.status = ${filter.status}`}
      ${
        filter.label === undefined
          ? sql``
          : sql`and exists (select 1 from unnest(d.labels) label where lower(label) = lower(${filter.label}))`
      }
      ${
        filter.period === undefined
          ? sql``
          : sql`and d.created_at < ${filter.period.to} and ${lastContact} >= ${filter.period.from}`
      }
    order by d.created_at, d.id
  `.execute(db);
  return rows.map(toExportDialog);
}

function toExportDialog(row: ExportRow): ExportDialog {
  return {
    dialogId: row.id,
    connectionId: row.connection_id,
    clientChatId: row.client_chat_id,
    chatType: row.chat_type,
    firstName: row.first_name,
    lastName: row.last_name,
    title: row.title,
    username: row.username,
    languageCode: row.language_code,
    status: row.status,
    labels: row.labels,
    firstContactAt: row.created_at,
    lastContactAt: row.last_contact_at,
    messagesIn: row.messages_in,
    messagesOut: row.messages_out,
    lastOperatorId: row.last_operator_id,
    lastOperatorName: row.operator_first_name,
    lastOperatorUsername: row.operator_username,
  };
}
