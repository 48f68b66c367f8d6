import { isBotTokenFormat } from "@topicdesk/connections";
import { ConnectionRepository } from "@topicdesk/db";
import { classifyTelegramError, createBotApi } from "@topicdesk/telegram";
import type { SetupDeps } from "../setup-deps.ts";

export interface CheckedBot {
  id: number;
  username: string;
}

/** Plain data (no token), because conversations store results of outside calls for replays. */
export type BotTokenCheck = { ok: true; bot: CheckedBot } | { ok: false; reason: string };

const NOT_A_TOKEN =
  "That is not a bot token. @BotFather gives tokens like 123456789:AAH… (the bot's id, a colon and 35 letters, digits, - or _). Send the token, or /cancel.";

/**
 * A token is accepted when it has BotFather's shape, Telegram (at the configured API root) knows the
 * bot, and no connection serves that bot yet: two connections on one bot would fight over its updates.
 */
export async function checkBotToken(
  deps: Pick<SetupDeps, "db" | "telegramApiRoot">,
  token: string,
): Promise<BotTokenCheck> {
  if (!isBotTokenFormat(token)) return { ok: false, reason: NOT_A_TOKEN };
  let me: Awaited<ReturnType<ReturnType<typeof createBotApi>["getMe"]>>;
  try {
    me = await createBotApi(token, { apiRoot: deps.telegramApiRoot, timeoutMs: 15_000 }).getMe();
  } catch (error) {
    return { ok: false, reason: getMeFailure(error) };
  }
  const connected = (await new ConnectionRepository(deps.db).list()).find((row) => row.bot_user_id === me.id);
  if (connected) {
    return {
      ok: false,
      reason: `@${me.username} is already connected to Topicdesk (connection “${connected.id}”). A bot can serve one connection; send another bot's token, or /cancel.`,
    };
  }
  return { ok: true, bot: { id: me.id, username: me.username } };
}

function getMeFailure(error: unknown): string {
  const failure = classifyTelegramError(error);
  if (failure.kind === "unauthorized" || failure.kind === "bad-request" || failure.kind === "forbidden") {
    return "Telegram does not accept this token: it was revoked or mistyped. Copy it again from @BotFather (/mybots → API Token) and send it, or /cancel.";
  }
  return "Telegram could not be reached just now. Send the token again in a moment, or /cancel.";
}
