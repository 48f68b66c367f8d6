import { compileErrors, validate } from "@readme/openapi-parser";
import { partitionOf } from "@topicdesk/contracts";
import { DialogRepository, OperatorRepository, ParameterRepository } from "@topicdesk/db";
import { Queue } from "bullmq";
import { type ApiWorld, bearer, startApiWorld } from "./api-fixtures.ts";

let world: ApiWorld;
let admin: string;
let reader: string;
let writer: string;
let foreign: string;
let installation: string;

beforeAll(async () => {
  world = await startApiWorld();
  admin = await world.key("alpha", "admin");
  reader = await world.key("alpha", "read");
  writer = await world.key("alpha", "write");
  foreign = await world.key("beta", "admin");
  installation = await world.key(null, "admin");
});
afterAll(async () => world.stop());

const get = (url: string, key?: string) =>
  world.app.inject({ method: "GET", url, headers: key ? bearer(key) : {} });
const send = (method: "POST" | "PUT" | "DELETE", url: string, key: string, payload?: object) =>
  world.app.inject({ method, url, headers: bearer(key), ...(payload === undefined ? {} : { payload }) });

describe("authentication and authorization", () => {
  test("a request without a key is 401 and says how to send one", async () => {
    const answer = await get("/v1/connections");
    expect(answer.statusCode).toBe(401);
    expect(answer.json()).toMatchObject({ code: "unauthorized", message: expect.stringContaining("Bearer") });
  });

  test("an unknown key is 401, also in the X-API-Key header", async () => {
    const answer = await world.app.inject({
      method: "GET",
      url: "/v1/connections",
      headers: { "x-api-key": "tdk_nope" },
    });
    expect(answer.statusCode).toBe(401);
    expect(answer.json().message).toContain("unknown or was revoked");
  });

  test("a key of another connection sees that connection as absent (404)", async () => {
    for (const url of [
      "/v1/connections/alpha",
      "/v1/connections/alpha/parameters",
      "/v1/connections/alpha/dialogs",
    ]) {
      expect((await get(url, foreign)).statusCode).toBe(404);
    }
  });

  test("a key without the needed scope is 403 and names the scope", async () => {
    const answer = await send("PUT", "/v1/connections/alpha/parameters/AUTOCLOSE", reader, { value: "12" });
    expect(answer.statusCode).toBe(403);
    expect(answer.json().message).toContain('needs "admin"');
  });
});

describe("connections", () => {
  test("a connection key lists only its own connection, an installation key all", async () => {
    expect((await get("/v1/connections", reader)).json().map((row: { id: string }) => row.id)).toEqual([
      "alpha",
    ]);
    expect((await get("/v1/connections", installation)).json().map((row: { id: string }) => row.id)).toEqual([
      "alpha",
      "beta",
    ]);
  });

  test("reading a connection never shows its token", async () => {
    const answer = await get("/v1/connections/alpha", reader);
    expect(answer.statusCode).toBe(200);
    expect(answer.json()).toMatchObject({ id: "alpha", botUsername: "alpha_bot", status: "active" });
    expect(answer.body).not.toContain("TEST-api-bot");
  });

  test("only an installation-wide admin key adds connections; the group is checked", async () => {
    const bot = world.sim.createBot({
      token: "535353:TEST-api-bot-c-0123456789abcdefghijkl",
      username: "gamma_bot",
    });
    const { chatId } = world.sim.createForumGroup({
      title: "Gamma",
      members: [{ userId: bot.id, status: "administrator", canManageTopics: true }],
    });
    const body = {
      id: "gamma",
      token: "535353:TEST-api-bot-c-0123456789abcdefghijkl",
      backendChatId: chatId,
    };
    expect((await send("POST", "/v1/connections", admin, body)).statusCode).toBe(403);
    const created = await send("POST", "/v1/connections", installation, body);
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ id: "gamma", backendChatId: chatId, botUsername: "gamma_bot" });
    const plain = world.sim.createForumGroup({ title: "No bot", members: [] });
    const refused = await send("POST", "/v1/connections", installation, {
      ...body,
      id: "delta",
      backendChatId: plain.chatId,
    });
    expect(refused.statusCode).toBe(422);
    expect((await get("/v1/connections/delta", installation)).statusCode).toBe(404);
  });

  test("a malformed connection body is a 400 naming the field", async () => {
    const answer = await send("POST", "/v1/connections", installation, {
      id: "Bad Id",
      token: "x",
      backendChatId: 5,
    });
    expect(answer.statusCode).toBe(400);
    expect(answer.json()).toMatchObject({
      code: "invalid_request",
      message: expect.stringContaining("body/"),
    });
  });

  test("pause and resume need admin and change the status", async () => {
    expect((await send("POST", "/v1/connections/alpha/pause", writer)).statusCode).toBe(403);
    expect((await send("POST", "/v1/connections/alpha/pause", admin)).json().status).toBe("paused");
    expect((await send("POST", "/v1/connections/alpha/resume", admin)).json().status).toBe("active");
  });

  test("removing a connection deletes it; another connection's key cannot", async () => {
    expect((await send("DELETE", "/v1/connections/gamma", foreign)).statusCode).toBe(404);
    expect((await send("DELETE", "/v1/connections/gamma", installation)).statusCode).toBe(200);
    expect((await get("/v1/connections/gamma", installation)).statusCode).toBe(404);
  });
});

