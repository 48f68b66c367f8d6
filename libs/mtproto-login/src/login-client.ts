/**
 * What logging in needs from an MTProto client: small enough that tests drive the flow with a fake
 * (throwing real mtcute `tl.RpcError`s), while `mtcute-login-client.ts` adapts it to mtcute.
 * Failures are thrown as mtcute's `tl.RpcError` (`PHONE_CODE_INVALID`, `FLOOD_WAIT_X` …); the flow
 * turns them into our named errors once, in `login-errors.ts`.
 */
export interface LoginClient {
  /** Asks Telegram to send a login code; an already authorized session answers with who it is. */
  sendCode(phone: string): Promise<SentLoginCode | LoginIdentity>;
  /** Throws `SESSION_PASSWORD_NEEDED` when the account has two-step verification. */
  signIn(input: { phone: string; phoneCodeHash: string; phoneCode: string }): Promise<LoginIdentity>;
  passwordHint(): Promise<string | null>;
  checkPassword(password: string): Promise<LoginIdentity>;
  signInBot(token: string): Promise<LoginIdentity>;
  /** Ends the session at Telegram (the account's "active sessions" list loses it). */
  logOut(): Promise<void>;
  /** Disconnects, keeping what was stored (auth key, peers). */
  close(): Promise<void>;
}

/** Who the session is logged in as. */
export interface LoginIdentity {
  kind: "identity";
  id: number;
  isBot: boolean;
  /** First and last name of an account, the name of a bot. */
  name: string;
  username: string | null;
}

export interface SentLoginCode {
  kind: "code";
  phoneCodeHash: string;
  /** Where the code went: `app` (another Telegram app of the account), `sms`, `call` … */
  delivery: string;
  length: number;
  /** Seconds until another way of sending the code may be asked for (0: none). */
  timeoutSeconds: number;
}
