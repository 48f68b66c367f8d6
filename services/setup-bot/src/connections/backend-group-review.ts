import { describeBackendGroupProblem, inspectBackendGroup } from "@topicdesk/connections";
import { classifyTelegramError, createBotApi } from "@topicdesk/telegram";
import { GrammyError, HttpError } from "grammy";

/** The verdict on a group, as plain data a conversation can store. */
export interface BackendGroupReview {
  ready: boolean;
  /** What the person reads: "ready", or every problem on its own line. */
  text: string;
}

export interface GroupReviewRequest {
  telegramApiRoot: string;
  /** The connected bot's token: only that bot can see the group as it will work in it. */
  token: string;
  botUserId: number;
  chatId: number;
  /** The person setting up; they must run the group (reference §1.2). */
  personId: number;
}

/**
 * Checks the group as the connected bot sees it (forum mode, admin rights: spec decision 1) and
 * that the person is its owner or an administrator, and says exactly what is missing.
 */
export async function reviewBackendGroup(request: GroupReviewRequest): Promise<BackendGroupReview> {
  const api = createBotApi(request.token, { apiRoot: request.telegramApiRoot, timeoutMs: 15_000 });
  try {
    const report = await inspectBackendGroup(api, request.chatId, request.botUserId);
    const problems = report.problems.map((problem) => describeBackendGroupProblem(problem, request.chatId));
    const unreachable = report.problems.some((problem) => problem.kind === "unreachable");
    if (!unreachable && !(await runsGroup(api, request.chatId, request.personId))) {
      problems.push("You must be the owner or an administrator of this group to make it a backend group.");
    }
    const name = report.title ? `“${report.title}” (${request.chatId})` : `${request.chatId}`;
    if (problems.length === 0) return { ready: true, text: `✅ The group ${name} is ready.` };
    return {
      ready: false,
      text: [`The group ${name} is not ready yet:`, ...problems.map((problem) => `• ${problem}`)].join("\n"),
    };
  } catch (error) {
    if (!(error instanceof GrammyError || error instanceof HttpError)) throw error;
    const failure = classifyTelegramError(error);
    return { ready: false, text: `Telegram did not answer the check (${failure.kind}). Try again.` };
  }
}

async function runsGroup(api: ReturnType<typeof createBotApi>, chatId: number, personId: number) {
  const member = await api.getChatMember(chatId, personId);
  return member.status === "creator" || member.status === "administrator";
}
