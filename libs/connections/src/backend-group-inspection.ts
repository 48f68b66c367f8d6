import { classifyTelegramError } from "@topicdesk/telegram";
import type { Api } from "grammy";

/** The admin rights the connected bot needs in its backend group, in Telegram's own names. */
export const BACKEND_GROUP_RIGHTS = {
  can_manage_topics: "Manage topics",
  can_delete_messages: "Delete messages",
  can_pin_messages: "Pin messages",
  can_restrict_members: "Ban users",
} as const;

export type BackendGroupRight = keyof typeof BACKEND_GROUP_RIGHTS;

/** One thing to fix before a group can be a backend group. */
export type BackendGroupProblem =
  | { kind: "unreachable" }
  | { kind: "not-supergroup" }
  | { kind: "not-forum" }
  | { kind: "bot-not-admin" }
  | { kind: "missing-right"; right: BackendGroupRight };

export interface BackendGroupReport {
  chatId: number;
  title: string | undefined;
  /** Empty when the group is ready. */
  problems: BackendGroupProblem[];
}

/**
 * Everything that keeps `chatId` from being the backend group of the bot `botUserId`, all at once,
 * so the person setting it up can fix them in one go (spec decision 1). Telegram refusing to show
 * the chat to the bot (not a member, no such chat) is itself a problem, not an error.
 */
export async function inspectBackendGroup(
  api: Api,
  chatId: number,
  botUserId: number,
  rights: readonly BackendGroupRight[] = Object.keys(BACKEND_GROUP_RIGHTS) as BackendGroupRight[],
): Promise<BackendGroupReport> {
  let chat: Awaited<ReturnType<Api["getChat"]>>;
  try {
    chat = await api.getChat(chatId);
  } catch (error) {
    if (isChatHidden(error)) return { chatId, title: undefined, problems: [{ kind: "unreachable" }] };
    throw error;
  }
  const title = "title" in chat ? chat.title : undefined;
  if (chat.type !== "supergroup") return { chatId, title, problems: [{ kind: "not-supergroup" }] };
  const problems: BackendGroupProblem[] = chat.is_forum ? [] : [{ kind: "not-forum" }];
  const member = await api.getChatMember(chatId, botUserId);
  if (member.status === "administrator") {
    for (const right of rights) if (!member[right]) problems.push({ kind: "missing-right", right });
  } else if (member.status !== "creator") {
    problems.push({ kind: "bot-not-admin" });
  }
  return { chatId, title, problems };
}

/** "chat not found", "bot is not a member", "bot was kicked": the bot cannot see the group. */
function isChatHidden(error: unknown): boolean {
  const failure = classifyTelegramError(error);
  return (
    (failure.kind === "bad-request" && failure.reason === "chat-not-found") ||
    (failure.kind === "forbidden" && failure.reason === "kicked")
  );
}

/** One sentence per problem, saying what to change and where. */
export function describeBackendGroupProblem(problem: BackendGroupProblem, chatId: number): string {
  switch (problem.kind) {
    case "unreachable":
      return `The bot cannot see the group ${chatId}: add the bot to the group as an administrator (or check the id).`;
    case "not-supergroup":
      return `The chat ${chatId} is not a supergroup: use a group with Topics enabled.`;
    case "not-forum":
      return `The backend group ${chatId} must be a supergroup with Topics enabled (Group settings → Topics).`;
    case "bot-not-admin":
      return `The bot must be an administrator of the backend group ${chatId}.`;
    case "missing-right":
      return `The bot needs the “${BACKEND_GROUP_RIGHTS[problem.right]}” admin right in the backend group.`;
  }
}
