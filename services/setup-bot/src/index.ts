export { createSetupBot } from "./setup-bot.ts";
export { type SetupBotService, startSetupBot } from "./setup-bot-service.ts";
export type { SetupDeps } from "./setup-deps.ts";
