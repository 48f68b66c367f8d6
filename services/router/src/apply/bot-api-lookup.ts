import { type Api, classifyTelegramError } from "@topicdesk/telegram";
import type { TelegramLookup, UserLookupAnswer } from "./telegram-lookup.ts";

/** The router's lookups for a bot connection: getChatMember and getChat with the bot's token. */
export function botApiLookup(api: Api): TelegramLookup {
  return {
    async chatMember(chatId, userId) {
      const member = await api.getChatMember(chatId, userId);
      return {
        status: member.status,
        canRestrictMembers:
          member.status === "creator" || (member.status === "administrator" && member.can_restrict_members),
      };
    },
    user: (who) =>
      typeof who === "string" ? Promise.resolve({ kind: "usernames-unsupported" }) : chatOf(api, who),
  };
}

/**
 * A bot sees a private chat only with someone who started it, so Telegram's "chat not found" or
 * "can't initiate conversation" means the bot could not write to them either.
 */
async function chatOf(api: Api, userId: number): Promise<UserLookupAnswer> {
  try {
    const chat = await api.getChat(userId);
    if (chat.type !== "private") return { kind: "unknown" };
    return {
      kind: "found",
      user: {
        id: chat.id,
        firstName: chat.first_name ?? null,
        lastName: chat.last_name ?? null,
        username: chat.username ?? null,
      },
    };
  } catch (error) {
    const failure = classifyTelegramError(error);
    const definite = failure.kind === "forbidden" || failure.kind === "bad-request";
    return definite ? { kind: "unknown" } : { kind: "lookup-failed" };
  }
}
