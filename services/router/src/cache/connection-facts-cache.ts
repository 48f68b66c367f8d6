import type { Bus } from "@topicdesk/bus";
import { watchConnectionChanges } from "@topicdesk/connections";
import {
  type Connection,
  ConnectionRepository,
  type Database,
  ParameterRepository,
  type SecretBox,
  WebhookEndpointRepository,
} from "@topicdesk/db";
import { resolveParameters } from "@topicdesk/params";
import type { Logger } from "@topicdesk/telemetry";
import type { Kysely } from "kysely";
import type { DialogParameters } from "../decide/dialog-parameters.ts";
import { dialogParametersFrom } from "../decide/dialog-parameters-from.ts";
import { ExpiringCache } from "./expiring-cache.ts";

/** What every event of a connection needs before it can be decided: the row and its parameters. */
export interface ConnectionFacts {
  connection: Connection;
  params: DialogParameters;
}

export interface ConnectionFactsSource {
  /** The connection's facts, undefined when there is no such connection. */
  get(connectionId: string): Promise<ConnectionFacts | undefined>;
}

export interface ConnectionFactsCache extends ConnectionFactsSource {
  stop(): Promise<void>;
}

export interface ConnectionFactsCacheOptions {
  db: Kysely<Database>;
  /** The endpoint repository's key; the cache reads only the receivers' events, never their secrets. */
  secretBox: SecretBox;
  nc: Pick<Bus["nc"], "subscribe" | "status">;
  /** The bus prefix (tests, several installs on one NATS). */
  prefix?: string | undefined;
  log: Logger;
  /**
   * How long facts are served without a reload (default 5 s): the bound on staleness when a change
   * hint is lost (core NATS, not JetStream) or a writer could not announce (NATS down).
   */
  ttlMs?: number;
  /** Default 10,000: one entry per connection with recent traffic, the rest are reloaded when needed. */
  maxEntries?: number;
  now?: () => number;
}

export const DEFAULT_CONNECTION_FACTS_TTL_MS = 5_000;

/**
 * The connection row and its parameters were read on every event, though they change only when a
 * person changes them. This keeps them in memory, forgets a connection when a change is announced
 * on `td.ctl.connections` (pause, removal, a parameter set or a webhook receiver registered, changed
 * or removed through the CLI, API or setup bot), forgets
 * everything after a NATS reconnect (hints sent meanwhile are lost), and reloads any entry older
 * than `ttlMs` in any case.
 */
export function startConnectionFactsCache(options: ConnectionFactsCacheOptions): ConnectionFactsCache {
  const cache = new ExpiringCache<string, ConnectionFacts | undefined>({
    ttlMs: options.ttlMs ?? DEFAULT_CONNECTION_FACTS_TTL_MS,
    maxEntries: options.maxEntries ?? 10_000,
    ...(options.now ? { now: options.now } : {}),
  });
  const watch = watchConnectionChanges({
    nc: options.nc,
    prefix: options.prefix,
    log: options.log,
    onChange: async (change) => cache.invalidate(change.connectionId),
    onResync: async () => cache.clear(),
    // The expiry already bounds staleness; a periodic clear would only add reloads.
    resyncIntervalMs: 0,
  });
  return {
    get: (connectionId) =>
      cache.get(connectionId, (id) => loadConnectionFacts(options.db, options.secretBox, id)),
    stop: () => watch.stop(),
  };
}

/**
 * Reads the facts from Postgres, the source of truth (also the uncached source for tools and tests).
 * The receivers registered through the HTTP API or CLI belong to them: a `/command` one subscribes to
 * is published by the router like one listed in WEBHOOKS. Their writers announce `parameters`
 * (`@topicdesk/connections`), so a new receiver's command counts from the next event.
 */
export async function loadConnectionFacts(
  db: Kysely<Database>,
  secretBox: SecretBox,
  connectionId: string,
): Promise<ConnectionFacts | undefined> {
  const connection = await new ConnectionRepository(db).get(connectionId);
  if (!connection) return undefined;
  // One after the other, like the rows above: a miss holds at most one pool connection.
  const raw = await new ParameterRepository(db).listRaw(connectionId);
  const receivers = await new WebhookEndpointRepository(db, secretBox).list(connectionId);
  return { connection, params: dialogParametersFrom(resolveParameters(raw), receivers) };
}
