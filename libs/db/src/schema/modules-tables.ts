import type { ColumnType, Insertable, Selectable } from "kysely";

/**
 * Quick replies (`/say`) and labels (`/mark`), per connection (migration `0002-modules.ts`).
 * Several connections may share a backend group; each answers its own commands there, so each keeps
 * its own set. Quick replies are references to messages in the backend group, never their content.
 * Which labels a dialog carries is `dialogs.labels`.
 */
export interface ModulesTables {
  quick_replies: QuickRepliesTable;
  labels: LabelsTable;
}

type CreatedAt = ColumnType<Date, Date | string | undefined, never>;

export interface QuickRepliesTable {
  connection_id: string;
  /** Lower-case: names are case-insensitive. */
  name: string;
  /** The backend group the messages are in. */
  chat_id: number;
  /** The topic the messages are in (for their t.me link); null for the General topic. */
  thread_id: number | null;
  /** One message, or the parts of one album in order. */
  message_ids: number[];
  saved_by: number | null;
  created_at: CreatedAt;
}

export interface LabelsTable {
  connection_id: string;
  /** Lower-case: starts with a Latin letter; letters, digits, `-` and `_`. */
  name: string;
  /** Shown in the topic name after the status; null for none. */
  ticker: ColumnType<string | null, string | null | undefined, string | null>;
  /** `after`: labels taken off a dialog when this one is put on (earlier funnel stages). */
  removes: ColumnType<string[], string[] | undefined, string[]>;
  /** `sends`: the quick reply sent to the client when this label is put on. */
  sends_template: ColumnType<string | null, string | null | undefined, string | null>;
  created_by: number | null;
  created_at: CreatedAt;
}

export type QuickReplyRow = Selectable<QuickRepliesTable>;
export type NewQuickReply = Insertable<QuickRepliesTable>;
export type LabelRow = Selectable<LabelsTable>;
