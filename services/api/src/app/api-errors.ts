/**
 * Expected failures of a request, each with its HTTP status and a stable `code` clients can match
 * on. Thrown by routes and turned into `{ statusCode, code, error, message }` in one error handler.
 */
export class ApiError extends Error {
  readonly statusCode: number;
  readonly code: string;
  /** Facts a client acts on, added to the body beside `message` (`retryAfterSeconds` …). */
  readonly details: Readonly<Record<string, unknown>> | undefined;

  constructor(statusCode: number, code: string, message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = "ApiError";
    this.statusCode = statusCode;
    this.code = code;
    this.details = details;
  }
}

/** 401: no key, or a key that is unknown or revoked. Says which, never whose. */
export const unauthorized = (message: string) => new ApiError(401, "unauthorized", message);

/** 403: a valid key whose scopes do not allow this. */
export const forbidden = (message: string) => new ApiError(403, "forbidden", message);

/** 404: not there, or not visible to this key (another connection's things look absent). */
export const notFound = (message: string) => new ApiError(404, "not_found", message);

/** 400: a value the request carried is wrong in a way the schema cannot express (a parameter value). */
export const badRequest = (message: string) => new ApiError(400, "bad_request", message);

/** 409: the request conflicts with the current state (a topic key taken by another name). */
export const conflict = (message: string) => new ApiError(409, "conflict", message);

/** 422: well-formed, but Telegram or the setup refused it (a wrong token, a group without topics). */
export const unprocessable = (message: string) => new ApiError(422, "unprocessable", message);

/** 502: Telegram failed for a reason retrying will not fix. */
export const badGateway = (message: string) => new ApiError(502, "telegram_failed", message);
