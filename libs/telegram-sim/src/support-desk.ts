import type { CreateUserInput, SimUser, TelegramSim } from "./types.ts";

export interface SupportDeskInput {
  bot: { token: string; username: string; firstName?: string };
  operator: CreateUserInput;
  groupTitle?: string;
}

export interface SupportDesk {
  bot: SimUser;
  operator: SimUser;
  /** A forum supergroup owned by the operator, where the bot is an admin that may manage topics. */
  groupId: number;
}

/**
 * The setting every Topicdesk run starts from: a bot, and a backend group with the rights the
 * setup check demands (spec decision 1), owned by an operator.
 */
export function createSupportDesk(sim: TelegramSim, input: SupportDeskInput): SupportDesk {
  const bot = sim.createBot(input.bot);
  const operator = sim.createUser(input.operator);
  const { chatId } = sim.createForumGroup({
    title: input.groupTitle ?? "Support team",
    members: [
      { userId: operator.id, status: "creator" },
      {
        userId: bot.id,
        status: "administrator",
        canManageTopics: true,
        canDeleteMessages: true,
        canRestrictMembers: true,
      },
    ],
  });
  return { bot, operator, groupId: chatId };
}
