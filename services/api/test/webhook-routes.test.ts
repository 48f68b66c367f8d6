import { watchConnectionChanges } from "@topicdesk/connections";
import type { ConnectionChange } from "@topicdesk/contracts";
import { WebhookDeadLetterRepository, WebhookReceiverRepository } from "@topicdesk/db";
import { createLogger } from "@topicdesk/telemetry";
import { type ApiWorld, bearer, startApiWorld } from "./api-fixtures.ts";

let world: ApiWorld;
let admin: string;
let reader: string;
let foreign: string;
let hints: ConnectionChange[];
let watch: ReturnType<typeof watchConnectionChanges>;

beforeAll(async () => {
  world = await startApiWorld();
  admin = await world.key("alpha", "admin");
  reader = await world.key("alpha", "read");
  foreign = await world.key("beta", "admin");
  hints = [];
  watch = watchConnectionChanges({
    nc: world.bus.nc,
    prefix: world.naming.prefix,
    log: createLogger({ service: "webhook-routes-test", level: "silent" }),
    onChange: async (change) => void hints.push(change),
    onResync: async () => undefined,
    resyncIntervalMs: 0,
  });
});
afterAll(async () => {
  await watch.stop();
  await world.stop();
});

const base = "/v1/connections/alpha/webhooks";
const get = (url: string, key?: string) =>
  world.app.inject({ method: "GET", url, headers: key ? bearer(key) : {} });
const send = (method: "POST" | "PUT" | "DELETE", url: string, key: string, payload?: object) =>
  world.app.inject({ method, url, headers: bearer(key), ...(payload === undefined ? {} : { payload }) });
/** What is stored, read straight from the table (the repository would need the app's secret box). */
const endpoints = () =>
  world.database.db
    .selectFrom("webhook_endpoints")
    .select(["url", "events"])
    .where("connection_id", "=", "alpha")
    .execute();
const eventually = async (probe: () => boolean, what: string) => {
  for (let i = 0; i < 200 && !probe(); i += 1) await new Promise((resolve) => setTimeout(resolve, 10));
  if (!probe()) throw new Error(`never saw ${what}`);
};

