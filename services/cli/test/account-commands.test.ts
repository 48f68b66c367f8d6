import { type ITelegramStorageProvider, tl } from "@mtcute/node";
import type { ConnectionChanges } from "@topicdesk/connections";
import {
  ConnectionRepository,
  createSecretBox,
  createTestDatabase,
  MtprotoSessionRepository,
  type TestDatabase,
} from "@topicdesk/db";
import type { LoginClient } from "@topicdesk/mtproto-login";
import { CliError } from "../src/cli-error.ts";
import {
  type AccountCommandContext,
  addParallelBot,
  listAccounts,
  loginAccount,
  logoutAccount,
} from "../src/commands/account-commands.ts";

const box = createSecretBox("cli-accounts-test-key");
const rpcError = (errorCode: number, errorMessage: string) =>
  tl.RpcError.fromTl({ _: "rpc_error", errorCode, errorMessage });

/** Telegram's side of a login: the code 24680, password "hunter2"; an auth key lands in storage. */
function fakeLoginClient(
  storage: ITelegramStorageProvider,
  options: { password?: string } = {},
): LoginClient {
  const identity = {
    kind: "identity" as const,
    id: 5001,
    isBot: false,
    name: "Sales Team",
    username: "sales",
  };
  return {
    async sendCode() {
      await storage.driver.load?.();
      await storage.authKeys.set(2, new Uint8Array(256).fill(7));
      return { kind: "code", phoneCodeHash: "h", delivery: "app", length: 5, timeoutSeconds: 0 };
    },
    async signIn(input) {
      if (input.phoneCode !== "24680") throw rpcError(400, "PHONE_CODE_INVALID");
      if (options.password !== undefined) throw rpcError(401, "SESSION_PASSWORD_NEEDED");
      return identity;
    },
    passwordHint: async () => null,
    async checkPassword(password) {
      if (password !== options.password) throw rpcError(400, "PASSWORD_HASH_INVALID");
      return identity;
    },
    async signInBot(token) {
      await storage.driver.load?.();
      if (token !== "777:parallel") throw rpcError(400, "ACCESS_TOKEN_INVALID");
      return { kind: "identity", id: 777, isBot: true, name: "Shop", username: "shop_bot" };
    },
    logOut: async () => undefined,
    close: async () => {
      await storage.driver.destroy?.();
    },
  };
}

describe("pnpm topicdesk accounts", () => {
  let database: TestDatabase;
  const said: string[] = [];
  const announced: string[] = [];
  const changes: ConnectionChanges = {
    announce: async (connectionId, change) => void announced.push(`${connectionId} ${change}`),
  };
  const contextWith = (answers: string[], password?: string): AccountCommandContext => ({
    db: database.db,
    box,
    credentials: undefined,
    changes,
    ask: async () => answers.shift() ?? "",
    say: (line) => void said.push(line),
    createLoginClient: (storage) => fakeLoginClient(storage, password === undefined ? {} : { password }),
  });

  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database.drop();
  });

  test("login by code and two-step password creates the account connection and an authorized session", async () => {
    const result = await loginAccount(contextWith(["11111", "24680", "wrong", "hunter2"], "hunter2"), {
      id: "sales",
      phone: "+4915112345678",
      backend: "-1001234",
    });
    expect(result).toContain("Account Sales Team (5001) logged in as connection sales");
    expect(said).toEqual(
      expect.arrayContaining([
        "The code is wrong. Check it and enter it again.",
        "The two-step verification password is wrong. Enter it again.",
      ]),
    );
    expect(await new ConnectionRepository(database.db).get("sales")).toMatchObject({
      kind: "account",
      backend_chat_id: -1001234,
    });
    expect(await new MtprotoSessionRepository(database.db).get("sales")).toMatchObject({
      mode: "user",
      authorized: true,
      self_user_id: 5001,
    });
    // The auth key is stored, sealed.
    const entries = await database.db.selectFrom("mtproto_session_entries").selectAll().execute();
    expect(entries.some((entry) => entry.namespace === "auth" && entry.value_sealed.startsWith("v1:"))).toBe(
      true,
    );
    expect(await listAccounts(database.db)).toBe("sales\taccount\tlogged in as 5001\tactive");
    expect(announced.at(-1)).toBe("sales added");
  });

  test("a failed login leaves no connection and no session behind", async () => {
    await expect(
      loginAccount(contextWith(["1", "2", "3"]), { id: "typo", phone: "+4915112345678", backend: "-1001" }),
    ).rejects.toThrow(new CliError("The code is wrong. Check it and enter it again."));
    expect(announced).not.toContain("typo added");
    expect(await new ConnectionRepository(database.db).get("typo")).toBeUndefined();
    expect(await new MtprotoSessionRepository(database.db).get("typo")).toBeUndefined();
  });

  test("add-bot logs a bot in for parallel mode without keeping its token", async () => {
    const result = await addParallelBot(contextWith([]), {
      token: "777:parallel",
      id: "shop",
      backend: "-1005",
    });
    expect(result).toContain("@shop_bot runs in parallel mode as connection shop");
    expect(await new ConnectionRepository(database.db).get("shop")).toMatchObject({
      kind: "bot",
      bot_user_id: 777,
      token_encrypted: null,
    });
    expect(await new MtprotoSessionRepository(database.db).get("shop")).toMatchObject({
      mode: "bot",
      authorized: true,
    });
    expect(announced.at(-1)).toBe("shop added");
  });

  test("add-bot refuses a bot connection that runs over the Bot API, and a bad token", async () => {
    await new ConnectionRepository(database.db).create(
      { id: "main", kind: "bot", title: "@bot", backend_chat_id: -1001, token: "1:x" },
      box,
    );
    await expect(addParallelBot(contextWith([]), { token: "777:parallel", id: "main" })).rejects.toThrow(
      "already runs this bot over the Bot API",
    );
    await expect(
      addParallelBot(contextWith([]), { token: "777:wrong", id: "other", backend: "-1005" }),
    ).rejects.toThrow("Telegram does not accept this bot token");
    expect(await new ConnectionRepository(database.db).get("other")).toBeUndefined();
  });

  test("logout forgets the session and its storage", async () => {
    await expect(logoutAccount(database.db, changes, "sales")).resolves.toContain(
      "Session of sales forgotten",
    );
    expect(announced.at(-1)).toBe("sales changed");
    expect(await new MtprotoSessionRepository(database.db).get("sales")).toBeUndefined();
    const left = await database.db
      .selectFrom("mtproto_session_entries")
      .where("connection_id", "=", "sales")
      .selectAll()
      .execute();
    expect(left).toEqual([]);
    await expect(logoutAccount(database.db, changes, "sales")).rejects.toBeInstanceOf(CliError);
  });
});
