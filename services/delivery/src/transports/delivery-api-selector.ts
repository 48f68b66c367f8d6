import type { Bus } from "@topicdesk/bus";
import { ConnectionBotApis } from "@topicdesk/connections";
import type { ConnectionRepository, MtprotoSessionRepository, SecretBox } from "@topicdesk/db";
import type { DeliveryApi } from "./delivery-api.ts";
import { createMtprotoDeliveryApi } from "./mtproto-delivery-api.ts";

export interface DeliveryApiSelectorOptions {
  connections: ConnectionRepository;
  sessions: MtprotoSessionRepository;
  secretBox: SecretBox;
  telegramApiRoot: string;
  nc: Pick<Bus["nc"], "request">;
  subjectPrefix?: string | undefined;
  /**
   * How long a choice is kept. A connection change announced on the bus drops it at once (`forget`);
   * one nobody announced (a session added by the CLI) takes effect after this. Default 30 s.
   */
  cacheMs?: number;
  now?: () => number;
}

/**
 * Which way a connection's sends go. A connection with an MTProto session (an account, or a bot in
 * parallel mode) sends through that session: for a parallel bot this is what keeps our own sends
 * from being shown as "intercepted" (its session knows them), and an account has no Bot API at all.
 * Every other connection uses the Bot API with its token (decrypted here, never logged).
 */
export type DeliveryApiSelector = ((connectionId: string) => Promise<DeliveryApi>) & {
  /** Drops the cached choice of one connection (all when no id), e.g. after its token changed. */
  forget(connectionId?: string): void;
};

export function createDeliveryApiSelector(options: DeliveryApiSelectorOptions): DeliveryApiSelector {
  const now = options.now ?? Date.now;
  const cacheMs = options.cacheMs ?? 30_000;
  const cache = new Map<string, { api: DeliveryApi; until: number }>();
  const botApis = new ConnectionBotApis({
    connections: options.connections,
    secretBox: options.secretBox,
    telegramApiRoot: options.telegramApiRoot,
    cacheMs,
    now,
  });
  const choose = async (connectionId: string): Promise<DeliveryApi> => {
    if (await options.sessions.get(connectionId)) {
      return createMtprotoDeliveryApi({
        nc: options.nc,
        connectionId,
        subjectPrefix: options.subjectPrefix,
      });
    }
    const api = await botApis.find(connectionId);
    if (!api) throw new Error(`connection ${connectionId} has neither a bot token nor an MTProto session`);
    return api;
  };
  const select = async (connectionId: string): Promise<DeliveryApi> => {
    const cached = cache.get(connectionId);
    if (cached && cached.until > now()) return cached.api;
    const api = await choose(connectionId);
    cache.set(connectionId, { api, until: now() + cacheMs });
    return api;
  };
  return Object.assign(select, {
    forget(connectionId?: string) {
      if (connectionId === undefined) cache.clear();
      else cache.delete(connectionId);
      botApis.forget(connectionId);
    },
  });
}
