import { compileErrors, validate } from "@readme/openapi-parser";
import { connectionControlSubject } from "@topicdesk/contracts";
import { ConnectionRepository, createSecretBox, MtprotoSessionRepository } from "@topicdesk/db";
import { FAKE_ACCOUNT, FakeLoginClient, rpcError } from "@topicdesk/mtproto-login/testing";
import { createLogger } from "@topicdesk/telemetry";
import type { LightMyRequestResponse } from "fastify";
import { type ApiWorld, startApiWorld } from "./api-fixtures.ts";

/**
 * `/v1/accounts/logins`: an account logged in by phone code and two-step password over several
 * requests, against a fake Telegram login server (real mtcute errors), on real Postgres and NATS.
 */

// Distinctive values, so the log check below cannot miss them.
const CODE = "86420";
const PASSWORD = "horse-battery-staple";

let world: ApiWorld;
let telegram: FakeLoginClient;
let installAdmin: string;
const logLines: string[] = [];

beforeAll(async () => {
  world = await startApiWorld({
    // Every login gets the fake Telegram of the test that runs it.
    accountLogin: { createClient: () => telegram },
    log: createLogger({
      service: "login-test",
      level: "trace",
      destination: { write: (line: string) => logLines.push(line) },
    }),
  });
  installAdmin = await world.key(null, "admin");
});

afterAll(async () => {
  await world.stop();
});

beforeEach(() => {
  telegram = new FakeLoginClient();
  telegram.validCode = CODE;
});

function call(method: "GET" | "POST" | "DELETE", url: string, key: string | undefined, payload?: object) {
  return world.app.inject({
    method,
    url: `/v1/accounts/logins${url}`,
    headers: key === undefined ? {} : { authorization: `Bearer ${key}` },
    ...(payload ? { payload } : {}),
  });
}

const start = (connectionId: string, key = installAdmin, extra: object = {}) =>
  call("POST", "", key, {
    connectionId,
    phone: "+49 151 1234 5678",
    backendChatId: -1009000000001,
    ...extra,
  });

/** The answer's body, after checking its status (the body is in the message when it is not). */
function expectStatus(answer: LightMyRequestResponse, status: number) {
  expect({ status: answer.statusCode, body: answer.json() }).toMatchObject({ status });
  return answer.json();
}

const connections = () => new ConnectionRepository(world.database.db);
const sessions = () => new MtprotoSessionRepository(world.database.db);

