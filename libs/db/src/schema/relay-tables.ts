import type { ColumnType, Selectable } from "kysely";

/** Tables of the webhook relay (migration 0007-relay). */
export interface RelayTables {
  connection_relays: ConnectionRelaysTable;
}

export interface ConnectionRelaysTable {
  /** The relaying connection; its row goes when the connection goes. */
  connection_id: string;
  /** Where the other system received the bot's webhook before Topicdesk took it over. */
  url: string;
  /** The other system's `X-Telegram-Bot-Api-Secret-Token`, sealed with a SecretBox; null: none. */
  secret_encrypted: string | null;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export type ConnectionRelay = Selectable<ConnectionRelaysTable>;
