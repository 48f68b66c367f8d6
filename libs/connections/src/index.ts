export { BackendGroupError, checkBackendGroup } from "./backend-group-check.ts";
export {
  BACKEND_GROUP_RIGHTS,
  type BackendGroupProblem,
  type BackendGroupReport,
  type BackendGroupRight,
  describeBackendGroupProblem,
  inspectBackendGroup,
} from "./backend-group-inspection.ts";
export { BOT_TOKEN_PATTERN, isBotTokenFormat, maskBotToken } from "./bot-token.ts";
export {
  type ConnectionChanges,
  type NatsConnectionChangesOptions,
  natsConnectionChanges,
  unannouncedConnectionChanges,
} from "./changes/connection-changes.ts";
export { removeConnection, setConnectionStatus } from "./changes/connection-writes.ts";
export {
  type ParameterWrite,
  resetConnectionParameter,
  setConnectionParameter,
  type WritableParameter,
} from "./changes/parameter-writes.ts";
export {
  type ConnectionChangeWatch,
  type WatchConnectionChangesOptions,
  watchConnectionChanges,
} from "./changes/watch-connection-changes.ts";
export {
  addWebhookEndpoint,
  removeWebhookEndpoint,
  setWebhookEndpointEvents,
  type WebhookEndpointCreation,
  type WebhookEndpointEventsChange,
  type WebhookEndpointRefusal,
} from "./changes/webhook-endpoint-writes.ts";
export {
  ConnectionBotApis,
  type ConnectionBotApisOptions,
  NoBotTokenError,
} from "./connection-bot-apis.ts";
export { type BotConnectionRequest, registerBotConnection } from "./register-bot-connection.ts";
