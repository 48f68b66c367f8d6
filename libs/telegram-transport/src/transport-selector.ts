import type { ConnectionBotApis } from "@topicdesk/connections";
import type { MtprotoSessionRepository } from "@topicdesk/db";
import type { Api } from "@topicdesk/telegram";

export interface TransportSelectorOptions<Transport> {
  sessions: Pick<MtprotoSessionRepository, "get">;
  /** The Bot API clients by connection (token decrypted and cached there, never logged). */
  botApis: Pick<ConnectionBotApis, "find" | "forget">;
  /** The transport of a connection with an MTProto session (an account, or a bot in parallel mode). */
  viaSession: (connectionId: string) => Transport;
  /** The transport of a bot connection over the Bot API, built on its client. */
  viaBotApi: (api: Api, connectionId: string) => Transport;
  /**
   * How long a choice is kept. A change announced on the bus drops it at once (`forget`); one
   * nobody announced takes effect after this. Default 30 s.
   */
  cacheMs?: number;
  now?: () => number;
}

export type TransportSelector<Transport> = ((connectionId: string) => Promise<Transport>) & {
  /**
   * Drops the cached choice and Bot API client of one connection (all when no id), so a session
   * added or a token replaced elsewhere counts at once (wire it to `watchConnectionChanges`).
   */
  forget(connectionId?: string): void;
};

/** A connection with neither a Bot API token nor an MTProto session (or no connection at all). */
export class NoTransportError extends Error {
  constructor(connectionId: string) {
    super(`connection ${connectionId} has neither a bot token nor an MTProto session`);
    this.name = "NoTransportError";
  }
}

/**
 * Which way a connection reaches Telegram. A connection with an MTProto session goes through that
 * session: an account has no Bot API at all, and a bot in parallel mode must send through its own
 * session so its sends are not shown as "intercepted" (and it has no token here: parallel mode
 * keeps the session, not the token). Every other connection uses the Bot API client of
 * `ConnectionBotApis`. Delivery builds its send API with it, the router its read-only lookups.
 */
export function createTransportSelector<Transport>(
  options: TransportSelectorOptions<Transport>,
): TransportSelector<Transport> {
  const now = options.now ?? Date.now;
  const cacheMs = options.cacheMs ?? 30_000;
  const cache = new Map<string, { transport: Transport; until: number }>();
  const choose = async (connectionId: string): Promise<Transport> => {
    if (await options.sessions.get(connectionId)) return options.viaSession(connectionId);
    const api = await options.botApis.find(connectionId);
    if (!api) throw new NoTransportError(connectionId);
    return options.viaBotApi(api, connectionId);
  };
  const select = async (connectionId: string): Promise<Transport> => {
    const cached = cache.get(connectionId);
    if (cached && cached.until > now()) return cached.transport;
    const transport = await choose(connectionId);
    cache.set(connectionId, { transport, until: now() + cacheMs });
    return transport;
  };
  return Object.assign(select, {
    forget(connectionId?: string): void {
      if (connectionId === undefined) cache.clear();
      else cache.delete(connectionId);
      options.botApis.forget(connectionId);
    },
  });
}
