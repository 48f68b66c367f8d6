import { tl } from "@mtcute/node";
import type { MtprotoChatMember, MtprotoUser } from "@topicdesk/contracts";
import type { MtprotoClient } from "@topicdesk/mtproto";
import type { SimUser, TelegramSim } from "@topicdesk/telegram-sim";
import { Api } from "grammy";
import { BOT_TOKEN } from "./e2e-harness.ts";

export interface SimLookupRules {
  /**
   * Whether the session may address this user by id. Telegram needs a user's access hash, which an
   * account has only for people it has met; a bot session for anyone who wrote to it.
   */
  knowsId(userId: number): boolean;
  /** Whose Bot API reads group members from the simulator: the session's own bot, else the harness's. */
  botToken?: string;
}

/**
 * The read-only questions a fake MTProto session answers (roles, `/new`), with the simulator as
 * Telegram's truth: members and rights as an admin bot of the group reads them with getChatMember,
 * people (and bots) by username from the simulated world, ids only under the session's rules. The
 * errors are Telegram's own (`tl.RpcError`), as mtcute throws them.
 */
export function simLookups(
  sim: TelegramSim,
  rules: SimLookupRules,
): Pick<MtprotoClient, "getChatMember" | "getUser"> {
  const adminBot = new Api(rules.botToken ?? BOT_TOKEN, { apiRoot: sim.apiRoot });
  return {
    async getChatMember({ chatId, userId }): Promise<MtprotoChatMember> {
      const member = await adminBot.getChatMember(chatId, userId);
      return {
        status: member.status,
        canRestrictMembers:
          member.status === "creator" || (member.status === "administrator" && member.can_restrict_members),
      };
    },
    async getUser(reference): Promise<MtprotoUser> {
      const people: SimUser[] = [...sim.summary().users, ...sim.summary().bots];
      if (typeof reference === "number") {
        const user = rules.knowsId(reference) ? people.find((person) => person.id === reference) : undefined;
        if (!user) throw new tl.RpcError(400, "PEER_ID_INVALID");
        return userOf(user);
      }
      const wanted = reference.toLowerCase();
      const user = people.find((person) => person.username?.toLowerCase() === wanted);
      if (!user) throw new tl.RpcError(400, "USERNAME_NOT_OCCUPIED");
      return userOf(user);
    },
  };
}

/** Members of a simulated group: an account has met everyone it shares a group with. */
export function isMemberOf(sim: TelegramSim, chatId: number, userId: number): boolean {
  const group = sim.summary().groups.find((entry) => entry.chatId === chatId);
  return group?.members.some((member) => member.userId === userId && member.status !== "left") ?? false;
}

function userOf(user: SimUser): MtprotoUser {
  return {
    id: user.id,
    isBot: user.is_bot,
    firstName: user.first_name,
    lastName: user.last_name ?? null,
    username: user.username ?? null,
  };
}
