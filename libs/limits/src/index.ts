export {
  type BeforeSend,
  type BeforeSendOptions,
  BOT_WINDOW_MS,
  budgetNames,
  createBeforeSend,
  GROUP_WINDOW_MS,
  PRIVATE_CHAT_WINDOW_MS,
  type SendLimits,
} from "./before-send.ts";
export { createSendBudget, type SendBudget, type SpendOptions } from "./send-budget.ts";
