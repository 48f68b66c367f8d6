import { LoginError, LoginFloodWaitError, type OpenStep } from "@topicdesk/mtproto-login";
import { ApiError } from "../app/api-errors.ts";

/**
 * HTTP status and API code of each login refusal (`LoginError.code`, named in
 * `@topicdesk/mtproto-login`). The message is the library's sentence, shown to people as it is.
 */
const LOGIN_REFUSALS: Readonly<Record<string, { status: number; code: string }>> = {
  // The login stays open: the same request may be sent again with the right value.
  "wrong-code": { status: 422, code: "wrong_code" },
  "wrong-password": { status: 422, code: "wrong_password" },
  // The login is closed (and what it created removed): start again with the phone number.
  "code-expired": { status: 410, code: "code_expired" },
  "invalid-phone": { status: 422, code: "invalid_phone" },
  "phone-banned": { status: 422, code: "phone_banned" },
  "login-not-open": { status: 404, code: "login_not_open" },
  "out-of-order": { status: 409, code: "out_of_order" },
};

/** A login refusal as the API's error; anything else (a bug, Telegram unreachable) unchanged. */
export function loginRefusal(error: unknown): unknown {
  if (error instanceof LoginFloodWaitError) {
    return new ApiError(429, "flood_wait", error.message, { retryAfterSeconds: error.seconds });
  }
  if (!(error instanceof LoginError)) return error;
  const refusal = LOGIN_REFUSALS[error.code] ?? { status: 422, code: error.code.replace(/-/g, "_") };
  return new ApiError(refusal.status, refusal.code, error.message);
}

/** A code sent to a login that waits for the two-step password: say so, with the hint. */
export function passwordNeeded(step: Extract<OpenStep, { kind: "password-needed" }>): ApiError {
  const hint = step.hint ? ` (hint: ${step.hint})` : "";
  return new ApiError(
    409,
    "password_needed",
    `The account has two-step verification${hint}: send its password to …/password.`,
    { passwordHint: step.hint },
  );
}

/** No app credentials, so no MTProto client can be made. */
export function mtprotoOff(): ApiError {
  return new ApiError(
    503,
    "mtproto_off",
    "Account logins need TELEGRAM_API_ID and TELEGRAM_API_HASH (from my.telegram.org) on the API service.",
  );
}
