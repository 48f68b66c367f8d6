import type { Api } from "grammy";

/** What is wrong with a backend group, in words the person setting it up can act on. */
export class BackendGroupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "BackendGroupError";
  }
}

/**
 * The backend group must be a forum supergroup where the bot is an admin that may manage topics
 * (spec decision 1). Checked when a connection is added, so a mistake shows at once, not at the
 * first client message.
 */
export async function checkBackendGroup(api: Api, backendChatId: number, botUserId: number): Promise<void> {
  const chat = await api.getChat(backendChatId);
  if (chat.type !== "supergroup" || !("is_forum" in chat) || !chat.is_forum) {
    throw new BackendGroupError(
      `The backend group ${backendChatId} must be a supergroup with Topics enabled (Group settings → Topics).`,
    );
  }
  const member = await api.getChatMember(backendChatId, botUserId);
  if (member.status !== "administrator" && member.status !== "creator") {
    throw new BackendGroupError(`The bot must be an administrator of the backend group ${backendChatId}.`);
  }
  if (member.status === "administrator" && !member.can_manage_topics) {
    throw new BackendGroupError("The bot needs the “Manage topics” admin right in the backend group.");
  }
}
