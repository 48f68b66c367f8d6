import type { ColumnType, Generated, Insertable, Selectable } from "kysely";

/** The broadcast service's tables (migration `0003-broadcasts.ts`). No message content: the prepared
 * message stays in the backend group and is copied from there. */
export interface BroadcastTables {
  broadcasts: BroadcastsTable;
  broadcast_recipients: BroadcastRecipientsTable;
}

type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type OptionalTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

/**
 * draft → (confirm) → scheduled | running ⇄ paused → done; cancelled from any state before done.
 * A draft is what the preview describes; nothing is sent before it is confirmed.
 */
export type BroadcastStatus = "draft" | "scheduled" | "running" | "paused" | "cancelled" | "done";

/** `sending` is the in-flight mark: after a crash it means "maybe sent", so it is never retried. */
export type RecipientStatus = "pending" | "sending" | "sent" | "blocked" | "failed" | "skipped";

export interface BroadcastsTable {
  id: Generated<number>;
  /** The connection whose bot answered the command; its backend group hosts the reports. */
  connection_id: string;
  backend_chat_id: number;
  /** The `command.invoked` event that created it: a replayed event finds it instead of a twin. */
  command_event_id: string;
  created_by: number;
  /** The prepared message in the backend group, copied to every recipient. */
  source_chat_id: number;
  source_message_id: number;
  /** The recipients and filters as the operator wrote them, normalized (for previews and reports). */
  audience: string;
  status: BroadcastStatus;
  scheduled_at: OptionalTimestamp;
  total: number;
  progress_message_id: ColumnType<number | null, number | null | undefined, number | null>;
  /** Which runner owns a running broadcast until when; another takes over after a crash. */
  lease_owner: ColumnType<string | null, string | null | undefined, string | null>;
  lease_until: OptionalTimestamp;
  created_at: CreatedAt;
  started_at: OptionalTimestamp;
  finished_at: OptionalTimestamp;
  report_sent_at: OptionalTimestamp;
}

export interface BroadcastRecipientsTable {
  broadcast_id: number;
  chat_id: number;
  /** The bot that writes to this recipient (the connection of their dialog). */
  connection_id: string;
  status: ColumnType<RecipientStatus, RecipientStatus | undefined, RecipientStatus>;
  /** Why a recipient was not reached: blocked, chat-not-found, interrupted … (never message text). */
  reason: ColumnType<string | null, string | null | undefined, string | null>;
  message_id: ColumnType<number | null, number | null | undefined, number | null>;
  updated_at: OptionalTimestamp;
}

export type Broadcast = Selectable<BroadcastsTable>;
export type NewBroadcast = Insertable<BroadcastsTable>;
export type BroadcastRecipient = Selectable<BroadcastRecipientsTable>;
