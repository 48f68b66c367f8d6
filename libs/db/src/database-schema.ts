import type { ChatType, DeliveryJob, DialogStatus } from "@topicdesk/contracts";
import type {
  ColumnType,
  Generated,
  Insertable,
  JSONColumnType,
  Kysely,
  Selectable,
  Transaction,
  Updateable,
} from "kysely";
import type { AccountsTables } from "./schema/accounts-tables.ts";
import type { ApiTables } from "./schema/api-tables.ts";
import type { BroadcastTables } from "./schema/broadcast-tables.ts";
import type { ModulesTables } from "./schema/modules-tables.ts";
import type { MtprotoSentTables } from "./schema/mtproto-sent-tables.ts";
import type { RelayTables } from "./schema/relay-tables.ts";
import type { WebhookRegistrationTables } from "./schema/webhook-registration-tables.ts";
import type { WebhookTables } from "./schema/webhook-tables.ts";

/**
 * The tables as kysely sees them. Row types below are derived from these, never written twice.
 * Telegram ids are `number`: the int8 parser in `int8-type-parser.ts` makes pg return them as such.
 * No message bodies live here: Telegram keeps the content, we keep ids.
 */
export interface Database
  extends RelayTables,
    AccountsTables,
    ApiTables,
    BroadcastTables,
    ModulesTables,
    MtprotoSentTables,
    WebhookTables,
    WebhookRegistrationTables {
  connections: ConnectionsTable;
  dialogs: DialogsTable;
  message_links: MessageLinksTable;
  operators: OperatorsTable;
  parameters: ParametersTable;
  processed_events: ProcessedEventsTable;
  outbox: OutboxTable;
  album_parts: AlbumPartsTable;
  dialog_events: DialogEventsTable;
}

/** A plain database handle or a transaction: every repository works with either. */
export type DbExecutor = Kysely<Database> | Transaction<Database>;

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;

export type ConnectionKind = "bot" | "account";
export type ConnectionStatus = "active" | "paused";

export interface ConnectionsTable {
  /** Matches CONNECTION_ID_PATTERN: it appears in subjects and queue names. */
  id: string;
  kind: ConnectionKind;
  title: string;
  bot_user_id: number | null;
  bot_username: string | null;
  /** Sealed with a SecretBox (`v1:…`); reveal through the connection repository. */
  token_encrypted: string | null;
  webhook_secret_encrypted: string | null;
  backend_chat_id: number;
  admin_user_id: number | null;
  status: Generated<ConnectionStatus>;
  created_at: CreatedAt;
}

export interface DialogsTable {
  id: Generated<number>;
  connection_id: string;
  client_chat_id: number;
  chat_type: ChatType;
  backend_chat_id: number;
  /** Null until delivery has created the forum topic. */
  topic_id: number | null;
  status: DialogStatus;
  first_name: string | null;
  last_name: string | null;
  username: string | null;
  language_code: string | null;
  phone: string | null;
  /** Title of a group client chat; null for private chats. */
  title: string | null;
  start_param: string | null;
  blocked: Generated<boolean>;
  banned: Generated<boolean>;
  labels: Generated<string[]>;
  created_at: CreatedAt;
  updated_at: Generated<Date>;
  last_client_message_at: Timestamp | null;
  last_operator_message_at: Timestamp | null;
  status_changed_at: Generated<Date>;
  closed_at: Timestamp | null;
  /** The topic's current name as the router last set it, so a deleted topic is recreated as it was. */
  topic_name: ColumnType<string | null, string | null | undefined, string | null>;
  icon_color: ColumnType<number | null, number | null | undefined, number | null>;
}

/** `inbound`: a client message copied into the topic; `outbound`: an operator message copied to the client. */
export type MessageLinkDirection = "inbound" | "outbound";

export interface MessageLinksTable {
  id: Generated<number>;
  dialog_id: number;
  direction: MessageLinkDirection;
  client_chat_id: number;
  client_message_id: number;
  backend_chat_id: number;
  topic_message_id: number;
  created_at: CreatedAt;
}

export interface OperatorsTable {
  backend_chat_id: number;
  user_id: number;
  first_name: string;
  username: string | null;
  last_seen_at: Generated<Date>;
}

export interface ParametersTable {
  connection_id: string;
  name: string;
  /** The raw value as the user wrote it; parsing belongs to the parameter definitions. */
  value: string;
  updated_at: Generated<Date>;
  updated_by: number | null;
}

export interface ProcessedEventsTable {
  event_id: string;
  processed_at: CreatedAt;
}

export interface OutboxTable {
  id: Generated<number>;
  event_id: string;
  queue: string;
  job: JSONColumnType<DeliveryJob>;
  created_at: CreatedAt;
}

export interface AlbumPartsTable {
  connection_id: string;
  chat_id: number;
  media_group_id: string;
  message_id: number;
  created_at: CreatedAt;
}

export type DialogEventKind = "opened" | "reopened" | "client_message" | "operator_message" | "closed";

export interface DialogEventsTable {
  id: Generated<number>;
  dialog_id: number;
  connection_id: string;
  kind: DialogEventKind;
  operator_id: number | null;
  at: Generated<Date>;
}

export type Connection = Selectable<ConnectionsTable>;
export type Dialog = Selectable<DialogsTable>;
export type NewDialog = Insertable<DialogsTable>;
export type DialogPatch = Omit<
  Updateable<DialogsTable>,
  "id" | "connection_id" | "client_chat_id" | "created_at"
>;
export type MessageLink = Selectable<MessageLinksTable>;
export type NewMessageLink = Insertable<MessageLinksTable>;
export type Operator = Selectable<OperatorsTable>;
export type Parameter = Selectable<ParametersTable>;
export type OutboxEntry = Selectable<OutboxTable>;
export type AlbumPart = Selectable<AlbumPartsTable>;
export type DialogEvent = Selectable<DialogEventsTable>;
export type NewDialogEvent = Insertable<DialogEventsTable>;
