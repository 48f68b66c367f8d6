import type { ConnectionChanges } from "@topicdesk/connections";
import type { Database, SecretBox } from "@topicdesk/db";
import type { createPostgresSessionStorage, LoginClient } from "@topicdesk/mtproto-login";
import type { Logger } from "@topicdesk/telemetry";
import type { Kysely } from "kysely";

/** What the setup bot's handlers and conversations work with. */
export interface SetupDeps {
  db: Kysely<Database>;
  secretBox: SecretBox;
  /** Bot API root for the setup bot and for checks made with a connected bot's token. */
  telegramApiRoot: string;
  log: Logger;
  /**
   * Tells ingress and delivery, wherever they run, that a connection was added, paused, resumed or
   * removed (`td.ctl.connections`), so update reception follows without a restart.
   */
  changes: ConnectionChanges;
  /**
   * MTProto clients for "Connect an account" (phone login), made over the session's sealed storage;
   * absent when TELEGRAM_API_ID / TELEGRAM_API_HASH are not set (the button then says so).
   */
  accountLogin?: AccountLoginClients;
}

export interface AccountLoginClients {
  createClient(storage: ReturnType<typeof createPostgresSessionStorage>): LoginClient;
}
