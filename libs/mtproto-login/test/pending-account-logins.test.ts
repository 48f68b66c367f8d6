import {
  ConnectionRepository,
  createSecretBox,
  createTestDatabase,
  MtprotoSessionRepository,
  type TestDatabase,
} from "@topicdesk/db";
import {
  CodeExpiredError,
  LoginFloodWaitError,
  LoginNotOpenError,
  PendingAccountLogins,
  WrongCodeError,
  WrongPasswordError,
} from "../src/index.ts";
import { FAKE_ACCOUNT, FakeLoginClient, rpcError } from "../src/testing/index.ts";

const box = createSecretBox("pending-logins-test-key");
let database: TestDatabase;
let connections: ConnectionRepository;
let sessions: MtprotoSessionRepository;

beforeAll(async () => {
  database = await createTestDatabase();
  connections = new ConnectionRepository(database.db);
  sessions = new MtprotoSessionRepository(database.db);
});

afterAll(async () => {
  await database.drop();
});

/** Logins over one fake Telegram; `connected` records what was announced. */
function logins(client: FakeLoginClient, options: { timeoutMs?: number } = {}) {
  const connected: string[] = [];
  const registry = new PendingAccountLogins<string>({
    db: database.db,
    secretBox: box,
    createClient: () => client,
    onConnected: async (connectionId) => void connected.push(connectionId),
    ...options,
  });
  return { registry, connected };
}

const newAccount = (connectionId: string, phone: string) => ({
  connectionId,
  phone,
  newConnection: { backendChatId: -1001, adminUserId: 42 },
});

describe("account logins that span several requests", () => {
  test("phone, code, password: the connection is created, the session authorized and announced", async () => {
    const client = new FakeLoginClient();
    client.password = "meow";
    const { registry, connected } = logins(client);
    expect(await registry.start("l1", newAccount("acc-one", client.phone))).toEqual({
      kind: "code-sent",
      connectionId: "acc-one",
      delivery: "app",
      length: 5,
      timeoutSeconds: 60,
    });
    expect(registry.connectionOf("l1")).toBe("acc-one");
    expect(registry.stepOf("l1")).toMatchObject({ kind: "code-sent" });
    expect(await registry.submitCode("l1", client.validCode)).toEqual({
      kind: "password-needed",
      connectionId: "acc-one",
      hint: "our cat",
    });
    expect(registry.stepOf("l1")).toMatchObject({ kind: "password-needed", hint: "our cat" });
    await expect(registry.submitPassword("l1", "woof")).rejects.toBeInstanceOf(WrongPasswordError);
    expect(await registry.submitPassword("l1", "meow")).toEqual({
      kind: "done",
      connectionId: "acc-one",
      identity: FAKE_ACCOUNT,
    });
    expect(await connections.get("acc-one")).toMatchObject({
      kind: "account",
      title: "Account +49…78",
      backend_chat_id: -1001,
      admin_user_id: 42,
    });
    expect(await sessions.get("acc-one")).toMatchObject({ authorized: true, self_user_id: FAKE_ACCOUNT.id });
    expect(connected).toEqual(["acc-one"]);
    expect(client.closed).toBe(true);
    // Done means closed: the key names no login any more.
    expect(registry.connectionOf("l1")).toBeUndefined();
    await expect(registry.submitCode("l1", "12345")).rejects.toBeInstanceOf(LoginNotOpenError);
  });

  test("a wrong code and a flood wait keep the login open for another try", async () => {
    const client = new FakeLoginClient();
    const { registry } = logins(client);
    await registry.start("l2", newAccount("acc-two", client.phone));
    await expect(registry.submitCode("l2", "00000")).rejects.toBeInstanceOf(WrongCodeError);
    client.failures.push(rpcError(420, "FLOOD_WAIT_31"));
    await expect(registry.submitCode("l2", client.validCode)).rejects.toMatchObject({ seconds: 31 });
    expect(await registry.submitCode("l2", client.validCode)).toMatchObject({ kind: "done" });
  });

  test("an expired code ends the login and removes the connection it created", async () => {
    const client = new FakeLoginClient();
    const { registry, connected } = logins(client);
    await registry.start("l3", newAccount("acc-three", client.phone));
    client.failures.push(rpcError(400, "PHONE_CODE_EXPIRED"));
    await expect(registry.submitCode("l3", client.validCode)).rejects.toBeInstanceOf(CodeExpiredError);
    expect(await connections.get("acc-three")).toBeUndefined();
    expect(await sessions.get("acc-three")).toBeUndefined();
    expect(connected).toEqual([]);
    await expect(registry.submitCode("l3", client.validCode)).rejects.toBeInstanceOf(LoginNotOpenError);
  });

  test("a flood wait on the phone number leaves nothing behind", async () => {
    const client = new FakeLoginClient();
    client.failures.push(rpcError(420, "FLOOD_WAIT_120"));
    const { registry } = logins(client);
    await expect(registry.start("l4", newAccount("acc-four", client.phone))).rejects.toBeInstanceOf(
      LoginFloodWaitError,
    );
    expect(await connections.get("acc-four")).toBeUndefined();
    expect(registry.connectionOf("l4")).toBeUndefined();
  });

  test("cancel removes what the login created; an existing connection logging in again is kept", async () => {
    const client = new FakeLoginClient();
    const { registry } = logins(client);
    await registry.start("l5", newAccount("acc-five", client.phone));
    expect(await registry.cancel("l5")).toBe(true);
    expect(await connections.get("acc-five")).toBeUndefined();
    expect(await registry.cancel("l5")).toBe(false);

    await connections.create({ id: "acc-six", kind: "account", title: "Kept", backend_chat_id: -1002 }, box);
    await registry.start("l6", { connectionId: "acc-six", phone: client.phone });
    await registry.cancel("l6");
    expect(await connections.get("acc-six")).toMatchObject({ title: "Kept" });
    expect(await sessions.get("acc-six")).toBeUndefined();
  });

  test("a login nobody finishes is dropped after the timeout", async () => {
    const client = new FakeLoginClient();
    const { registry } = logins(client, { timeoutMs: 20 });
    await registry.start("l7", newAccount("acc-seven", client.phone));
    for (let tries = 0; registry.connectionOf("l7") !== undefined && tries < 100; tries += 1) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(registry.connectionOf("l7")).toBeUndefined();
    for (let tries = 0; (await connections.get("acc-seven")) !== undefined && tries < 100; tries += 1) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(await connections.get("acc-seven")).toBeUndefined();
  });
});
