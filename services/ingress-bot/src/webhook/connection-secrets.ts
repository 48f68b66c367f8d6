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

/** Looks a connection up for a webhook call; `forget` drops what is cached (all when no id). */
export type ConnectionSecrets = ((id: string) => Promise<WebhookConnection | undefined>) & {
  forget(id?: string): void;
};

/**
 * The webhook secrets of connections, decrypted once and cached briefly: a webhook call must not
 * cost a database round trip. A change announced on the bus makes ingress `forget` the entry at
 * once; the TTL bounds how long a change nobody announced goes unseen.
 */
export function createConnectionSecrets(
  db: Kysely<Database>,
  box: SecretBox,
  options: ConnectionSecretsOptions = {},
): ConnectionSecrets {
  const { ttlMs = 30_000, maxEntries = 1_000 } = options;
  const repository = new ConnectionRepository(db);
  const cache = new Map<string, { at: number; value: WebhookConnection | undefined }>();
  const webhookConnection = async (id: string): Promise<WebhookConnection | undefined> => {
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
  return Object.assign(webhookConnection, {
    forget(id?: string) {
      if (id === undefined) cache.clear();
      else cache.delete(id);
    },
  });
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
