import { tl } from "@mtcute/node";
import type { LoginClient, LoginIdentity } from "../login-client.ts";

/** Telegram's refusal exactly as mtcute throws it (`FLOOD_WAIT_73`, `PHONE_CODE_EXPIRED` …). */
export function rpcError(errorCode: number, errorMessage: string): tl.RpcError {
  return tl.RpcError.fromTl({ _: "rpc_error", errorCode, errorMessage });
}

export const FAKE_ACCOUNT: LoginIdentity = {
  kind: "identity",
  id: 5001,
  isBot: false,
  name: "Sales Team",
  username: "sales",
};

/**
 * A Telegram login server in miniature, for tests of every place that logs in (this library, the
 * CLI, the setup bot): one phone number and one valid code, an optional two-step password, and a
 * queue of errors to answer the next calls with. Records which methods were called, never what was
 * typed.
 */
export class FakeLoginClient implements LoginClient {
  readonly calls: string[] = [];
  /** Thrown, one per call, before the call does anything else. */
  readonly failures: Error[] = [];
  phone = "+4915112345678";
  validCode = "12345";
  password: string | undefined;
  hint: string | null = "our cat";
  identity: LoginIdentity = FAKE_ACCOUNT;
  closed = false;

  #next(method: string): void {
    this.calls.push(method);
    const failure = this.failures.shift();
    if (failure) throw failure;
  }

  async sendCode() {
    this.#next("sendCode");
    return { kind: "code" as const, phoneCodeHash: "hash-1", delivery: "app", length: 5, timeoutSeconds: 60 };
  }

  async signIn(input: { phone: string; phoneCodeHash: string; phoneCode: string }) {
    this.#next("signIn");
    if (input.phoneCodeHash !== "hash-1" || input.phone !== this.phone)
      throw rpcError(400, "PHONE_CODE_HASH_EMPTY");
    if (input.phoneCode !== this.validCode) throw rpcError(400, "PHONE_CODE_INVALID");
    if (this.password !== undefined) throw rpcError(401, "SESSION_PASSWORD_NEEDED");
    return this.identity;
  }

  async passwordHint() {
    this.#next("passwordHint");
    return this.hint;
  }

  async checkPassword(password: string) {
    this.#next("checkPassword");
    if (password !== this.password) throw rpcError(400, "PASSWORD_HASH_INVALID");
    return this.identity;
  }

  async signInBot(token: string) {
    this.#next("signInBot");
    if (token !== "123:valid") throw rpcError(400, "ACCESS_TOKEN_INVALID");
    return { kind: "identity" as const, id: 123, isBot: true, name: "Shop Bot", username: "shop_bot" };
  }

  async logOut() {
    this.#next("logOut");
  }

  async close() {
    this.closed = true;
  }
}
