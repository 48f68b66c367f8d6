import { Api, GrammyError } from "grammy";
import { type SimOptions, type SimUser, startTelegramSim, type TelegramSim } from "../src/index.ts";

/** A small world most tests start from: one bot, a client, an operator and a forum backend group. */
export const BOT_TOKEN = "987654321:TEST-simulated-token-abcdefghijklmnop";

export interface World {
  sim: TelegramSim;
  api: Api;
  bot: SimUser;
  client: SimUser;
  operator: SimUser;
  groupId: number;
}

export async function startWorld(options: SimOptions = { limits: false }): Promise<World> {
  const sim = await startTelegramSim(options);
  const bot = sim.createBot({ token: BOT_TOKEN, username: "desk_bot", firstName: "Desk" });
  const client = sim.createUser({
    firstName: "Jane",
    lastName: "Doe",
    username: "jane_doe",
    languageCode: "en",
  });
  const operator = sim.createUser({ firstName: "Olivia", username: "olivia_ops" });
  const { chatId } = sim.createForumGroup({
    title: "Support",
    members: [
      { userId: operator.id, status: "creator" },
      { userId: bot.id, status: "administrator", canManageTopics: true, canDeleteMessages: true },
    ],
  });
  return { sim, api: new Api(BOT_TOKEN, { apiRoot: sim.apiRoot }), bot, client, operator, groupId: chatId };
}

/** The GrammyError a call fails with; fails the test if the call succeeds. */
export async function apiError(call: Promise<unknown>): Promise<GrammyError> {
  try {
    await call;
  } catch (error) {
    if (error instanceof GrammyError) return error;
    throw error;
  }
  throw new Error("expected the Bot API call to fail");
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
