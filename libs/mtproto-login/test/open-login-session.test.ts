import {
  ConnectionRepository,
  createSecretBox,
  createTestDatabase,
  MtprotoSessionRepository,
  type TestDatabase,
} from "@topicdesk/db";
import { loginBot, openSessionLogin } from "../src/index.ts";
import { FakeLoginClient } from "../src/testing/index.ts";

/**
 * The bookkeeping every login shares (CLI, setup bot, HTTP API): what `openSessionLogin` creates,
 * keeps and removes, on the real Postgres. The multi-step account flow on top of it is
 * `pending-account-logins.test.ts`.
 */
const box = createSecretBox("open-login-session-test-key");
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

function open(connectionId: string, client: FakeLoginClient, isNew: boolean, mode: "user" | "bot" = "user") {
  return openSessionLogin({
    db: database.db,
    secretBox: box,
    connectionId,
    mode,
    newConnection: isNew
      ? { kind: mode === "user" ? "account" : "bot", title: connectionId, backend_chat_id: -1001 }
      : undefined,
    createClient: () => client,
  });
}

describe("the bookkeeping around an MTProto login", () => {
  test("a bot logged in for parallel mode leaves a token-less bot connection and an authorized session", async () => {
    const client = new FakeLoginClient();
    const login = await open("shop", client, true, "bot");
    await login.complete(await loginBot(login.client, "123:valid"));
    expect(client.closed).toBe(true);
    expect(await connections.get("shop")).toMatchObject({ kind: "bot", token_encrypted: null });
    expect(await sessions.get("shop")).toMatchObject({ mode: "bot", authorized: true, self_user_id: 123 });
  });

  test("an abandoned login again for an authorized session keeps the connection and the session", async () => {
    const login = await open("shop", new FakeLoginClient(), false, "bot");
    await login.abandon();
    expect(await connections.get("shop")).toBeDefined();
    expect(await sessions.get("shop")).toMatchObject({ authorized: true });
  });

  test("an existing connection without a session keeps the connection and loses only the new session", async () => {
    await connections.create({ id: "kept", kind: "account", title: "Kept", backend_chat_id: -1002 }, box);
    const login = await open("kept", new FakeLoginClient(), false);
    expect(await sessions.get("kept")).toMatchObject({ authorized: false });
    await login.abandon();
    expect(await connections.get("kept")).toMatchObject({ backend_chat_id: -1002 });
    expect(await sessions.get("kept")).toBeUndefined();
  });

  test("a client that does not close is reported, and still nothing is left behind", async () => {
    const client = new FakeLoginClient();
    client.close = async () => {
      throw new Error("socket gone");
    };
    const login = await open("stuck", client, true);
    const reported: unknown[] = [];
    await login.abandon((error) => reported.push(error));
    expect(reported).toEqual([new Error("socket gone")]);
    expect(await connections.get("stuck")).toBeUndefined();
    expect(await sessions.get("stuck")).toBeUndefined();
  });
});
