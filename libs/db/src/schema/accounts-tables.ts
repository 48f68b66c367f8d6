import type { ColumnType, Generated, Insertable, Selectable } from "kysely";

/**
 * MTProto sessions of account connections and of bots in parallel mode (`libs/db` migration
 * 0005-accounts). The session itself (auth keys, update state, known peers) is sealed at rest.
 */
export interface AccountsTables {
  mtproto_sessions: MtprotoSessionsTable;
  mtproto_session_entries: MtprotoSessionEntriesTable;
}

/** `user`: a personal or company account; `bot`: a bot logged in with its token (parallel mode). */
export type MtprotoSessionMode = "user" | "bot";

export interface MtprotoSessionsTable {
  connection_id: string;
  mode: MtprotoSessionMode;
  /** Telegram id of the logged-in account or bot; null until the login completed. */
  self_user_id: number | null;
  /** Whether the login completed; a session still waiting for a code or password is not started. */
  authorized: Generated<boolean>;
  created_at: ColumnType<Date, Date | string | undefined, never>;
  updated_at: Generated<Date>;
}

/**
 * One entry of a session's storage: `auth` (permanent auth keys by DC), `auth-temp`, `kv` (update
 * state and client settings) and `peer` (access hashes of chats and users the session has seen).
 */
export type MtprotoEntryNamespace = "auth" | "auth-temp" | "kv" | "peer";

export interface MtprotoSessionEntriesTable {
  connection_id: string;
  namespace: MtprotoEntryNamespace;
  key: string;
  /** Sealed with the SecretBox (`v1:…`): auth keys, peers' phones and names never lie in plaintext. */
  value_sealed: string;
  updated_at: Generated<Date>;
}

export type MtprotoSession = Selectable<MtprotoSessionsTable>;
export type NewMtprotoSession = Insertable<MtprotoSessionsTable>;
export type MtprotoSessionEntry = Selectable<MtprotoSessionEntriesTable>;
