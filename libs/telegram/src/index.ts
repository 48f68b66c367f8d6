export type { Api } from "grammy";
export { type BotApiOptions, createBotApi } from "./bot-api.ts";
export { type CallOptions, callTelegram, DeliveryFailure } from "./call-telegram.ts";
export { classifyTelegramError } from "./classify-telegram-error.ts";
export { backoffMs, retryDelayMs } from "./retry-delay.ts";
export type {
  BadRequestReason,
  ForbiddenReason,
  TelegramFailure,
  TelegramFailureKind,
} from "./telegram-failure.ts";
