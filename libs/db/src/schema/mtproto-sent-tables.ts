import type { ColumnType } from "kysely";

/**
 * Messages an MTProto session sent on delivery's behalf (`libs/db` migration
 * 0009-mtproto-sent-messages): its own sends, told apart from intercepted ones.
 */
export interface MtprotoSentTables {
  mtproto_sent_messages: MtprotoSentMessagesTable;
}

export interface MtprotoSentMessagesTable {
  connection_id: string;
  /** Marked, Bot-API-style chat id the message went to. */
  chat_id: number;
  message_id: number;
  sent_at: ColumnType<Date, Date | string | undefined, never>;
}
