import type { MtprotoCallReply } from "@topicdesk/contracts";
import type { MtprotoCaller } from "@topicdesk/telegram-transport";
import type { TelegramLookup, UserLookupAnswer } from "./telegram-lookup.ts";

/** Telegram refused a lookup in a way that says nothing about the user (flood wait, outage). */
export class MtprotoLookupError extends Error {
  constructor(reply: Extract<MtprotoCallReply, { ok: false }>) {
    super(`MTProto lookup refused: ${reply.error.code} ${reply.error.description}`);
    this.name = "MtprotoLookupError";
  }
}

/**
 * The router's lookups for a connection with an MTProto session (an account, or a bot in parallel
 * mode): read-only calls to the session's owner, which answers in the Bot API's terms.
 */
export function mtprotoLookup(call: MtprotoCaller): TelegramLookup {
  return {
    async chatMember(chatId, userId) {
      const reply = await call({ op: "chat.member", chatId, userId });
      if (!reply.ok) throw new MtprotoLookupError(reply);
      return reply.result.member ?? { status: "left", canRestrictMembers: false };
    },
    async user(who) {
      let reply: MtprotoCallReply;
      try {
        reply = await call({ op: "user.resolve", user: who });
      } catch {
        // The session's owner did not answer (no replica runs it right now): ask again later.
        return { kind: "lookup-failed" };
      }
      return userAnswerOf(reply);
    },
  };
}

/** 400 (PEER_ID_INVALID, USERNAME_NOT_OCCUPIED …) and 403 say the session cannot reach them. */
function userAnswerOf(reply: MtprotoCallReply): UserLookupAnswer {
  if (!reply.ok) {
    const definite = reply.error.code === 400 || reply.error.code === 403;
    return definite ? { kind: "unknown" } : { kind: "lookup-failed" };
  }
  const user = reply.result.user;
  if (!user) return { kind: "lookup-failed" };
  return {
    kind: "found",
    user: { id: user.id, firstName: user.firstName, lastName: user.lastName, username: user.username },
  };
}