describe("logging an account in over the API", () => {
  test("phone, code, password: the account's connection exists, its session is authorized and announced", async () => {
    telegram.password = PASSWORD;
    const announced: string[] = [];
    const subscription = world.bus.nc.subscribe(connectionControlSubject(world.naming.prefix), {
      callback: (_error, message) => void announced.push(message.string()),
    });

    const started = expectStatus(
      await start("sales", installAdmin, { title: "Sales", adminUserId: 42 }),
      201,
    );
    expect(started).toEqual({
      loginId: expect.any(String),
      connectionId: "sales",
      step: "code",
      code: { length: 5, delivery: "app", timeoutSeconds: 60 },
    });
    const { loginId } = started;
    expect(expectStatus(await call("GET", `/${loginId}`, installAdmin), 200)).toMatchObject({ step: "code" });

    const password = expectStatus(
      await call("POST", `/${loginId}/code`, installAdmin, { code: "8 6 4 2 0" }),
      200,
    );
    expect(password).toEqual({ loginId, connectionId: "sales", step: "password", passwordHint: "our cat" });

    const wrong = expectStatus(
      await call("POST", `/${loginId}/password`, installAdmin, { password: "tr0ub4dor" }),
      422,
    );
    expect(wrong).toMatchObject({
      code: "wrong_password",
      message: expect.stringContaining("Enter it again"),
    });

    const done = expectStatus(
      await call("POST", `/${loginId}/password`, installAdmin, { password: PASSWORD }),
      200,
    );
    expect(done).toEqual({
      loginId,
      connectionId: "sales",
      step: "done",
      account: { id: FAKE_ACCOUNT.id, name: FAKE_ACCOUNT.name, username: FAKE_ACCOUNT.username },
    });
    expect(await connections().get("sales")).toMatchObject({
      kind: "account",
      title: "Sales",
      backend_chat_id: -1009000000001,
      admin_user_id: 42,
    });
    expect(await sessions().get("sales")).toMatchObject({ authorized: true, self_user_id: FAKE_ACCOUNT.id });
    expect(telegram.closed).toBe(true);
    await world.bus.nc.flush();
    subscription.unsubscribe();
    expect(announced.map((hint) => JSON.parse(hint))).toEqual([
      expect.objectContaining({ connectionId: "sales", change: "added" }),
    ]);
    // Finished: the login id is gone.
    expect(expectStatus(await call("GET", `/${loginId}`, installAdmin), 404)).toMatchObject({
      code: "login_not_open",
    });
  });

  test("a wrong code is 422 and may be sent again; the right one logs in an account without a password", async () => {
    const { loginId } = expectStatus(await start("support"), 201);
    expect(
      expectStatus(await call("POST", `/${loginId}/code`, installAdmin, { code: "11111" }), 422),
    ).toMatchObject({
      code: "wrong_code",
      message: "The code is wrong. Check it and enter it again.",
    });
    expect(
      expectStatus(await call("POST", `/${loginId}/code`, installAdmin, { code: CODE }), 200),
    ).toMatchObject({
      step: "done",
    });
  });

  test("an expired code is 410: the login ends and the connection it created is gone", async () => {
    const { loginId } = expectStatus(await start("expired"), 201);
    telegram.failures.push(rpcError(400, "PHONE_CODE_EXPIRED"));
    expect(
      expectStatus(await call("POST", `/${loginId}/code`, installAdmin, { code: CODE }), 410),
    ).toMatchObject({
      code: "code_expired",
      message: expect.stringContaining("Start the login again"),
    });
    expect(await connections().get("expired")).toBeUndefined();
    expect(await sessions().get("expired")).toBeUndefined();
    expect(
      expectStatus(await call("POST", `/${loginId}/code`, installAdmin, { code: CODE }), 404),
    ).toMatchObject({
      code: "login_not_open",
    });
  });

  test("a flood wait is 429 with its seconds in the body and in Retry-After, and creates nothing", async () => {
    telegram.failures.push(rpcError(420, "FLOOD_WAIT_73"));
    const answer = await start("flooded");
    expect(expectStatus(answer, 429)).toMatchObject({
      code: "flood_wait",
      retryAfterSeconds: 73,
      message: "Telegram asks to wait 73 seconds before the next attempt.",
    });
    expect(answer.headers["retry-after"]).toBe("73");
    expect(await connections().get("flooded")).toBeUndefined();
  });

  test("a flood wait on the code keeps the login open", async () => {
    const { loginId } = expectStatus(await start("patient"), 201);
    telegram.failures.push(rpcError(420, "FLOOD_WAIT_5"));
    expect(
      expectStatus(await call("POST", `/${loginId}/code`, installAdmin, { code: CODE }), 429),
    ).toMatchObject({
      retryAfterSeconds: 5,
    });
    expect(
      expectStatus(await call("POST", `/${loginId}/code`, installAdmin, { code: CODE }), 200),
    ).toMatchObject({
      step: "done",
    });
  });

  test("a code sent again while the password is asked for is 409 password_needed, with the hint", async () => {
    telegram.password = PASSWORD;
    telegram.hint = "first pet";
    const { loginId } = expectStatus(await start("twofa"), 201);
    expectStatus(await call("POST", `/${loginId}/code`, installAdmin, { code: CODE }), 200);
    expect(
      expectStatus(await call("POST", `/${loginId}/code`, installAdmin, { code: CODE }), 409),
    ).toMatchObject({
      code: "password_needed",
      passwordHint: "first pet",
      message: expect.stringContaining("hint: first pet"),
    });
    expect(
      expectStatus(await call("POST", `/${loginId}/password`, installAdmin, { password: PASSWORD }), 200),
    ).toMatchObject({
      step: "done",
    });
  });

  test("a password nobody asked for is 409 out_of_order", async () => {
    const { loginId } = expectStatus(await start("eager"), 201);
    expect(
      expectStatus(await call("POST", `/${loginId}/password`, installAdmin, { password: PASSWORD }), 409),
    ).toMatchObject({ code: "out_of_order" });
  });

  test("a number Telegram refuses is 422 invalid_phone; one that is not a number is 400", async () => {
    telegram.failures.push(rpcError(400, "PHONE_NUMBER_INVALID"));
    expect(expectStatus(await start("badphone"), 422)).toMatchObject({ code: "invalid_phone" });
    expect(await connections().get("badphone")).toBeUndefined();
    expect(expectStatus(await start("nophone", installAdmin, { phone: "call me" }), 400)).toMatchObject({
      code: "invalid_request",
    });
  });

  test("cancel ends the login and removes the connection it created", async () => {
    const { loginId } = expectStatus(await start("cancelled"), 201);
    expect(await connections().get("cancelled")).toBeDefined();
    expect(expectStatus(await call("DELETE", `/${loginId}`, installAdmin), 200)).toEqual({ ok: true });
    expect(await connections().get("cancelled")).toBeUndefined();
    expect(telegram.closed).toBe(true);
    expectStatus(await call("DELETE", `/${loginId}`, installAdmin), 404);
  });
});

