import { ConnectionRepository, MtprotoSessionRepository } from "@topicdesk/db";
import {
  AccountLogin,
  CodeExpiredError,
  createPostgresSessionStorage,
  type LoginClient,
  LoginError,
  LoginFloodWaitError,
  type LoginIdentity,
  type LoginStep,
  WrongCodeError,
  WrongPasswordError,
} from "@topicdesk/mtproto-login";
import { connectionIdFor } from "../connections/connection-id.ts";
import type { AccountLoginClients, SetupDeps } from "../setup-deps.ts";

/**
 * Where a person's account login stands, as plain data a conversation can keep for its replays.
 * `again`: the same question once more (wrong code or password, flood wait, bad number);
 * `restart`: the phone number again (the code expired, the login timed out).
 */
export type AccountStep =
  | { kind: "code-sent"; length: number; delivery: string }
  | { kind: "password-needed"; hint: string | null }
  | { kind: "done"; connectionId: string; name: string }
  | { kind: "again"; message: string }
  | { kind: "restart"; message: string };

interface PendingLogin {
  connectionId: string;
  client: LoginClient;
  login: AccountLogin;
  expiry: NodeJS.Timeout;
}

/** A half-finished login is dropped (its rows removed) after this long without an answer. */
const LOGIN_TIMEOUT_MS = 15 * 60 * 1000;

const PHONE_TEXT = /^\+?[\d\s()-]{7,24}$/;

/**
 * Logins by phone in progress, one per person. The MTProto client must live between the person's
 * messages, which a conversation cannot hold (it is replayed on every update), so it lives here, in
 * memory like the conversations themselves. The connection and its session row are created when the
 * code is asked for (the session's sealed storage belongs to them) and removed again if the login
 * does not finish; the mtproto service runs the session once it is marked authorized.
 */
export class AccountLogins {
  readonly #deps: SetupDeps;
  readonly #clients: AccountLoginClients;
  readonly #pending = new Map<number, PendingLogin>();

  constructor(deps: SetupDeps, clients: AccountLoginClients) {
    this.#deps = deps;
    this.#clients = clients;
  }

  async start(personId: number, request: { phone: string; backendChatId: number }): Promise<AccountStep> {
    await this.cancel(personId);
    if (!PHONE_TEXT.test(request.phone)) {
      return {
        kind: "again",
        message: "That is not a phone number. Send it in international format, like +4915123456789.",
      };
    }
    const pending = await this.#open(personId, request.phone, request.backendChatId);
    const step = await this.#advance(personId, pending, () => pending.login.start(request.phone));
    // No code went out (a flood wait): the number is sent again, and that starts afresh.
    if (step.kind === "again") await this.cancel(personId);
    return step;
  }

  async submitCode(personId: number, code: string): Promise<AccountStep> {
    const pending = this.#pending.get(personId);
    if (!pending) return timedOut();
    // People are asked to type the code with spaces: Telegram voids a code sent in a chat as it is.
    return await this.#advance(personId, pending, () => pending.login.submitCode(code.replace(/\D/g, "")));
  }

  async submitPassword(personId: number, password: string): Promise<AccountStep> {
    const pending = this.#pending.get(personId);
    if (!pending) return timedOut();
    return await this.#advance(personId, pending, () => pending.login.submitPassword(password));
  }

  /** Drops the person's login in progress, if any, with the connection it created. */
  async cancel(personId: number): Promise<void> {
    const pending = this.#pending.get(personId);
    if (!pending) return;
    this.#pending.delete(personId);
    clearTimeout(pending.expiry);
    await pending.client.close().catch((error: unknown) => {
      this.#deps.log.warn({ err: error, connection: pending.connectionId }, "login client did not close");
    });
    // Never announced (the login did not finish), so nobody is told it is gone; the session goes with it.
    await new ConnectionRepository(this.#deps.db).remove(pending.connectionId);
  }

  async cancelAll(): Promise<void> {
    for (const personId of [...this.#pending.keys()]) await this.cancel(personId);
  }

  async #open(personId: number, phone: string, backendChatId: number): Promise<PendingLogin> {
    const { db, secretBox } = this.#deps;
    const connections = new ConnectionRepository(db);
    const taken = new Set((await connections.list()).map((row) => row.id));
    const connectionId = connectionIdFor("account", taken);
    await connections.create(
      {
        id: connectionId,
        kind: "account",
        title: `Account ${maskPhone(phone)}`,
        backend_chat_id: backendChatId,
        admin_user_id: personId,
      },
      secretBox,
    );
    const sessions = new MtprotoSessionRepository(db);
    await sessions.ensure(connectionId, "user");
    const storage = createPostgresSessionStorage({ connectionId, repository: sessions, box: secretBox });
    const client = this.#clients.createClient(storage);
    const expiry = setTimeout(() => void this.cancel(personId), LOGIN_TIMEOUT_MS);
    expiry.unref();
    const pending = { connectionId, client, login: new AccountLogin(client), expiry };
    this.#pending.set(personId, pending);
    return pending;
  }

  /** Runs one step; Telegram's refusals become what to ask next, anything else ends the login. */
  async #advance(
    personId: number,
    pending: PendingLogin,
    step: () => Promise<LoginStep>,
  ): Promise<AccountStep> {
    let result: LoginStep;
    try {
      result = await step();
    } catch (error) {
      if (isRetryable(error)) return { kind: "again", message: error.message };
      await this.cancel(personId);
      if (error instanceof CodeExpiredError) return { kind: "restart", message: error.message };
      if (error instanceof LoginError) return { kind: "again", message: error.message };
      throw error;
    }
    if (result.kind === "code-sent")
      return { kind: "code-sent", length: result.length, delivery: result.delivery };
    if (result.kind === "password-needed") return { kind: "password-needed", hint: result.hint };
    return await this.#finish(personId, pending, result.identity);
  }

  async #finish(personId: number, pending: PendingLogin, identity: LoginIdentity): Promise<AccountStep> {
    this.#pending.delete(personId);
    clearTimeout(pending.expiry);
    // Closing saves the rest of the storage (peers, settings) before the mtproto service starts it.
    await pending.client.close();
    await new MtprotoSessionRepository(this.#deps.db).markAuthorized(pending.connectionId, identity.id);
    await this.#deps.changes.announce(pending.connectionId, "added");
    return { kind: "done", connectionId: pending.connectionId, name: identity.name };
  }
}

/** A mistyped code or password, or a wait Telegram asks for: the same step may simply be tried again. */
function isRetryable(error: unknown): error is LoginError {
  return (
    error instanceof WrongCodeError ||
    error instanceof WrongPasswordError ||
    error instanceof LoginFloodWaitError
  );
}

function timedOut(): AccountStep {
  return {
    kind: "restart",
    message: "This login is no longer open (it timed out, or the setup bot restarted).",
  };
}

/** Enough of the number to tell accounts apart in a list, not enough to read it. */
function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, "");
  return `+${digits.slice(0, 2)}…${digits.slice(-2)}`;
}
