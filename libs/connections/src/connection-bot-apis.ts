import type { ConnectionRepository, SecretBox } from "@topicdesk/db";
import { type Api, createBotApi } from "@topicdesk/telegram";

export interface ConnectionBotApisOptions {
  connections: Pick<ConnectionRepository, "get" | "revealToken">;
  secretBox: SecretBox;
  /** TELEGRAM_API_ROOT: Telegram's, a self-hosted Bot API server or the simulator. */
  telegramApiRoot: string;
  /** Longest time one call may take (see `createBotApi`); default a minute. */
  timeoutMs?: number;
  /**
   * How long a connection's client is reused before its token is read again: a token replaced in
   * the setup bot takes effect after at most this long. Default a minute.
   */
  cacheMs?: number;
  now?: () => number;
}

/** The connection has no bot token (it is an account, or gone): it cannot use the Bot API. */
export class NoBotTokenError extends Error {
  readonly connectionId: string;

  constructor(connectionId: string) {
    super(`connection ${connectionId} has no bot token`);
    this.name = "NoBotTokenError";
    this.connectionId = connectionId;
  }
}

/**
 * The Bot API client of each connection, by connection id: the token is decrypted from the database
 * once a `cacheMs`, never logged, and the client is shared by every call in between. Every service
 * that talks to Telegram as a connection's bot (delivery, broadcasts, the router's read-only
 * lookups) gets its clients here.
 */
export class ConnectionBotApis {
  readonly #options: ConnectionBotApisOptions;
  readonly #cache = new Map<string, { api: Api; until: number }>();

  constructor(options: ConnectionBotApisOptions) {
    this.#options = options;
  }

  /** The connection's client, or undefined when it has no bot token. */
  async find(connectionId: string): Promise<Api | undefined> {
    const now = (this.#options.now ?? Date.now)();
    const cached = this.#cache.get(connectionId);
    if (cached && cached.until > now) return cached.api;
    this.#cache.delete(connectionId);
    const api = await this.#load(connectionId);
    if (api) this.#cache.set(connectionId, { api, until: now + (this.#options.cacheMs ?? 60_000) });
    return api;
  }

  /** The connection's client; throws NoBotTokenError when it has no bot token. */
  async get(connectionId: string): Promise<Api> {
    const api = await this.find(connectionId);
    if (!api) throw new NoBotTokenError(connectionId);
    return api;
  }

  /**
   * Drops the cached client of one connection (all when no id), so a token replaced elsewhere is
   * used at once when the change is announced (`watchConnectionChanges`), not after `cacheMs`.
   */
  forget(connectionId?: string): void {
    if (connectionId === undefined) this.#cache.clear();
    else this.#cache.delete(connectionId);
  }

  async #load(connectionId: string): Promise<Api | undefined> {
    const { connections, secretBox, telegramApiRoot, timeoutMs } = this.#options;
    const connection = await connections.get(connectionId);
    const token = connection ? connections.revealToken(connection, secretBox) : undefined;
    if (!token) return undefined;
    return createBotApi(token, {
      apiRoot: telegramApiRoot,
      ...(timeoutMs === undefined ? {} : { timeoutMs }),
    });
  }
}
