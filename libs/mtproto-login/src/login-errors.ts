import { tl } from "@mtcute/node";

/**
 * What can go wrong while logging in, as named errors whose message can be shown to the person
 * logging in as it is (CLI, HTTP API, setup bot). `code` is stable for programs.
 */
export class LoginError extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.name = "LoginError";
    this.code = code;
  }
}

export class WrongCodeError extends LoginError {
  constructor() {
    super("wrong-code", "The code is wrong. Check it and enter it again.");
  }
}

export class CodeExpiredError extends LoginError {
  constructor() {
    super("code-expired", "The code has expired. Start the login again to get a new one.");
  }
}

export class WrongPasswordError extends LoginError {
  constructor() {
    super("wrong-password", "The two-step verification password is wrong. Enter it again.");
  }
}

export class LoginFloodWaitError extends LoginError {
  readonly seconds: number;
  constructor(seconds: number) {
    super("flood-wait", `Telegram asks to wait ${seconds} seconds before the next attempt.`);
    this.seconds = seconds;
  }
}

export class InvalidPhoneError extends LoginError {
  constructor() {
    super(
      "invalid-phone",
      "Telegram does not accept this phone number: use the international format, like +4915123456789.",
    );
  }
}

export class PhoneBannedError extends LoginError {
  constructor() {
    super("phone-banned", "This phone number is banned by Telegram.");
  }
}

export class InvalidBotTokenError extends LoginError {
  constructor() {
    super("invalid-bot-token", "Telegram does not accept this bot token: copy it again from @BotFather.");
  }
}

/** A step asked for out of order (a code before one was sent, a password nobody asked for). */
export class LoginStateError extends LoginError {
  constructor(message: string) {
    super("out-of-order", message);
  }
}

/** The one place that reads MTProto's login error texts. */
const LOGIN_ERRORS: Readonly<Record<string, () => LoginError>> = {
  PHONE_CODE_INVALID: () => new WrongCodeError(),
  PHONE_CODE_EMPTY: () => new WrongCodeError(),
  PHONE_CODE_EXPIRED: () => new CodeExpiredError(),
  PASSWORD_HASH_INVALID: () => new WrongPasswordError(),
  PHONE_NUMBER_INVALID: () => new InvalidPhoneError(),
  PHONE_NUMBER_BANNED: () => new PhoneBannedError(),
  ACCESS_TOKEN_INVALID: () => new InvalidBotTokenError(),
  ACCESS_TOKEN_EXPIRED: () => new InvalidBotTokenError(),
};

/** Our error for an MTProto login failure; anything else (network, a bug) is returned unchanged. */
export function loginErrorOf(error: unknown): unknown {
  if (!(error instanceof tl.RpcError)) return error;
  if (error.is("FLOOD_WAIT_%d")) return new LoginFloodWaitError(error.seconds);
  return LOGIN_ERRORS[error.text]?.() ?? error;
}

export function isPasswordNeeded(error: unknown): boolean {
  return error instanceof tl.RpcError && error.text === "SESSION_PASSWORD_NEEDED";
}
