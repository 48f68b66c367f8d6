import { GrammyError, HttpError } from "grammy";
import type { BadRequestReason, ForbiddenReason, TelegramFailure } from "./telegram-failure.ts";

/*
 * Telegram reports errors as an HTTP-like number plus an English description; it exposes no finer
 * error codes. Telling "blocked by the user" from "kicked from the group", or "thread not found"
 * from "chat not found", therefore means matching the description. It happens here and only here,
 * so a wording change at Telegram is fixed in one table. Tables are ordered: the first match wins.
 */
const FORBIDDEN_REASONS: ReadonlyArray<readonly [RegExp, ForbiddenReason]> = [
  [/bot was blocked by the user/i, "blocked"],
  // "kicked from the (super)group/channel chat", and "not a member" after it left or was removed.
  [/bot was kicked|bot is not a member/i, "kicked"],
  [/user is deactivated/i, "deactivated"],
];

const BAD_REQUEST_REASONS: ReadonlyArray<readonly [RegExp, BadRequestReason]> = [
  // Before the message rule: "message thread not found" is about the topic, not a message.
  [/message thread not found|TOPIC_ID_INVALID|TOPIC_DELETED/i, "thread-not-found"],
  [/TOPIC_CLOSED/i, "topic-closed"],
  [/message is not modified/i, "message-not-modified"],
  // Editing, closing or reopening a topic into the state it already has.
  [/TOPIC_NOT_MODIFIED/i, "message-not-modified"],
  [/message(?: to [a-z ]+)? not found|replied message not found|MESSAGE_ID_INVALID/i, "message-not-found"],
  [/chat not found|PEER_ID_INVALID/i, "chat-not-found"],
  [
    /not enough rights|have no rights|administrator rights|CHAT_ADMIN_REQUIRED|CHAT_WRITE_FORBIDDEN|CHAT_SEND_\w+_FORBIDDEN/i,
    "not-enough-rights",
  ],
];

/** Telegram sends retry_after with every 429; one second keeps a malformed answer from stalling a lane. */
const FALLBACK_RETRY_AFTER_SECONDS = 1;

export function classifyTelegramError(error: unknown): TelegramFailure {
  if (error instanceof GrammyError) return classifyApiError(error);
  // grammY wraps network failures, timeouts and unreadable answers (an HTML 502 page) in HttpError;
  // its message names the method but not the URL, so it never carries the token.
  if (error instanceof HttpError) return { kind: "transient", description: error.message };
  // Anything else did not come from the Bot API call itself (a bug, a transformer): let it be retried.
  return { kind: "transient", description: error instanceof Error ? error.message : String(error) };
}

function classifyApiError(error: GrammyError): TelegramFailure {
  const { error_code: code, description } = error;
  if (code === 429) {
    const retryAfterSeconds = error.parameters.retry_after ?? FALLBACK_RETRY_AFTER_SECONDS;
    return { kind: "rate-limited", retryAfterSeconds, description };
  }
  if (code === 401) return { kind: "unauthorized", description };
  if (code === 403) return { kind: "forbidden", reason: match(FORBIDDEN_REASONS, description), description };
  // 409: another getUpdates poller (e.g. the old pod during a rolling deploy) holds the bot for now.
  if (code === 409 || code >= 500) return { kind: "transient", description };
  return { kind: "bad-request", reason: match(BAD_REQUEST_REASONS, description), description };
}

function match<R extends string>(
  table: ReadonlyArray<readonly [RegExp, R]>,
  description: string,
): R | "other" {
  return table.find(([pattern]) => pattern.test(description))?.[1] ?? "other";
}
