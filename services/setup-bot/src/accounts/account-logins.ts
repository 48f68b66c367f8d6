import { ConnectionRepository } from "@topicdesk/db";
import {
  type AccountLoginProgress,
  CodeExpiredError,
  isRetryableLoginError,
  LoginError,
  LoginNotOpenError,
  PendingAccountLogins,
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

const PHONE_TEXT = /^\+?[\d\s()-]{7,24}$/;

/**
 * Logins by phone in progress, one per person. The MTProto client must live between the person's
 * messages, which a conversation cannot hold (it is replayed on every update), so it lives in
 * `PendingAccountLogins` (`@topicdesk/mtproto-login`, shared with the HTTP API): the connection and
 * its session row are created when the code is asked for and removed again if the login does not
 * finish; the mtproto service runs the session once it is marked authorized. This class turns the
 * login's outcomes into what the conversation asks next.
 */
export class AccountLogins {
  readonly #deps: SetupDeps;
  readonly #logins: PendingAccountLogins<number>;

  constructor(deps: SetupDeps, clients: AccountLoginClients) {
    this.#deps = deps;
    this.#logins = new PendingAccountLogins<number>({
      db: deps.db,
      secretBox: deps.secretBox,
      createClient: (storage) => clients.createClient(storage),
      onConnected: (connectionId) => deps.changes.announce(connectionId, "added"),
      onCloseError: (error) => deps.log.warn({ err: error }, "login client did not close"),
    });
  }

  async start(personId: number, request: { phone: string; backendChatId: number }): Promise<AccountStep> {
    await this.cancel(personId);
    if (!PHONE_TEXT.test(request.phone)) {
      return {
        kind: "again",
        message: "That is not a phone number. Send it in international format, like +4915123456789.",
      };
    }
    const taken = new Set((await new ConnectionRepository(this.#deps.db).list()).map((row) => row.id));
    return await stepOf(() =>
      this.#logins.start(personId, {
        connectionId: connectionIdFor("account", taken),
        phone: request.phone,
        newConnection: { backendChatId: request.backendChatId, adminUserId: personId },
      }),
    );
  }

  async submitCode(personId: number, code: string): Promise<AccountStep> {
    // People are asked to type the code with spaces: Telegram voids a code sent in a chat as it is.
    return await stepOf(() => this.#logins.submitCode(personId, code.replace(/\D/g, "")));
  }

  async submitPassword(personId: number, password: string): Promise<AccountStep> {
    return await stepOf(() => this.#logins.submitPassword(personId, password));
  }

  /** Drops the person's login in progress, if any, with the connection it created. */
  async cancel(personId: number): Promise<void> {
    await this.#logins.cancel(personId);
  }

  async cancelAll(): Promise<void> {
    await this.#logins.cancelAll();
  }
}

/**
 * Runs one step; Telegram's refusals become what to ask next. A mistyped code or password keeps the
 * login open; any other refusal has already ended it (what it created is gone).
 */
async function stepOf(step: () => Promise<AccountLoginProgress>): Promise<AccountStep> {
  let progress: AccountLoginProgress;
  try {
    progress = await step();
  } catch (error) {
    if (error instanceof LoginNotOpenError) return timedOut();
    if (isRetryableLoginError(error)) return { kind: "again", message: error.message };
    if (error instanceof CodeExpiredError) return { kind: "restart", message: error.message };
    if (error instanceof LoginError) return { kind: "again", message: error.message };
    throw error;
  }
  if (progress.kind === "code-sent")
    return { kind: "code-sent", length: progress.length, delivery: progress.delivery };
  if (progress.kind === "password-needed") return { kind: "password-needed", hint: progress.hint };
  return { kind: "done", connectionId: progress.connectionId, name: progress.identity.name };
}

function timedOut(): AccountStep {
  return {
    kind: "restart",
    message: "This login is no longer open (it timed out, or the setup bot restarted).",
  };
}