describe("webhook receivers", () => {
  let created: { id: number; secret: string };

  test("an admin key registers a receiver; the answer alone shows its secret; the routers are told", async () => {
    const answer = await send("POST", base, admin, {
      url: "https://crm.example/hook",
      events: ["dialog_created", "/Invoice"],
    });
    expect(answer.statusCode).toBe(201);
    created = answer.json();
    expect(answer.json()).toMatchObject({
      url: "https://crm.example/hook",
      events: ["dialog_created", "/invoice"],
      secret: expect.stringMatching(/^whsec_/),
    });
    await eventually(
      () => hints.some((hint) => hint.connectionId === "alpha" && hint.change === "parameters"),
      "the parameters hint",
    );
    const listed = await get(base, reader);
    expect(listed.statusCode).toBe(200);
    expect(listed.json()).toEqual([
      {
        id: created.id,
        url: "https://crm.example/hook",
        events: ["dialog_created", "/invoice"],
        createdAt: expect.any(String),
      },
    ]);
    expect(listed.body).not.toContain(created.secret);
    expect((await get(`${base}/${created.id}`, reader)).json()).toMatchObject({ id: created.id });
  });

  test("a body the schema refuses is 400 invalid_request; a URL or event the rules refuse is 400 with the reason", async () => {
    const schema = await send("POST", base, admin, { url: "https://crm.example/x" });
    expect(schema.statusCode).toBe(400);
    expect(schema.json()).toMatchObject({
      code: "invalid_request",
      message: expect.stringContaining("events"),
    });
    const url = await send("POST", base, admin, { url: "ftp://crm.example/x", events: ["dialog_closed"] });
    expect(url.statusCode).toBe(400);
    expect(url.json()).toMatchObject({ code: "bad_request", message: expect.stringContaining("http") });
    const event = await send("POST", base, admin, {
      url: "https://crm.example/x",
      events: ["dialog_opened"],
    });
    expect(event.json()).toMatchObject({
      code: "bad_request",
      message: expect.stringContaining("neither an event"),
    });
    expect((await endpoints()).map((row) => row.url)).toEqual(["https://crm.example/hook"]);
  });

  test("a URL the connection already has is 409", async () => {
    const answer = await send("POST", base, admin, {
      url: "https://crm.example/hook",
      events: ["dialog_closed"],
    });
    expect(answer.statusCode).toBe(409);
    expect(answer.json().code).toBe("conflict");
  });

  test("changing the events checks them like a new receiver", async () => {
    const changed = await send("PUT", `${base}/${created.id}/events`, admin, {
      events: ["/Refund", "dialog_closed"],
    });
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toMatchObject({ id: created.id, events: ["/refund", "dialog_closed"] });
    const refused = await send("PUT", `${base}/${created.id}/events`, admin, { events: ["nonsense"] });
    expect(refused.statusCode).toBe(400);
    expect((await send("PUT", `${base}/999999/events`, admin, { events: ["/x"] })).statusCode).toBe(404);
    expect((await endpoints())[0]?.events).toEqual(["/refund", "dialog_closed"]);
  });

  test("read keys cannot change receivers (403); another connection's key sees nothing (404)", async () => {
    expect(
      (await send("POST", base, reader, { url: "https://r.example", events: ["dialog_closed"] })).statusCode,
    ).toBe(403);
    expect((await send("DELETE", `${base}/${created.id}`, reader)).statusCode).toBe(403);
    expect((await get(base)).statusCode).toBe(401);
    for (const answer of [
      await get(base, foreign),
      await get(`${base}/${created.id}`, foreign),
      await send("POST", base, foreign, { url: "https://f.example", events: ["dialog_closed"] }),
      await send("PUT", `${base}/${created.id}/events`, foreign, { events: ["/x"] }),
      await send("DELETE", `${base}/${created.id}`, foreign),
    ]) {
      expect(answer.statusCode).toBe(404);
    }
    // Beta's own routes do not reach alpha's receiver either.
    expect((await get(`/v1/connections/beta/webhooks/${created.id}`, foreign)).statusCode).toBe(404);
    expect((await send("DELETE", `/v1/connections/beta/webhooks/${created.id}`, foreign)).statusCode).toBe(
      404,
    );
    expect(await endpoints()).toHaveLength(1);
  });

  test("removing a receiver takes it away; a second removal is 404", async () => {
    expect((await send("DELETE", `${base}/${created.id}`, admin)).statusCode).toBe(200);
    expect((await send("DELETE", `${base}/${created.id}`, admin)).statusCode).toBe(404);
    expect(await endpoints()).toEqual([]);
  });
});

