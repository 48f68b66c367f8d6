import type { ColumnType, Generated, JSONColumnType, Selectable } from "kysely";

/** The outgoing webhooks' tables (migration `0006-webhooks.ts`). */
export interface WebhookTables {
  webhook_keys: WebhookKeysTable;
  webhook_endpoints: WebhookEndpointsTable;
  webhook_receivers: WebhookReceiversTable;
  webhook_dead_letters: WebhookDeadLettersTable;
}

type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type OptionalTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

/**
 * A connection's webhook keys, sealed with the SecretBox: `api_key` goes into every body (the
 * reference's way of proving the sender), `signing_secret` signs the bodies of receivers configured
 * by the WEBHOOKS parameter. Two values, because a key that travels in bodies cannot also sign them.
 */
export interface WebhookKeysTable {
  connection_id: string;
  api_key_encrypted: string;
  signing_secret_encrypted: string;
  created_at: CreatedAt;
}

/** A receiver registered through the HTTP API (or CLI), with a signing secret of its own. */
export interface WebhookEndpointsTable {
  id: Generated<number>;
  connection_id: string;
  url: string;
  /** Event names (`dialog_created` …) and `/commands`, as in the WEBHOOKS parameter. */
  events: string[];
  secret_encrypted: string;
  created_at: CreatedAt;
}

/**
 * How a receiver (a URL of a connection, from the parameter or the API) has been answering.
 * A receiver that keeps failing is paused: its events go straight to the dead letters.
 */
export interface WebhookReceiversTable {
  connection_id: string;
  url: string;
  consecutive_failures: Generated<number>;
  last_error: string | null;
  last_failure_at: OptionalTimestamp;
  last_success_at: OptionalTimestamp;
  paused_at: OptionalTimestamp;
}

/** A webhook delivery that ran out of retries (or met a paused receiver), kept for replay. */
export interface WebhookDeadLettersTable {
  id: Generated<number>;
  connection_id: string;
  url: string;
  event_type: string;
  /** Id of the domain event the delivery came from. */
  event_id: string;
  /** The delivery job (a `WebhookJob` of `@topicdesk/contracts`): ids and statuses, no message bodies. */
  job: JSONColumnType<object>;
  attempts: number;
  last_error: string;
  failed_at: CreatedAt;
  /** Set by whoever asks for a replay (HTTP API, CLI); the webhooks service picks it up. */
  replay_requested_at: OptionalTimestamp;
  replayed_at: OptionalTimestamp;
}

export type WebhookEndpoint = Selectable<WebhookEndpointsTable>;
export type WebhookReceiver = Selectable<WebhookReceiversTable>;
export type WebhookDeadLetter = Selectable<WebhookDeadLettersTable>;
