import { AccountLogins } from "./accounts/account-logins.ts";
import { createSetupBot } from "./setup-bot.ts";
import type { SetupDeps } from "./setup-deps.ts";

export interface SetupBotService {
  /** The setup bot's @username, for the start-up message. */
  username: string;
  stop(): Promise<void>;
}

/**
 * Runs the setup bot with long polling. It is a low-traffic bot that people talk to now and then,
 * so polling needs no public route next to the ingress webhooks and works behind any firewall.
 */
export async function startSetupBot(token: string, deps: SetupDeps): Promise<SetupBotService> {
  const accountLogins = deps.accountLogin ? new AccountLogins(deps, deps.accountLogin) : undefined;
  const bot = createSetupBot(token, deps, accountLogins);
  await bot.init();
  // A webhook left from an earlier deployment would make getUpdates fail with 409.
  await bot.api.deleteWebhook();
  const polling = bot.start({ allowed_updates: ["message", "callback_query"] });
  polling.catch((error: unknown) => deps.log.error({ err: error }, "setup bot polling stopped"));
  deps.log.info({ bot: bot.botInfo.username }, "setup bot is running");
  return {
    username: bot.botInfo.username,
    async stop() {
      await bot.stop();
      await polling.catch(() => undefined);
      await accountLogins?.cancelAll();
    },
  };
}
