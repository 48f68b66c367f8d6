import type { ColumnType } from "kysely";

/** What ingress last set as each bot's webhook (migration 0010-webhook-registrations). */
export interface WebhookRegistrationTables {
  webhook_registrations: WebhookRegistrationsTable;
}

export interface WebhookRegistrationsTable {
  /** The bot connection; its row goes when the connection goes. */
  connection_id: string;
  /** SHA-256 over the URL, the allowed updates and the secret token last set; never the secret itself. */
  digest: string;
  registered_at: ColumnType<Date, Date | string | undefined, Date | string>;
}