describe("dead letters", () => {
  const letters = () => new WebhookDeadLetterRepository(world.database.db);
  const letter = (connectionId: string, eventId: string) =>
    letters().add({
      connectionId,
      url: "https://crm.example/hook",
      eventType: "dialog_closed",
      eventId,
      job: { ids: "only" },
      attempts: 8,
      lastError: "HTTP 503",
    });
  let ids: number[];
  let betaLetter: number;

  beforeAll(async () => {
    ids = [];
    for (const eventId of ["e1", "e2", "e3"]) ids.push((await letter("alpha", eventId)).id);
    betaLetter = (await letter("beta", "b1")).id;
  });

  test("are listed newest first, a page at a time, without the delivery job", async () => {
    const first = await get(`${base}/dead-letters?limit=2`, reader);
    expect(first.statusCode).toBe(200);
    expect(first.json().map((row: { id: number }) => row.id)).toEqual([ids[2], ids[1]]);
    expect(first.json()[0]).toEqual({
      id: ids[2],
      url: "https://crm.example/hook",
      eventType: "dialog_closed",
      eventId: "e3",
      attempts: 8,
      lastError: "HTTP 503",
      failedAt: expect.any(String),
      replayRequestedAt: null,
      replayedAt: null,
    });
    const next = await get(`${base}/dead-letters?limit=2&before=${ids[1]}`, reader);
    expect(next.json().map((row: { id: number }) => row.id)).toEqual([ids[0]]);
    expect((await get(`${base}/dead-letters?limit=0`, reader)).statusCode).toBe(400);
    expect((await get(`${base}/dead-letters`, foreign)).statusCode).toBe(404);
  });

  test("one is replayed by id; a letter already replayed or of another connection is 404", async () => {
    expect((await send("POST", `${base}/dead-letters/${ids[0]}/replay`, reader)).statusCode).toBe(403);
    const answer = await send("POST", `${base}/dead-letters/${ids[0]}/replay`, admin);
    expect(answer.statusCode).toBe(202);
    expect(answer.json()).toEqual({ replaying: [ids[0]] });
    const [row] = (await letters().list("alpha", { pendingOnly: false })).filter((l) => l.id === ids[0]);
    expect(row?.replay_requested_at).toBeInstanceOf(Date);
    // What the webhooks service does once it has queued the delivery again.
    await letters().markReplayed([ids[0] ?? 0], new Date());
    expect((await send("POST", `${base}/dead-letters/${ids[0]}/replay`, admin)).statusCode).toBe(404);
    expect((await send("POST", `${base}/dead-letters/${betaLetter}/replay`, admin)).statusCode).toBe(404);
    expect((await send("POST", `${base}/dead-letters/abc/replay`, admin)).statusCode).toBe(400);
    const pending = await get(`${base}/dead-letters`, reader);
    expect(pending.json().map((l: { id: number }) => l.id)).toEqual([ids[2], ids[1]]);
    const all = await get(`${base}/dead-letters?pending=false`, reader);
    expect(all.json().find((l: { id: number }) => l.id === ids[0])?.replayedAt).toEqual(expect.any(String));
  });

  test("replaying all asks for every pending letter of this connection only", async () => {
    expect((await send("POST", `${base}/dead-letters/replay`, foreign)).statusCode).toBe(404);
    const answer = await send("POST", `${base}/dead-letters/replay`, admin);
    expect(answer.statusCode).toBe(202);
    expect(answer.json()).toEqual({ replaying: [ids[1], ids[2]] });
    const beta = await letters().list("beta");
    expect(beta[0]?.replay_requested_at).toBeNull();
  });
});

describe("receivers' health", () => {
  const receivers = () => new WebhookReceiverRepository(world.database.db);
  const failing = "https://failing.example/hook";

  beforeAll(async () => {
    await receivers().recordSuccess("alpha", "https://fine.example/hook", new Date());
    await receivers().recordFailure("alpha", failing, "HTTP 500", new Date());
    await receivers().pause("alpha", failing, new Date());
    await receivers().recordFailure("beta", failing, "HTTP 500", new Date());
    await receivers().pause("beta", failing, new Date());
  });

  test("lists every receiver, or only the paused ones", async () => {
    const all = await get(`${base}/receivers`, reader);
    expect(all.statusCode).toBe(200);
    expect(all.json().map((row: { url: string }) => row.url)).toEqual([failing, "https://fine.example/hook"]);
    const paused = await get(`${base}/receivers?paused=true`, reader);
    expect(paused.json()).toEqual([
      {
        url: failing,
        consecutiveFailures: 1,
        lastError: "HTTP 500",
        lastFailureAt: expect.any(String),
        lastSuccessAt: null,
        pausedAt: expect.any(String),
      },
    ]);
    expect((await get(`${base}/receivers?paused=maybe`, reader)).statusCode).toBe(400);
    expect((await get(`${base}/receivers`, foreign)).statusCode).toBe(404);
  });

  test("resume needs admin, unpauses this connection's receiver only, and is 404 when not paused", async () => {
    expect((await send("POST", `${base}/receivers/resume`, reader, { url: failing })).statusCode).toBe(403);
    expect((await send("POST", `${base}/receivers/resume`, admin, {})).statusCode).toBe(400);
    const resumed = await send("POST", `${base}/receivers/resume`, admin, { url: failing });
    expect(resumed.statusCode).toBe(200);
    expect(resumed.json()).toMatchObject({ url: failing, pausedAt: null, consecutiveFailures: 0 });
    expect((await send("POST", `${base}/receivers/resume`, admin, { url: failing })).statusCode).toBe(404);
    expect(await receivers().isPaused("beta", failing)).toBe(true);
  });
});
