import type { Bus } from "@topicdesk/bus";
import { ConnectionBotApis } from "@topicdesk/connections";
import type { ConnectionRepository, MtprotoSessionRepository, SecretBox } from "@topicdesk/db";
import { createTransportSelector, type TransportSelector } from "@topicdesk/telegram-transport";
import type { DeliveryApi } from "./delivery-api.ts";
import { createMtprotoDeliveryApi } from "./mtproto-delivery-api.ts";

export interface DeliveryApiSelectorOptions {
  connections: ConnectionRepository;
  sessions: MtprotoSessionRepository;
  secretBox: SecretBox;
  telegramApiRoot: string;
  nc: Pick<Bus["nc"], "request">;
  subjectPrefix?: string | undefined;
}

/**
 * Delivery's send API per connection, chosen by `@topicdesk/telegram-transport` (the rule the
 * router's lookups follow too): over the connection's MTProto session when it has one, else the
 * bot's grammY client. `forget` drops a connection's choice when a change is announced.
 */
export type DeliveryApiSelector = TransportSelector<DeliveryApi>;

export function createDeliveryApiSelector(options: DeliveryApiSelectorOptions): DeliveryApiSelector {
  return createTransportSelector<DeliveryApi>({
    sessions: options.sessions,
    botApis: new ConnectionBotApis({
      connections: options.connections,
      secretBox: options.secretBox,
      telegramApiRoot: options.telegramApiRoot,
    }),
    viaSession: (connectionId) =>
      createMtprotoDeliveryApi({ nc: options.nc, connectionId, subjectPrefix: options.subjectPrefix }),
    viaBotApi: (api) => api,
  });
}
