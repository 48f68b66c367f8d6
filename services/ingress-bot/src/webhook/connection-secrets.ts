import { ConnectionRepository, type Database, type SecretBox } from "@topicdesk/db";
import type { Kysely } from "kysely";

export interface WebhookConnection {
  id: string;
  secret: string | undefined;
  active: boolean;
}

/**
 * The webhook secrets of connections, decrypted once and cached briefly: a webhook call must not
 * cost a database round trip, and a removed or paused connection stops within the TTL.
 */
export function createConnectionSecrets(db: Kysely<Database>, box: SecretBox, ttlMs = 30_000) {
  const repository = new ConnectionRepository(db);
  const cache = new Map<string, { at: number; value: WebhookConnection | undefined }>();
  return async function webhookConnection(id: string): Promise<WebhookConnection | undefined> {
    const cached = cache.get(id);
    if (cached && Date.now() - cached.at < ttlMs) return cached.value;
    const row = await repository.get(id);
    const value = row
      ? { id: row.id, secret: repository.revealWebhookSecret(row, box), active: row.status === "active" }
      : undefined;
    cache.set(id, { at: Date.now(), value });
    return value;
  };
}
