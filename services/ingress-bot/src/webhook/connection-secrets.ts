import { CONNECTION_ID_PATTERN } from "@topicdesk/contracts";
import { ConnectionRepository, type Database, type SecretBox } from "@topicdesk/db";
import type { Kysely } from "kysely";

export interface WebhookConnection {
  id: string;
  secret: string | undefined;
  active: boolean;
}

export interface ConnectionSecretsOptions {
  /** How long a looked-up connection (or its absence) is trusted. Default 30 s. */
  ttlMs?: number;
  /**
   * Most connections remembered at once. Anyone can call the webhook with made-up ids, so the
   * cache is bounded and forgets the oldest entry first. Default 1000, far above any install's bots.
   */
  maxEntries?: number;
}

/**
 * The webhook secrets of connections, decrypted once and cached briefly: a webhook call must not
 * cost a database round trip, and a removed or paused connection stops within the TTL.
 */
export function createConnectionSecrets(
  db: Kysely<Database>,
  box: SecretBox,
  options: ConnectionSecretsOptions = {},
) {
  const { ttlMs = 30_000, maxEntries = 1_000 } = options;
  const repository = new ConnectionRepository(db);
  const cache = new Map<string, { at: number; value: WebhookConnection | undefined }>();
  return async function webhookConnection(id: string): Promise<WebhookConnection | undefined> {
    // An id that no connection can have (e.g. with a NUL byte, which Postgres rejects) costs nothing.
    if (!CONNECTION_ID_PATTERN.test(id)) return undefined;
    const cached = cache.get(id);
    if (cached && Date.now() - cached.at < ttlMs) return cached.value;
    const row = await repository.get(id);
    const value = row
      ? { id: row.id, secret: repository.revealWebhookSecret(row, box), active: row.status === "active" }
      : undefined;
    remember(cache, maxEntries, id, { at: Date.now(), value });
    return value;
  };
}

/** Maps keep insertion order, so the first key is the entry stored longest ago. */
function remember<K, V>(cache: Map<K, V>, maxEntries: number, key: K, value: V): void {
  cache.delete(key);
  if (cache.size >= maxEntries) {
    const oldest = cache.keys().next();
    if (!oldest.done) cache.delete(oldest.value);
  }
  cache.set(key, value);
}
