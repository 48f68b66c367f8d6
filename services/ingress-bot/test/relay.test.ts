import { ConnectionRepository, createTestDatabase, RelayRepository, type TestDatabase } from "@topicdesk/db";
import { freePort } from "@topicdesk/local-cluster";
import { createLogger } from "@topicdesk/telemetry";
import Fastify, { type FastifyInstance } from "fastify";
import { relayNaming } from "../src/relay/relay-stream.ts";
import { startWebhookRelay, type WebhookRelay } from "../src/relay/webhook-relay.ts";
import { createConnectionSecrets } from "../src/webhook/connection-secrets.ts";
import { registerWebhookRoutes } from "../src/webhook/webhook-routes.ts";
import {
  createBotConnection,
  createTestBus,
  PARTITIONS,
  SECRET_HEADER,
  secretBox,
  type TestBus,
} from "./ingress-fixtures.ts";
import { eventually, type OriginalSystem, startOriginalSystem } from "./relay-fixtures.ts";
import { aClientMessage, messageUpdate, nextUpdateId } from "./update-factories.ts";

let testDb: TestDatabase;
let testBus: TestBus;
const logLines: string[] = [];
const log = createLogger({
  service: "relay-test",
  level: "info",
  destination: { write: (line: string) => void logLines.push(line) },
});
const running: Array<{ app: FastifyInstance; relay: WebhookRelay; original: OriginalSystem }> = [];

/** Short pauses so a failing original costs the test milliseconds, not minutes. */
const FAST_RETRY = { retries: 3, minDelayMs: 20, maxDelayMs: 100, attemptTimeoutMs: 500 };
const ORIGINAL_SECRET = "original-secret_0123";

beforeAll(async () => {
  [testDb, testBus] = await Promise.all([createTestDatabase(), createTestBus("ingress-relay")]);
});

afterAll(async () => {
  for (const { app, relay, original } of running) {
    await app.close();
    await relay.stop();
    await original.close();
  }
  await testBus?.bus.jsm.streams.delete(relayNaming(testBus.naming).stream).catch(() => undefined);
  await testBus?.cleanup();
  await testDb?.drop();
});

/** A relaying connection with its webhook app, and the other system it relays to. */
async function relaying(
  original: OriginalSystem,
  options: { paused?: boolean; retry?: typeof FAST_RETRY } = {},
) {
  const connection = await createBotConnection(testDb, options.paused ? { status: "paused" } : {});
  // Each test's relay forwards for its own connection only.
  await testDb.db.deleteFrom("connection_relays").execute();
  await new RelayRepository(testDb.db).set(
    { connectionId: connection.id, url: original.url, secret: ORIGINAL_SECRET },
    secretBox,
  );
  const relay = await startWebhookRelay({
    db: testDb.db,
    bus: testBus.bus,
    naming: testBus.naming,
    secretBox,
    log,
    retry: options.retry ?? FAST_RETRY,
  });
  const app = Fastify({ logger: false });
  await registerWebhookRoutes(app, {
    bus: testBus.bus,
    naming: testBus.naming,
    partitions: PARTITIONS,
    webhookConnection: createConnectionSecrets(testDb.db, secretBox),
    relay,
  });
  await app.ready();
  running.push({ app, relay, original });
  const post = (body: string, secret = connection.secret) =>
    app.inject({
      method: "POST",
      url: `/telegram/${connection.id}`,
      headers: { "content-type": "application/json", [SECRET_HEADER]: secret },
      payload: body,
    });
  return { connection, relay, post };
}

/** Telegram's JSON for a client message, written the way Telegram writes it (escapes, no spaces). */
function rawUpdate(text: string): { body: string; updateId: number } {
  const update = messageUpdate(aClientMessage({ text }));
  return { body: JSON.stringify(update), updateId: update.update_id };
}

async function storedEvents(): Promise<number> {
  return await testBus.storedEvents();
}

