export type { MtprotoApiCredentials } from "./api-credentials.ts";
export type { LoginClient, LoginIdentity, SentLoginCode } from "./login-client.ts";
export {
  CodeExpiredError,
  InvalidBotTokenError,
  InvalidPhoneError,
  LoginError,
  LoginFloodWaitError,
  LoginStateError,
  PhoneBannedError,
  WrongCodeError,
  WrongPasswordError,
} from "./login-errors.ts";
export { AccountLogin, type LoginStep, loginBot } from "./login-flow.ts";
export { createMtcuteLoginClient, type MtcuteLoginClientOptions } from "./mtcute-login-client.ts";
export { type OpenSessionLoginOptions, openSessionLogin, type SessionLogin } from "./session-login.ts";
export {
  type AccountLoginProgress,
  type AccountLoginRequest,
  isRetryableLoginError,
  LoginNotOpenError,
  maskPhone,
  type OpenStep,
  PendingAccountLogins,
  type PendingAccountLoginsOptions,
} from "./sessions/pending-account-logins.ts";
export {
  createPostgresSessionStorage,
  type PostgresSessionStorageOptions,
} from "./storage/postgres-session-storage.ts";
