import type { Api } from "grammy";
import { describeBackendGroupProblem, inspectBackendGroup } from "./backend-group-inspection.ts";

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
 * first client message. The setup bot asks for more rights through `inspectBackendGroup`.
 */
export async function checkBackendGroup(api: Api, backendChatId: number, botUserId: number): Promise<void> {
  const report = await inspectBackendGroup(api, backendChatId, botUserId, ["can_manage_topics"]);
  if (report.problems.length > 0) {
    throw new BackendGroupError(
      report.problems.map((problem) => describeBackendGroupProblem(problem, backendChatId)).join(" "),
    );
  }
}
