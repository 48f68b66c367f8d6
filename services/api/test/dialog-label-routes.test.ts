import { partitionOf } from "@topicdesk/contracts";
import { DialogRepository, LabelRepository } from "@topicdesk/db";
import { type ApiWorld, bearer, startApiWorld } from "./api-fixtures.ts";

let world: ApiWorld;
let writer: string;
let reader: string;
let foreign: string;
let dialogId: number;
let topiclessId: number;

beforeAll(async () => {
  world = await startApiWorld();
  writer = await world.key("alpha", "write");
  reader = await world.key("alpha", "read");
  foreign = await world.key("beta", "admin");
  const labels = new LabelRepository(world.database.db);
  for (const name of ["vip", "paid"]) await labels.create("alpha", name, null);
  const dialogs = new DialogRepository(world.database.db);
  const base = { connection_id: "alpha", chat_type: "private" as const, backend_chat_id: world.groupA };
  dialogId = (
    await dialogs.create({
      ...base,
      client_chat_id: 9101,
      status: "user_answered",
      topic_id: 88,
      first_name: "Jane",
      labels: ["paid"],
    })
  ).id;
  topiclessId = (await dialogs.create({ ...base, client_chat_id: 9102, status: "user_answered" })).id;
});
afterAll(async () => world.stop());

const post = (action: "tag" | "untag", label: unknown, key = writer, id = dialogId, connection = "alpha") =>
  world.app.inject({
    method: "POST",
    url: `/v1/connections/${connection}/dialogs/${id}/${action}`,
    headers: bearer(key),
    payload: { label },
  });

/** The last command the API handed to the router for the backend group (no router runs in this file). */
async function lastCommandEvent() {
  const subject = world.naming.inboundSubject(partitionOf("alpha", world.groupA, 2), "alpha", world.groupA);
  const stored = await world.bus.jsm.streams.getMessage(world.naming.inboundStream, {
    last_by_subj: subject,
  });
  return stored?.json<{ id: string; from?: { id: number }; message: { threadId: number; text: string } }>();
}

async function streamCount(): Promise<number> {
  return (await world.bus.jsm.streams.info(world.naming.inboundStream)).state.messages;
}

test("tag hands /mark NAME to the router in the dialog's topic, in the administrator's name", async () => {
  const answer = await post("tag", "VIP");
  expect(answer.statusCode).toBe(202);
  expect(await lastCommandEvent()).toMatchObject({
    id: answer.json().eventId,
    from: { id: world.operatorA },
    message: { threadId: 88, text: "/mark vip" },
  });
});

test("untag hands /mark del NAME to the router", async () => {
  const answer = await post("untag", "paid");
  expect(answer.statusCode).toBe(202);
  expect(await lastCommandEvent()).toMatchObject({
    id: answer.json().eventId,
    message: { threadId: 88, text: "/mark del paid" },
  });
});

test("a label already on (or already off) changes nothing and answers the dialog", async () => {
  const before = await streamCount();
  const on = await post("tag", "paid");
  expect(on.statusCode).toBe(200);
  expect(on.json()).toMatchObject({ id: dialogId, labels: ["paid"] });
  const off = await post("untag", "vip");
  expect(off.statusCode).toBe(200);
  expect(off.json().labels).toEqual(["paid"]);
  expect(await streamCount()).toBe(before);
});

test("an unknown label is a 422 that says how to create it; keywords and bad names are 400", async () => {
  const before = await streamCount();
  const unknown = await post("tag", "gold");
  expect(unknown.statusCode).toBe(422);
  expect(unknown.json().message).toContain("/mark new gold");
  const keyword = await post("tag", "del");
  expect(keyword.statusCode).toBe(400);
  expect(keyword.json().message).toContain("keyword");
  expect((await post("tag", "9lives")).statusCode).toBe(400);
  expect((await post("tag", "two words")).statusCode).toBe(400);
  expect((await post("tag", undefined)).statusCode).toBe(400);
  expect(await streamCount()).toBe(before);
});

test("scopes, other connections, missing dialogs and dialogs without a topic", async () => {
  expect((await post("tag", "vip", reader)).statusCode).toBe(403);
  expect((await post("tag", "vip", foreign)).statusCode).toBe(404);
  expect((await post("tag", "vip", foreign, dialogId, "beta")).statusCode).toBe(404);
  expect((await post("untag", "vip", writer, 999_999)).statusCode).toBe(404);
  expect((await post("tag", "vip", writer, topiclessId)).statusCode).toBe(409);
});

test("the OpenAPI document lists tag and untag", async () => {
  const document = (await world.app.inject({ method: "GET", url: "/docs/json" })).json();
  expect(Object.keys(document.paths)).toEqual(
    expect.arrayContaining([
      "/v1/connections/{connectionId}/dialogs/{dialogId}/tag",
      "/v1/connections/{connectionId}/dialogs/{dialogId}/untag",
    ]),
  );
});
