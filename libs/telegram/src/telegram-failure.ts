/**
 * What went wrong with a Bot API call, decided once at the boundary so callers switch on `kind`
 * and `reason` instead of reading Telegram's error texts.
 */
export type TelegramFailure =
  /** 429: wait `retryAfterSeconds` before calling this chat (or bot) again. */
  | { kind: "rate-limited"; retryAfterSeconds: number; description: string }
  /** 403: the bot may not act in this chat; retrying will not help. */
  | { kind: "forbidden"; reason: ForbiddenReason; description: string }
  /** 400 (and other 4xx): the request cannot succeed as it is. */
  | { kind: "bad-request"; reason: BadRequestReason; description: string }
  /** 5xx, network errors, timeouts, polling conflicts: the same call may succeed later. */
  | { kind: "transient"; description: string }
  /** 401: the token is wrong or revoked. */
  | { kind: "unauthorized"; description: string };

export type ForbiddenReason = "blocked" | "kicked" | "deactivated" | "other";

export type BadRequestReason =
  | "thread-not-found"
  | "chat-not-found"
  | "message-not-found"
  | "message-not-modified"
  | "topic-closed"
  | "not-enough-rights"
  | "other";

export type TelegramFailureKind = TelegramFailure["kind"];
