import type { LoginClient, LoginIdentity } from "./login-client.ts";
import { isPasswordNeeded, LoginStateError, loginErrorOf } from "./login-errors.ts";

/** Where a login stands after each step; the caller prompts for what the step asks. */
export type LoginStep =
  | { kind: "code-sent"; delivery: string; length: number; timeoutSeconds: number }
  | { kind: "password-needed"; hint: string | null }
  | { kind: "done"; identity: LoginIdentity };

/**
 * Logging an account in by phone: `start(phone)` sends the code, `submitCode` checks it, and an
 * account with two-step verification then asks for `submitPassword`. A wrong code or password
 * leaves the step where it was, so the person simply tries again; an expired code needs `start`.
 * Every Telegram refusal is thrown as a named `LoginError` (`login-errors.ts`).
 *
 * The client's storage keeps the auth key between steps: the HTTP API and the setup bot may keep
 * one flow per person across requests, the CLI runs it in one go.
 */
export class AccountLogin {
  readonly #client: LoginClient;
  #phone: string | undefined;
  #phoneCodeHash: string | undefined;
  #awaitingPassword = false;

  constructor(client: LoginClient) {
    this.#client = client;
  }

  async start(phone: string): Promise<LoginStep> {
    const normalized = phone.replace(/[\s()-]/g, "");
    const sent = await translated(() => this.#client.sendCode(normalized));
    if (sent.kind === "identity") return { kind: "done", identity: sent };
    this.#phone = normalized;
    this.#phoneCodeHash = sent.phoneCodeHash;
    this.#awaitingPassword = false;
    return {
      kind: "code-sent",
      delivery: sent.delivery,
      length: sent.length,
      timeoutSeconds: sent.timeoutSeconds,
    };
  }

  async submitCode(code: string): Promise<LoginStep> {
    const phone = this.#phone;
    const phoneCodeHash = this.#phoneCodeHash;
    if (phone === undefined || phoneCodeHash === undefined) {
      throw new LoginStateError("No code was sent yet: start the login with the phone number first.");
    }
    try {
      const identity = await this.#client.signIn({ phone, phoneCodeHash, phoneCode: code.trim() });
      return { kind: "done", identity };
    } catch (error) {
      if (!isPasswordNeeded(error)) throw loginErrorOf(error);
      this.#awaitingPassword = true;
      return { kind: "password-needed", hint: await translated(() => this.#client.passwordHint()) };
    }
  }

  async submitPassword(password: string): Promise<LoginStep> {
    if (!this.#awaitingPassword) {
      throw new LoginStateError("No password was asked for: enter the login code first.");
    }
    const identity = await translated(() => this.#client.checkPassword(password));
    this.#awaitingPassword = false;
    return { kind: "done", identity };
  }
}

/** Logs a bot in over MTProto with its token (parallel mode); the other system's session stays. */
export function loginBot(client: LoginClient, token: string): Promise<LoginIdentity> {
  return translated(() => client.signInBot(token.trim()));
}

async function translated<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw loginErrorOf(error);
  }
}
