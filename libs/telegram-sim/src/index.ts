/**
 * @topicdesk/telegram-sim — an in-memory Telegram Bot API server for tests, benchmarks and demos.
 * Point grammY at `sim.apiRoot` and drive simulated people through the returned TelegramSim.
 */
export { BotApiError, SimError } from "./errors.ts";
export { TELEGRAM_DEFAULT_LIMITS } from "./rate-limits.ts";
export { createSupportDesk, type SupportDesk, type SupportDeskInput } from "./support-desk.ts";
export { startTelegramSim } from "./telegram-sim.ts";
export { TOPIC_ICON_COLORS } from "./topics.ts";
export type {
  CreateBotInput,
  CreateForumGroupInput,
  CreateUserInput,
  SimAlbumItem,
  SimChatQuery,
  SimContent,
  SimEdit,
  SimFailure,
  SimLimits,
  SimMemberRights,
  SimMemberSpec,
  SimMemberStatus,
  SimMessageInput,
  SimOptions,
  SimOutage,
  SimSendOptions,
  SimStateSummary,
  SimStats,
  SimTarget,
  SimTopicInfo,
  SimUser,
  TelegramSim,
} from "./types.ts";
export type { SimFileContent } from "./uploaded-file.ts";
