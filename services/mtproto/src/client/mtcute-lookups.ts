import {
  type ChatMember,
  MtInvalidPeerTypeError,
  MtPeerNotFoundError,
  type TelegramClient,
  tl,
  type User,
} from "@mtcute/node";
import type { MtprotoChatMember, MtprotoUser } from "@topicdesk/contracts";
import type { MtprotoClient } from "./mtproto-client.ts";

/**
 * The read-only questions the router asks through a session (roles, `/new`), over mtcute. Answers
 * are in the Bot API's terms (`administrator`, `kicked` …) so the router reads both transports alike.
 */
export function mtcuteLookups(client: TelegramClient): Pick<MtprotoClient, "getChatMember" | "getUser"> {
  return {
    async getChatMember(request) {
      const member = await knownPeer(() =>
        client.getChatMember({ chatId: request.chatId, userId: request.userId }),
      );
      return member === null ? { status: "left", canRestrictMembers: false } : memberFacts(member);
    },
    async getUser(reference) {
      const [user] = await knownPeer(() => client.getUsers(reference));
      if (!user) throw new tl.RpcError(400, "PEER_ID_INVALID");
      return userFacts(user);
    },
  };
}

const STATUS: Readonly<Record<ChatMember["status"], MtprotoChatMember["status"]>> = {
  creator: "creator",
  admin: "administrator",
  member: "member",
  restricted: "restricted",
  banned: "kicked",
  left: "left",
};

function memberFacts(member: ChatMember): MtprotoChatMember {
  const status = STATUS[member.status];
  return {
    status,
    canRestrictMembers:
      status === "creator" || (status === "administrator" && member.permissions?.banUsers === true),
  };
}

function userFacts(user: User): MtprotoUser {
  return {
    id: user.id,
    // mtcute's getters hand out the raw optional flags and fields: undefined where typed boolean or null.
    isBot: user.isBot === true,
    firstName: user.firstName ?? null,
    lastName: user.lastName ?? null,
    username: user.username ?? null,
  };
}

/**
 * mtcute throws its own MtPeerNotFoundError when it has no access hash for an id (the account never
 * met that user), and MtInvalidPeerTypeError for a peer that is no user; Telegram's word for both is
 * PEER_ID_INVALID, which the call error table turns into "chat not found".
 */
async function knownPeer<T>(ask: () => Promise<T>): Promise<T> {
  try {
    return await ask();
  } catch (error) {
    // A username of a group or channel is no user either.
    if (error instanceof MtPeerNotFoundError || error instanceof MtInvalidPeerTypeError) {
      throw new tl.RpcError(400, "PEER_ID_INVALID");
    }
    throw error;
  }
}