describe("parameters", () => {
  test("lists every parameter with its default", async () => {
    const answer = await get("/v1/connections/alpha/parameters", reader);
    expect(answer.statusCode).toBe(200);
    expect(answer.json()).toEqual(
      expect.arrayContaining([expect.objectContaining({ name: "AUTOCLOSE", value: "48", isDefault: true })]),
    );
  });

  test("sets a valid value with the CLI's parser, aliases included", async () => {
    const answer = await send("PUT", "/v1/connections/alpha/parameters/auto_close", admin, { value: "168" });
    expect(answer.statusCode).toBe(200);
    expect(answer.json()).toMatchObject({ name: "AUTOCLOSE", value: "168", isDefault: false });
    expect(await new ParameterRepository(world.database.db).listRaw("alpha")).toMatchObject({
      AUTOCLOSE: "168",
    });
  });

  test("refuses a bad value with the parser's sentence and changes nothing", async () => {
    const answer = await send("PUT", "/v1/connections/alpha/parameters/AUTOCLOSE", admin, { value: "soon" });
    expect(answer.statusCode).toBe(400);
    expect(answer.json().message).toContain("AUTOCLOSE expects");
    expect((await get("/v1/connections/alpha/parameters/AUTOCLOSE", reader)).json().value).toBe("168");
  });

  test("an unknown parameter is 404; unset restores the default", async () => {
    expect((await get("/v1/connections/alpha/parameters/NOPE", reader)).statusCode).toBe(404);
    const answer = await send("DELETE", "/v1/connections/alpha/parameters/AUTOCLOSE", admin);
    expect(answer.json()).toMatchObject({ value: "48", isDefault: true });
  });
});

