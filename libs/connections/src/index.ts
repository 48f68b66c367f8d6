export { BackendGroupError, checkBackendGroup } from "./backend-group-check.ts";
export { type BotConnectionRequest, registerBotConnection } from "./register-bot-connection.ts";
