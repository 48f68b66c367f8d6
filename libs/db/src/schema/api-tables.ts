import type { ColumnType, Generated, Selectable } from "kysely";

/** The HTTP API's tables (migration `0004-api-keys.ts`). */
export interface ApiTables {
  api_keys: ApiKeysTable;
  api_topics: ApiTopicsTable;
  api_posts: ApiPostsTable;
}

type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type OptionalTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

/** `read` sees, `write` also acts (posts, closes), `admin` also manages (parameters, keys, connections). */
export type ApiScope = "read" | "write" | "admin";

export interface ApiKeysTable {
  id: Generated<number>;
  /** Null for an installation-wide key, which may add connections and act on every one. */
  connection_id: string | null;
  label: string;
  key_prefix: string;
  /** sha256 of the key, hex. The key itself is shown once, at creation, and never stored. */
  key_hash: string;
  scopes: ApiScope[];
  created_at: CreatedAt;
  last_used_at: OptionalTimestamp;
  revoked_at: OptionalTimestamp;
}

/** A custom topic (team chat, news, payments …) an integrator created and posts into by its key. */
export interface ApiTopicsTable {
  connection_id: string;
  key: string;
  name: string;
  backend_chat_id: number;
  topic_id: number;
  icon_color: number | null;
  created_at: CreatedAt;
}

export type ApiPostStatus = "queued" | "sent" | "failed";

/** What became of a message posted through the API (its delivery job). */
export interface ApiPostsTable {
  job_id: string;
  connection_id: string;
  status: Generated<ApiPostStatus>;
  chat_id: number | null;
  thread_id: number | null;
  message_id: number | null;
  reason: string | null;
  created_at: CreatedAt;
  finished_at: OptionalTimestamp;
}

export type ApiKey = Selectable<ApiKeysTable>;
export type ApiTopic = Selectable<ApiTopicsTable>;
export type ApiPost = Selectable<ApiPostsTable>;