describe("dialogs, operators and info_by_topic", () => {
  let openId: number;
  let closedId: number;

  beforeAll(async () => {
    const dialogs = new DialogRepository(world.database.db);
    const base = { connection_id: "alpha", chat_type: "private" as const, backend_chat_id: world.groupA };
    openId = (
      await dialogs.create({
        ...base,
        client_chat_id: 9001,
        status: "user_answered",
        topic_id: 77,
        first_name: "Jane",
        username: "jane",
        labels: ["vip"],
      })
    ).id;
    closedId = (await dialogs.create({ ...base, client_chat_id: 9002, status: "closed", first_name: "Joe" }))
      .id;
    await new OperatorRepository(world.database.db).touch(world.groupA, {
      id: world.operatorA,
      firstName: "Ann",
    });
    await new OperatorRepository(world.database.db).touch(world.groupA, { id: 4242, firstName: "Otto" });
  });

  test("lists dialogs filtered by status and by label", async () => {
    const byStatus = await get("/v1/connections/alpha/dialogs?status=closed", reader);
    expect(byStatus.json().map((row: { id: number }) => row.id)).toEqual([closedId]);
    const byLabel = await get("/v1/connections/alpha/dialogs?label=vip", reader);
    expect(byLabel.json().map((row: { id: number }) => row.id)).toEqual([openId]);
    expect((await get("/v1/connections/alpha/dialogs?status=maybe", reader)).statusCode).toBe(400);
  });

  test("reads a dialog; HIDE_INFO masks names for keys short of admin", async () => {
    const full = await get(`/v1/connections/alpha/dialogs/${openId}`, reader);
    expect(full.json()).toMatchObject({ firstName: "Jane", username: "jane", topicId: 77 });
    await new ParameterRepository(world.database.db).set("alpha", "HIDE_INFO", "name");
    expect((await get(`/v1/connections/alpha/dialogs/${openId}`, reader)).json()).toMatchObject({
      firstName: null,
      username: null,
    });
    expect((await get(`/v1/connections/alpha/dialogs/${openId}`, admin)).json()).toMatchObject({
      firstName: "Jane",
    });
    await new ParameterRepository(world.database.db).unset("alpha", "HIDE_INFO");
    expect((await get(`/v1/connections/beta/dialogs/${openId}`, foreign)).statusCode).toBe(404);
  });

  test("closing a dialog hands /close to the router through the inbound stream", async () => {
    expect((await send("POST", `/v1/connections/alpha/dialogs/${openId}/close`, reader)).statusCode).toBe(
      403,
    );
    const answer = await send("POST", `/v1/connections/alpha/dialogs/${openId}/close`, writer);
    // No router runs in this file: the command is accepted and waits in the stream.
    expect(answer.statusCode).toBe(202);
    const subject = world.naming.inboundSubject(partitionOf("alpha", world.groupA, 2), "alpha", world.groupA);
    const stored = await world.bus.jsm.streams.getMessage(world.naming.inboundStream, {
      last_by_subj: subject,
    });
    expect(stored?.json()).toMatchObject({
      id: answer.json().eventId,
      chat: { id: world.groupA },
      from: { id: world.operatorA, firstName: "Ann" },
      message: { threadId: 77, text: "/close" },
    });
  });

  test("closing a closed dialog changes nothing; a dialog without a topic cannot be acted on", async () => {
    expect(
      (await send("POST", `/v1/connections/alpha/dialogs/${closedId}/close`, writer)).json().status,
    ).toBe("closed");
    expect(
      (await send("POST", `/v1/connections/alpha/dialogs/${closedId}/reopen`, writer, {})).statusCode,
    ).toBe(409);
    expect(
      (await send("POST", `/v1/connections/alpha/dialogs/${closedId}/reopen`, writer, { status: "gone" }))
        .statusCode,
    ).toBe(400);
  });

  test("operators come with their roles", async () => {
    await new ParameterRepository(world.database.db).set("alpha", "EXTENSIONS_ALLOWED", "4242");
    const answer = await get("/v1/connections/alpha/operators", reader);
    expect(answer.json()).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ userId: world.operatorA, role: "admin" }),
        expect.objectContaining({ userId: 4242, role: "extension" }),
      ]),
    );
  });

  test("info_by_topic answers the reference's fields from the numbers in a topic link", async () => {
    const groupId = String(world.groupA).replace(/^-100/, "");
    const answer = await get(`/v1/connections/alpha/topic-info?group_id=${groupId}&topic_id=77`, reader);
    expect(answer.statusCode).toBe(200);
    expect(answer.json()).toMatchObject({
      result: "topic_info",
      frontend_type: "private",
      instance_id: "alpha",
      chat_id: world.groupA,
      topic_status: "user_answered",
      user_id: 9001,
      user_first_name: "Jane",
    });
    expect(
      (await get(`/v1/connections/alpha/topic-info?group_id=${groupId}&topic_id=78`, reader)).statusCode,
    ).toBe(404);
    expect((await get(`/v1/connections/alpha/topic-info?group_id=abc&topic_id=77`, reader)).statusCode).toBe(
      400,
    );
  });
});

describe("API keys", () => {
  test("an issued key works at once, is listed without its secret, and stops working when revoked", async () => {
    const issued = await send("POST", "/v1/connections/alpha/keys", admin, {
      label: "crm",
      scopes: ["read"],
    });
    expect(issued.statusCode).toBe(201);
    const { key, id } = issued.json();
    expect((await get("/v1/connections/alpha", key)).statusCode).toBe(200);
    const listed = await get("/v1/connections/alpha/keys", admin);
    expect(listed.body).not.toContain(key);
    expect(listed.json()).toEqual(
      expect.arrayContaining([expect.objectContaining({ id, label: "crm", scopes: ["read"] })]),
    );
    expect((await send("DELETE", `/v1/connections/alpha/keys/${id}`, admin)).statusCode).toBe(200);
    expect((await get("/v1/connections/alpha", key)).statusCode).toBe(401);
  });

  test("bad scopes are a 400; another connection's key cannot revoke", async () => {
    expect(
      (await send("POST", "/v1/connections/alpha/keys", admin, { label: "x", scopes: ["root"] })).statusCode,
    ).toBe(400);
    expect(
      (await send("POST", "/v1/connections/alpha/keys", writer, { label: "x", scopes: ["read"] })).statusCode,
    ).toBe(403);
    expect((await send("DELETE", "/v1/connections/alpha/keys/1", foreign)).statusCode).toBe(404);
  });
});

