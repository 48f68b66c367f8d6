import {
  type Database,
  RelayRepository,
  type RelayTarget,
  type SecretBox,
  SecretDecryptionError,
} from "@topicdesk/db";
import type { Logger } from "@topicdesk/telemetry";
import type { Kysely } from "kysely";

/**
 * The relay targets of bot connections, read once at start: the bot's webhook is registered
 * at start too, so a changed relay takes effect when ingress restarts (`pnpm topicdesk connections relay`).
 */
export async function loadRelayTargets(
  db: Kysely<Database>,
  box: SecretBox,
  log: Logger,
): Promise<Map<string, RelayTarget>> {
  const repository = new RelayRepository(db);
  const rows = await repository.listForBots();
  const targets = new Map<string, RelayTarget>();
  for (const row of rows) {
    try {
      targets.set(row.connection_id, repository.reveal(row, box));
    } catch (error) {
      if (!(error instanceof SecretDecryptionError)) throw error;
      log.error(
        { connection: row.connection_id },
        "relay skipped: its secret cannot be decrypted with this TOPICDESK_SECRET_KEY",
      );
    }
  }
  return targets;
}