describe("who may log an account in", () => {
  test("without a key 401; a new connection needs an installation-wide admin key", async () => {
    const noKey = await call("POST", "", undefined, {
      connectionId: "nokey",
      phone: "+4915112345678",
      backendChatId: -1001,
    });
    expectStatus(noKey, 401);
    const alphaAdmin = await world.key("alpha", "admin");
    expect(expectStatus(await start("fresh", alphaAdmin), 403)).toMatchObject({ code: "forbidden" });
    const installReader = await world.key(null, "read", "write");
    expectStatus(await start("fresh", installReader), 403);
    expect(await connections().get("fresh")).toBeUndefined();
  });

  test("the steps of a login need an admin key that may act on its connection", async () => {
    const { loginId } = expectStatus(await start("guarded"), 201);
    const betaAdmin = await world.key("beta", "admin");
    expect(
      expectStatus(await call("POST", `/${loginId}/code`, betaAdmin, { code: CODE }), 404),
    ).toMatchObject({
      code: "not_found",
    });
    const installWriter = await world.key(null, "write");
    expectStatus(await call("POST", `/${loginId}/code`, installWriter, { code: CODE }), 403);
    expectStatus(await call("GET", `/${loginId}`, installWriter), 403);
    // Nothing was spent: the right caller finishes it.
    expectStatus(await call("POST", `/${loginId}/code`, installAdmin, { code: CODE }), 200);
  });

  test("a new connection needs its backend group; a bot's id or a logged-in account is refused", async () => {
    const noGroup = await call("POST", "", installAdmin, {
      connectionId: "nogroup",
      phone: "+4915112345678",
    });
    expect(expectStatus(noGroup, 400)).toMatchObject({ message: expect.stringContaining("backendChatId") });
    expect(expectStatus(await start("alpha"), 409)).toMatchObject({
      message: expect.stringContaining("is a bot"),
    });
    expect(expectStatus(await start("sales"), 409)).toMatchObject({
      message: expect.stringContaining("logged in already"),
    });
  });

  test("an account connection without a session logs in again with its own admin key, and is kept when that login is cancelled", async () => {
    await connections().create(
      { id: "returning", kind: "account", title: "Returning", backend_chat_id: -1009000000002 },
      // An account connection has no token to seal: any box will do.
      createSecretBox("no-secrets-in-an-account-row"),
    );
    const ownAdmin = await world.key("returning", "admin");
    const { loginId } = expectStatus(
      await call("POST", "", ownAdmin, { connectionId: "returning", phone: "+4915112345678" }),
      201,
    );
    expect(expectStatus(await start("returning", installAdmin), 409)).toMatchObject({
      message: expect.stringContaining("is open already"),
    });
    expectStatus(await call("DELETE", `/${loginId}`, ownAdmin), 200);
    expect(await connections().get("returning")).toMatchObject({ title: "Returning" });
    expect(await sessions().get("returning")).toBeUndefined();
  });
});

test("login codes and passwords never reach the logs", () => {
  const log = logLines.join("\n");
  // The flows above ran (and were logged) before this test: their requests are in the log.
  expect(log).toContain("/code");
  expect(log).toContain("/password");
  expect(log).not.toContain(CODE);
  expect(log).not.toContain("8 6 4 2 0");
  expect(log).not.toContain(PASSWORD);
  expect(log).not.toContain("tr0ub4dor");
});

test("the login routes are in the OpenAPI document, which stays valid", async () => {
  const document = (await world.app.inject({ method: "GET", url: "/docs/json" })).json();
  const result = await validate(structuredClone(document));
  if (!result.valid) throw new Error(compileErrors(result));
  expect(Object.keys(document.paths)).toEqual(
    expect.arrayContaining([
      "/v1/accounts/logins",
      "/v1/accounts/logins/{loginId}",
      "/v1/accounts/logins/{loginId}/code",
      "/v1/accounts/logins/{loginId}/password",
    ]),
  );
});

describe("without the app credentials", () => {
  let bare: ApiWorld;
  beforeAll(async () => {
    bare = await startApiWorld();
  });
  afterAll(async () => {
    await bare.stop();
  });

  test("account logins answer 503 saying what to set", async () => {
    const key = await bare.key(null, "admin");
    const answer = await bare.app.inject({
      method: "POST",
      url: "/v1/accounts/logins",
      headers: { authorization: `Bearer ${key}` },
      payload: { connectionId: "nope", phone: "+4915112345678", backendChatId: -1001 },
    });
    expect(expectStatus(answer, 503)).toMatchObject({
      code: "mtproto_off",
      message: expect.stringContaining("TELEGRAM_API_ID"),
    });
  });
});
