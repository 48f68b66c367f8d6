import type { LoginIdentity } from "../login-client.ts";
import { LoginError, LoginFloodWaitError, WrongCodeError, WrongPasswordError } from "../login-errors.ts";
import { AccountLogin, type LoginStep } from "../login-flow.ts";
import { type OpenSessionLoginOptions, openSessionLogin, type SessionLogin } from "../session-login.ts";

/** Where a login in progress stands after a step, with the connection it logs in. */
export type AccountLoginProgress =
  | { kind: "code-sent"; connectionId: string; delivery: string; length: number; timeoutSeconds: number }
  | { kind: "password-needed"; connectionId: string; hint: string | null }
  | { kind: "done"; connectionId: string; identity: LoginIdentity };

export interface AccountLoginRequest {
  /** The account's connection. */
  connectionId: string;
  phone: string;
  /**
   * The connection to create for the login (removed again if the login does not finish); omitted
   * when an account connection of that id exists and logs in again.
   */
  newConnection?: {
    backendChatId: number;
    /** Who connected it: the new connection's administrator. */
    adminUserId?: number | null;
    /** Default: "Account +49…89", enough of the number to tell accounts apart, not to read it. */
    title?: string;
  };
}

export interface PendingAccountLoginsOptions
  extends Pick<OpenSessionLoginOptions, "db" | "secretBox" | "createClient"> {
  /** Runs once a login finished and its session is authorized: announce the new connection. */
  onConnected(connectionId: string): Promise<void>;
  /** A half-finished login is dropped (what it created removed) after this long; default 15 minutes. */
  timeoutMs?: number;
  /** A login client that did not close when its login was dropped (nothing was left to save). */
  onCloseError?: (error: unknown) => void;
}

/** The login asked for is not (or no longer) open: it timed out, was cancelled, or never existed here. */
export class LoginNotOpenError extends LoginError {
  constructor() {
    super(
      "login-not-open",
      "This login is no longer open (it timed out, was cancelled, or the service restarted). Start again with the phone number.",
    );
  }
}

interface Pending {
  session: SessionLogin;
  login: AccountLogin;
  expiry: NodeJS.Timeout;
  /** What the login last asked for; undefined until the code was sent. */
  step?: OpenStep | undefined;
}

/** The steps a login waits in: for the code, or for the two-step password. */
export type OpenStep = Exclude<AccountLoginProgress, { kind: "done" }>;

const DEFAULT_TIMEOUT_MS = 15 * 60 * 1000;

/**
 * Account logins by phone that span several requests or messages (the setup bot's chat, the HTTP
 * API), keyed by whatever names a login there (a person, a login id). The MTProto client has to live
 * between the steps, so it lives here, in memory: a login is bound to the process that started it.
 *
 * A mistyped code or password, or a flood wait, is thrown as its `LoginError` and the login stays
 * open for another try; any other failure (an expired code, a banned number, a bug) ends the login,
 * removing the connection and session it created, and is thrown after that.
 */
export class PendingAccountLogins<Key> {
  readonly #options: PendingAccountLoginsOptions;
  readonly #pending = new Map<Key, Pending>();

  constructor(options: PendingAccountLoginsOptions) {
    this.#options = options;
  }

  /** Sends the code; a login already open under this key is dropped first. */
  async start(key: Key, request: AccountLoginRequest): Promise<AccountLoginProgress> {
    await this.cancel(key);
    const { db, secretBox, createClient } = this.#options;
    const fresh = request.newConnection;
    const session = await openSessionLogin({
      db,
      secretBox,
      createClient,
      connectionId: request.connectionId,
      mode: "user",
      newConnection: fresh && {
        kind: "account",
        title: fresh.title ?? `Account ${maskPhone(request.phone)}`,
        backend_chat_id: fresh.backendChatId,
        admin_user_id: fresh.adminUserId ?? null,
      },
    });
    const timeoutMs = this.#options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const expiry = setTimeout(() => void this.cancel(key), timeoutMs);
    expiry.unref();
    const pending = { session, login: new AccountLogin(session.client), expiry };
    this.#pending.set(key, pending);
    try {
      return await this.#settle(key, pending, await pending.login.start(request.phone));
    } catch (error) {
      // No code went out, so there is nothing to answer: the next try starts afresh.
      await this.cancel(key);
      throw error;
    }
  }

  async submitCode(key: Key, code: string): Promise<AccountLoginProgress> {
    const pending = this.#open(key);
    return await this.#advance(key, pending, () => pending.login.submitCode(code));
  }

  async submitPassword(key: Key, password: string): Promise<AccountLoginProgress> {
    const pending = this.#open(key);
    return await this.#advance(key, pending, () => pending.login.submitPassword(password));
  }

  /** The connection an open login logs in, or undefined when none is open under the key. */
  connectionOf(key: Key): string | undefined {
    return this.#pending.get(key)?.session.connectionId;
  }

  /** Whether a login of this connection is open (a second one would share its session storage). */
  isOpenFor(connectionId: string): boolean {
    return [...this.#pending.values()].some((pending) => pending.session.connectionId === connectionId);
  }

  /** What the open login waits for (the code, or the password with its hint); undefined when none is open. */
  stepOf(key: Key): OpenStep | undefined {
    return this.#pending.get(key)?.step;
  }

  /** Drops the login open under the key, with what it created; false when none was open. */
  async cancel(key: Key): Promise<boolean> {
    const pending = this.#pending.get(key);
    if (!pending) return false;
    this.#pending.delete(key);
    clearTimeout(pending.expiry);
    await pending.session.abandon(this.#options.onCloseError);
    return true;
  }

  async cancelAll(): Promise<void> {
    for (const key of [...this.#pending.keys()]) await this.cancel(key);
  }

  #open(key: Key): Pending {
    const pending = this.#pending.get(key);
    if (!pending) throw new LoginNotOpenError();
    return pending;
  }

  async #advance(key: Key, pending: Pending, step: () => Promise<LoginStep>): Promise<AccountLoginProgress> {
    let result: LoginStep;
    try {
      result = await step();
    } catch (error) {
      if (!isRetryableLoginError(error)) await this.cancel(key);
      throw error;
    }
    return await this.#settle(key, pending, result);
  }

  async #settle(key: Key, pending: Pending, step: LoginStep): Promise<AccountLoginProgress> {
    const connectionId = pending.session.connectionId;
    if (step.kind !== "done") {
      pending.step = { ...step, connectionId };
      return pending.step;
    }
    this.#pending.delete(key);
    clearTimeout(pending.expiry);
    await pending.session.complete(step.identity);
    await this.#options.onConnected(connectionId);
    return { kind: "done", connectionId, identity: step.identity };
  }
}

/** A mistyped code or password, or a wait Telegram asks for: the same step may simply be tried again. */
export function isRetryableLoginError(error: unknown): error is LoginError {
  return (
    error instanceof WrongCodeError ||
    error instanceof WrongPasswordError ||
    error instanceof LoginFloodWaitError
  );
}

/** Enough of the number to tell accounts apart in a list, not enough to read it. */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, "");
  return `+${digits.slice(0, 2)}…${digits.slice(-2)}`;
}
