/**
 * Errors of the simulator.
 *
 * `BotApiError` is what a Bot API method answers: the server turns it into Telegram's
 * `{"ok":false,"error_code":N,"description":"..."}` envelope (with `parameters.retry_after` for 429).
 * `SimError` is thrown by the in-process API and the control API when a test drives the world
 * incorrectly (unknown user, user not in the group, ...); it never reaches a bot.
 */
export class BotApiError extends Error {
  readonly errorCode: number;
  readonly description: string;
  readonly retryAfter: number | undefined;

  constructor(errorCode: number, description: string, retryAfter?: number) {
    super(description);
    this.name = "BotApiError";
    this.errorCode = errorCode;
    this.description = description;
    this.retryAfter = retryAfter;
  }
}

export class SimError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SimError";
  }
}

/** 400 with Telegram's "Bad Request: " prefix. */
export function badRequest(what: string): BotApiError {
  return new BotApiError(400, `Bad Request: ${what}`);
}

/** 403 with Telegram's "Forbidden: " prefix. */
export function forbidden(what: string): BotApiError {
  return new BotApiError(403, `Forbidden: ${what}`);
}

export function tooManyRequests(retryAfter: number): BotApiError {
  return new BotApiError(429, `Too Many Requests: retry after ${retryAfter}`, retryAfter);
}

/** Telegram's generic descriptions for the status codes tests inject with `failNext` / `setOutage`. */
export function defaultDescription(errorCode: number): string {
  switch (errorCode) {
    case 400:
      return "Bad Request: simulated failure";
    case 403:
      return "Forbidden: simulated failure";
    case 429:
      return "Too Many Requests: retry after 1";
    case 500:
      return "Internal Server Error";
    case 502:
      return "Bad Gateway";
    case 503:
      return "Service Unavailable";
    case 504:
      return "Gateway Timeout";
    default:
      return "Simulated failure";
  }
}
