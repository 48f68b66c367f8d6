import type { ConnectionRepository, MtprotoSessionRepository, SecretBox } from "@topicdesk/db";

export interface TransportSelectorOptions<Transport> {
  connections: ConnectionRepository;
  sessions: MtprotoSessionRepository;
  secretBox: SecretBox;
  /** The transport of a connection with an MTProto session (an account, or a bot in parallel mode). */
  viaSession: (connectionId: string) => Transport;
  /** The transport of a bot connection over the Bot API; the token is decrypted here, never logged. */
  viaBotApi: (token: string, connectionId: string) => Transport;
  /** How long a choice is kept; a session added or removed takes effect after it. Default 30 s. */
  cacheMs?: number;
  now?: () => number;
}

export type TransportSelector<Transport> = (connectionId: string) => Promise<Transport>;

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
 * keeps the session, not the token). Every other connection uses the Bot API with its token.
 * Delivery builds its send API with it, the router its read-only lookups.
 */
export function createTransportSelector<Transport>(
  options: TransportSelectorOptions<Transport>,
): TransportSelector<Transport> {
  const now = options.now ?? Date.now;
  const cacheMs = options.cacheMs ?? 30_000;
  const cache = new Map<string, { transport: Transport; until: number }>();
  const choose = async (connectionId: string): Promise<Transport> => {
    if (await options.sessions.get(connectionId)) return options.viaSession(connectionId);
    const connection = await options.connections.get(connectionId);
    const token = connection ? options.connections.revealToken(connection, options.secretBox) : undefined;
    if (!token) throw new NoTransportError(connectionId);
    return options.viaBotApi(token, connectionId);
  };
  return async (connectionId) => {
    const cached = cache.get(connectionId);
    if (cached && cached.until > now()) return cached.transport;
    const transport = await choose(connectionId);
    cache.set(connectionId, { transport, until: now() + cacheMs });
    return transport;
  };
}