describe("topics API", () => {
  test("creates a custom topic in the backend group, idempotently by key", async () => {
    const created = await send("PUT", "/v1/connections/alpha/topics/payments", writer, { name: "Payments" });
    expect(created.statusCode).toBe(201);
    const { topicId } = created.json();
    expect(world.sim.topics(world.groupA)).toEqual(
      expect.arrayContaining([expect.objectContaining({ threadId: topicId, name: "Payments" })]),
    );
    const again = await send("PUT", "/v1/connections/alpha/topics/payments", writer, { name: "Payments" });
    expect(again.statusCode).toBe(200);
    expect(again.json().topicId).toBe(topicId);
    expect(
      (await send("PUT", "/v1/connections/alpha/topics/payments", writer, { name: "Other" })).statusCode,
    ).toBe(409);
    expect(
      (await send("PUT", "/v1/connections/alpha/topics/Bad Key", writer, { name: "X" })).statusCode,
    ).toBe(400);
    expect(
      (await send("PUT", "/v1/connections/alpha/topics/news", writer, { name: "N", iconColor: 5 }))
        .statusCode,
    ).toBe(400);
    expect(
      (await get("/v1/connections/alpha/topics", reader)).json().map((row: { key: string }) => row.key),
    ).toEqual(["payments"]);
  });

  test("a post is queued in the group's delivery lane with its buttons; unsent within the wait it is 202", async () => {
    const buttons = [[{ text: "Open invoice", url: "https://example.com/invoice/1" }]];
    const answer = await send("POST", "/v1/connections/alpha/topics/payments/messages", writer, {
      text: "<b>Payment received</b>",
      parseMode: "HTML",
      buttons,
    });
    expect(answer.statusCode).toBe(202);
    const { jobId, statusUrl } = answer.json();
    const queue = new Queue(`td-group.${world.groupA}`, {
      connection: world.redis,
      prefix: world.queuePrefix,
    });
    const job = await queue.getJob(jobId);
    await queue.close();
    expect(job?.data).toMatchObject({
      type: "text.send",
      target: { kind: "backend" },
      buttons,
      reportOutcome: true,
    });
    const status = await get(statusUrl, reader);
    expect(status.json()).toMatchObject({ jobId, status: "queued", messageId: null });
    expect((await get(statusUrl, foreign)).statusCode).toBe(404);
  });

  test("a bad post is refused before anything is queued", async () => {
    const url = "/v1/connections/alpha/topics/payments/messages";
    expect((await send("POST", url, writer, {})).json().message).toContain("text, a file");
    const withFile = {
      text: "x",
      file: { url: "https://example.com/a.pdf" },
      buttons: [[{ text: "a", url: "https://a" }]],
    };
    expect((await send("POST", url, writer, withFile)).statusCode).toBe(400);
    expect(
      (await send("POST", url, writer, { text: "x", buttons: [[{ text: "a", url: "javascript:x" }]] }))
        .statusCode,
    ).toBe(400);
    expect((await send("POST", url, reader, { text: "x" })).statusCode).toBe(403);
    expect(
      (await send("POST", "/v1/connections/alpha/topics/nope/messages", writer, { text: "x" })).statusCode,
    ).toBe(404);
  });
});

test("the OpenAPI document generated from the route schemas is valid", async () => {
  const answer = await world.app.inject({ method: "GET", url: "/docs/json" });
  expect(answer.statusCode).toBe(200);
  const document = answer.json();
  const result = await validate(structuredClone(document));
  if (!result.valid) throw new Error(compileErrors(result));
  expect(Object.keys(document.paths)).toEqual(
    expect.arrayContaining(["/v1/connections/{connectionId}/topics/{key}/messages"]),
  );
  expect((await world.app.inject({ method: "GET", url: "/docs" })).statusCode).toBeLessThan(400);
});

test("health: /healthz answers, /readyz checks Postgres, Redis and NATS", async () => {
  expect((await get("/healthz")).json()).toEqual({ ok: true });
  expect((await get("/readyz")).json()).toEqual({
    ready: true,
    checks: { postgres: "ok", redis: "ok", nats: "ok" },
  });
});