describe("the webhook relay", () => {
  test("both Telegram receivers get every update in order: ours as events, the other system byte for byte", async () => {
    const original = await startOriginalSystem();
    const { post } = await relaying(original);
    const before = await storedEvents();
    // Unusual but valid JSON (escapes, spacing): re-serializing would change it, relaying must not.
    const bodies = [
      `{"update_id":${nextUpdateId()},"message":{"message_id":1,"date":1790000000,"chat":{"id":4242,"type":"private"},"from":{"id":4242,"is_bot":false,"first_name":"Jane"},"text":"caf\\u00e9 \\ud83d\\ude00"}}`,
      ...Array.from({ length: 4 }, (_, index) => rawUpdate(`message ${index}`).body),
      `{ "update_id" : ${nextUpdateId()}, "message" : {"message_id":9,"date":1790000000,"chat":{"id":4242,"type":"private"},"from":{"id":4242,"is_bot":false,"first_name":"Jane"},"text":"1.50e1"} }`,
    ];
    for (const body of bodies) expect((await post(body)).statusCode).toBe(200);

    expect((await storedEvents()) - before).toBe(bodies.length);
    await eventually(() => original.accepted.length === bodies.length, "every update at the other system");
    expect(original.accepted.map((received) => received.body)).toEqual(bodies);
    expect(original.accepted.every((received) => received.secret === ORIGINAL_SECRET)).toBe(true);
  });

  test("update kinds we do not use and updates of a paused connection still reach the other system", async () => {
    const original = await startOriginalSystem();
    const { post } = await relaying(original, { paused: true });
    const callback = JSON.stringify({
      update_id: nextUpdateId(),
      callback_query: {
        id: "77",
        from: { id: 4242, is_bot: false, first_name: "Jane" },
        chat_instance: "1",
        data: "buy",
      },
    });
    const message = rawUpdate("while paused").body;
    const before = await storedEvents();

    expect((await post(callback)).statusCode).toBe(200);
    expect((await post(message)).statusCode).toBe(200);

    expect(await storedEvents()).toBe(before);
    await eventually(() => original.accepted.length === 2, "both updates at the other system");
    expect(original.accepted.map((received) => received.body)).toEqual([callback, message]);
  });

  test("a slow other system does not delay our answer to Telegram: ours are stored while it still holds the first", async () => {
    const original = await startOriginalSystem();
    original.behave(() => "hang");
    // One attempt outlasts the test: the first update stays held until released.
    const { post } = await relaying(original, { retry: { ...FAST_RETRY, attemptTimeoutMs: 60_000 } });
    const before = await storedEvents();
    const updates = [rawUpdate("slow 1"), rawUpdate("slow 2"), rawUpdate("slow 3")];

    for (const { body } of updates) expect((await post(body)).statusCode).toBe(200);
    await eventually(() => original.held() === 1, "the other system holding the first update");

    // All three answered and stored while the other system has not even answered the first.
    expect((await storedEvents()) - before).toBe(3);
    expect(original.accepted).toEqual([]);
    original.behave(() => 200);
    original.release();
    await eventually(() => original.accepted.length === 3, "the held and the queued updates");
    expect(original.accepted.map((received) => received.body)).toEqual(updates.map((update) => update.body));
  });

  test("an other system answering 500 gets each update again, with backoff, and in order", async () => {
    const original = await startOriginalSystem();
    original.behave((call) => (call <= 2 ? 500 : 200));
    const { post } = await relaying(original);
    const updates = [rawUpdate("retry 1"), rawUpdate("retry 2")];

    for (const { body } of updates) expect((await post(body)).statusCode).toBe(200);

    await eventually(() => original.accepted.length === 2, "both updates accepted");
    expect(original.calls).toBe(4);
    expect(original.accepted.map((received) => received.body)).toEqual(updates.map((update) => update.body));
    expect(logLines.some((line) => line.includes("the other system failed an update; retrying"))).toBe(true);
  });

  test("an other system that is down (connection refused) gets the updates once it is back", async () => {
    const port = await freePort();
    const nobody = { url: `http://127.0.0.1:${port}/hook/abc`, close: async () => undefined };
    // Patient enough to outlast the outage below (about four seconds of attempts).
    const retry = { retries: 20, minDelayMs: 50, maxDelayMs: 200, attemptTimeoutMs: 500 };
    const { post, connection } = await relaying(nobody as OriginalSystem, { retry });
    const updates = [rawUpdate("down 1"), rawUpdate("down 2")];
    const before = await storedEvents();

    for (const { body } of updates) expect((await post(body)).statusCode).toBe(200);
    expect((await storedEvents()) - before).toBe(2);

    await eventually(
      () =>
        logLines.some(
          (line) => line.includes("the other system failed an update") && line.includes(connection.id),
        ),
      "a failed attempt",
    );
    const original = await startOriginalSystem(port);
    running.push({ ...(running.at(-1) as (typeof running)[number]), original });
    await eventually(() => original.accepted.length === 2, "the updates after the other system came back");
    expect(original.accepted.map((received) => received.body)).toEqual(updates.map((update) => update.body));
  });

  test("an update the other system keeps failing is dropped with an error log, and the next one goes on", async () => {
    const original = await startOriginalSystem();
    original.behave((call) => (call <= FAST_RETRY.retries + 1 ? 503 : 200));
    const { post, connection } = await relaying(original);
    const doomed = rawUpdate("doomed");
    const next = rawUpdate("next");

    expect((await post(doomed.body)).statusCode).toBe(200);
    expect((await post(next.body)).statusCode).toBe(200);

    await eventually(() => original.accepted.length === 1, "the next update");
    expect(original.accepted.map((received) => received.body)).toEqual([next.body]);
    expect(original.calls).toBe(FAST_RETRY.retries + 2);
    const dropped = logLines.filter((line) =>
      line.includes("update dropped, the other system kept failing it"),
    );
    expect(dropped.some((line) => line.includes(connection.id))).toBe(true);
    // Never the body, the URL or the secret in the logs.
    expect(
      logLines.some(
        (line) => line.includes("doomed") || line.includes(ORIGINAL_SECRET) || line.includes("/hook/abc"),
      ),
    ).toBe(false);
  });

  test("a 4xx from the other system is final: no retries for that update", async () => {
    const original = await startOriginalSystem();
    original.behave((call) => (call === 1 ? 401 : 200));
    const { post } = await relaying(original);
    const refused = rawUpdate("refused");
    const next = rawUpdate("after the refusal");

    expect((await post(refused.body)).statusCode).toBe(200);
    expect((await post(next.body)).statusCode).toBe(200);

    await eventually(() => original.accepted.length === 1, "the next update");
    expect(original.calls).toBe(2);
    expect(original.accepted[0]?.body).toBe(next.body);
  });

  test("forged calls are still refused, and nothing of them reaches the other system", async () => {
    const original = await startOriginalSystem();
    const { post } = await relaying(original);
    const forged = rawUpdate("forged");
    const before = await storedEvents();

    expect((await post(forged.body, "guessed-secret")).statusCode).toBe(401);
    const marker = rawUpdate("marker");
    expect((await post(marker.body)).statusCode).toBe(200);

    await eventually(() => original.accepted.length === 1, "the marker");
    expect(original.accepted.map((received) => received.body)).toEqual([marker.body]);
    expect((await storedEvents()) - before).toBe(1);
  });

  test("Telegram's retry of an update is relayed once", async () => {
    const original = await startOriginalSystem();
    const { post } = await relaying(original);
    const update = rawUpdate("twice");
    const marker = rawUpdate("marker after twice");

    expect((await post(update.body)).statusCode).toBe(200);
    expect((await post(update.body)).statusCode).toBe(200);
    expect((await post(marker.body)).statusCode).toBe(200);

    await eventually(() => original.accepted.length === 2, "the update and the marker");
    expect(original.accepted.map((received) => received.body)).toEqual([update.body, marker.body]);
  });
});

describe("relay settings", () => {
  test("the other system's secret is sealed at rest and removed with its connection", async () => {
    const connection = await createBotConnection(testDb);
    const relays = new RelayRepository(testDb.db);
    await relays.set(
      { connectionId: connection.id, url: "https://other.example/hook", secret: "s3cret" },
      secretBox,
    );

    const row = await relays.get(connection.id);
    expect(row?.secret_encrypted).toMatch(/^v1:/);
    expect(row?.secret_encrypted).not.toContain("s3cret");
    expect(row && relays.reveal(row, secretBox)).toEqual({
      connectionId: connection.id,
      url: "https://other.example/hook",
      secret: "s3cret",
    });
    await new ConnectionRepository(testDb.db).remove(connection.id);
    expect(await relays.get(connection.id)).toBeUndefined();
  });
});
