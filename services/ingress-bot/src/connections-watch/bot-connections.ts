import { ConnectionRepository, type Database, type SecretBox, SecretDecryptionError } from "@topicdesk/db";
import type { Logger } from "@topicdesk/telemetry";
import type { Kysely } from "kysely";

/** A bot connection ingress receives updates for, with its secrets opened. */
export interface ReceivableBot {
  id: string;
  token: string;
  secret: string | undefined;
}

/**
 * The active bot connections with a token (accounts and parallel-mode bots are the mtproto
 * service's), or only `connectionId` when given. Reads Postgres: the source of truth.
 */
export async function receivableBots(
  db: Kysely<Database>,
  box: SecretBox,
  log: Logger,
  connectionId?: string,
): Promise<ReceivableBot[]> {
  const repository = new ConnectionRepository(db);
  const rows = connectionId === undefined ? await repository.list() : [await repository.get(connectionId)];
  return rows.flatMap((row) => {
    if (row?.kind !== "bot" || row.status !== "active") return [];
    try {
      const token = repository.revealToken(row, box);
      const secret = repository.revealWebhookSecret(row, box);
      return token ? [{ id: row.id, token, secret }] : [];
    } catch (error) {
      // One connection sealed under another TOPICDESK_SECRET_KEY must not stop all the others.
      if (!(error instanceof SecretDecryptionError)) throw error;
      log.error(
        { connection: row.id },
        "connection skipped: its token cannot be decrypted with this TOPICDESK_SECRET_KEY",
      );
      return [];
    }
  });
}
