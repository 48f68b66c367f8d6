import type { Update } from "@grammyjs/types";
import { type InboundEvent, partitionOf } from "@topicdesk/contracts";
import { createTestDatabase, type TestDatabase } from "@topicdesk/db";
import type { FastifyInstance } from "fastify";
import {
  connectSecondBus,
  createBotConnection,
  createTestBus,
  PARTITIONS,
  SECRET_HEADER,
  type TestBus,
  unreachableDatabase,
  webhookApp,
} from "./ingress-fixtures.ts";
import { aClientMessage, CLIENT, callbackQueryUpdate, messageUpdate } from "./update-factories.ts";

let testDb: TestDatabase;
let testBus: TestBus;
let app: FastifyInstance;
let active: { id: string; secret: string };

beforeAll(async () => {
  [testDb, testBus] = await Promise.all([createTestDatabase(), createTestBus("ingress-webhook")]);
  app = await webhookApp(testDb.db, testBus.bus, testBus.naming);
  active = await createBotConnection(testDb);
});

afterAll(async () => {
  await app?.close();
  await testBus?.cleanup();
  await testDb?.drop();
});

async function post(connectionId: string, payload: string | object, headers: Record<string, string> = {}) {
  return await app.inject({
    method: "POST",
    url: `/telegram/${connectionId}`,
    headers: { "content-type": "application/json", ...headers },
    payload: typeof payload === "string" ? payload : JSON.stringify(payload),
  });
}

function fromTelegram(secret = active.secret): Record<string, string> {
  return { [SECRET_HEADER]: secret };
}

/** Runs `action` and returns how many events it added to the stream. */
async function publishedBy(action: () => Promise<unknown>): Promise<number> {
  const before = await testBus.storedEvents();
  await action();
  return (await testBus.storedEvents()) - before;
}

describe("the Telegram webhook", () => {
  test("a client's message with the right secret is stored once, on its dialog's subject, before the 200", async () => {
    const update = messageUpdate(aClientMessage({ text: "hello" }));
    const before = await testBus.storedEvents();

    const response = await post(active.id, update, fromTelegram());

    expect(response.statusCode).toBe(200);
    const info = await testBus.bus.jsm.streams.info(testBus.naming.inboundStream);
    expect(info.state.messages).toBe(before + 1);
    const stored = await testBus.bus.jsm.streams.getMessage(testBus.naming.inboundStream, {
      seq: info.state.last_seq,
    });
    const partition = partitionOf(active.id, CLIENT.id, PARTITIONS);
    expect(stored?.subject).toBe(testBus.naming.inboundSubject(partition, active.id, CLIENT.id));
    expect(stored?.header?.get("Nats-Msg-Id")).toBe(`${active.id}:${update.update_id}`);
    const event = stored?.json<InboundEvent>();
    expect(event).toMatchObject({
      id: `${active.id}:${update.update_id}`,
      connectionId: active.id,
      kind: "message",
      chat: { id: CLIENT.id, type: "private" },
      message: { content: "text", text: "hello" },
    });
  });

  test("the same update delivered twice is stored once", async () => {
    const update = messageUpdate(aClientMessage({ text: "retry me" }));

    const added = await publishedBy(async () => {
      expect((await post(active.id, update, fromTelegram())).statusCode).toBe(200);
      expect((await post(active.id, update, fromTelegram())).statusCode).toBe(200);
    });

    expect(added).toBe(1);
  });

  test.each([
    ["a wrong secret", () => fromTelegram("not-the-secret")],
    ["the secret of another connection", () => fromTelegram(`${active.secret}x`)],
    ["an empty secret", () => fromTelegram("")],
    ["no secret header", () => ({})],
  ])("%s is refused with 401 and nothing is published", async (_name, headers) => {
    const update = messageUpdate(aClientMessage({ text: "forged" }));
    let status = 0;
    const added = await publishedBy(async () => {
      status = (await post(active.id, update, headers())).statusCode;
    });
    expect(status).toBe(401);
    expect(added).toBe(0);
  });

  test("an unknown connection is refused with 401 and nothing is published", async () => {
    let status = 0;
    const added = await publishedBy(async () => {
      status = (await post("no-such-bot", messageUpdate(aClientMessage({ text: "x" })), fromTelegram()))
        .statusCode;
    });
    expect(status).toBe(401);
    expect(added).toBe(0);
  });

  test.each([
    ["a NUL byte", "%00ingress"],
    ["capital letters", "INGRESS-1"],
    ["an emoji", "%F0%9F%98%80"],
  ])("a connection id with %s is refused with 401, without reaching the database", async (_name, segment) => {
    const response = await post(segment, messageUpdate(aClientMessage({ text: "x" })), fromTelegram());
    expect(response.statusCode).toBe(401);
    expect(response.json()).toEqual({ error: "unknown connection or wrong secret token" });
  });

  test("when the connection store is unreachable the webhook answers 503 and reveals nothing", async () => {
    const db = unreachableDatabase();
    const isolated = await webhookApp(db, testBus.bus, testBus.naming);
    try {
      let response: Awaited<ReturnType<typeof post>> | undefined;
      const added = await publishedBy(async () => {
        response = await isolated.inject({
          method: "POST",
          url: `/telegram/${active.id}`,
          headers: { "content-type": "application/json", ...fromTelegram() },
          payload: JSON.stringify(messageUpdate(aClientMessage({ text: "x" }))),
        });
      });
      expect(response?.statusCode).toBe(503);
      expect(response?.json()).toEqual({ error: "temporarily unavailable, retry" });
      expect(added).toBe(0);
    } finally {
      await isolated.close();
      await db.destroy();
    }
  });

  test("a connection without a webhook secret accepts no call at all", async () => {
    const bare = await createBotConnection(testDb, { webhook_secret: null });
    let statuses: number[] = [];
    const added = await publishedBy(async () => {
      const update = messageUpdate(aClientMessage({ text: "x" }));
      statuses = [
        (await post(bare.id, update)).statusCode,
        (await post(bare.id, update, fromTelegram(""))).statusCode,
        (await post(bare.id, update, fromTelegram(bare.secret))).statusCode,
      ];
    });
    expect(statuses).toEqual([401, 401, 401]);
    expect(added).toBe(0);
  });

  test.each([
    ["malformed JSON", '{"update_id": 1, "message": '],
    ["a JSON array", "[1, 2, 3]"],
    ["a JSON string", '"update"'],
    ["JSON null", "null"],
    ["a body without update_id", JSON.stringify({ message: aClientMessage({ text: "x" }) })],
    ["a negative update_id", JSON.stringify({ update_id: -1, message: aClientMessage({ text: "x" }) })],
    ["update_id as a string", JSON.stringify({ update_id: "8001", message: aClientMessage({ text: "x" }) })],
    ["update_id as a fraction", JSON.stringify({ update_id: 1.5, message: aClientMessage({ text: "x" }) })],
    ["update_id as a boolean", JSON.stringify({ update_id: true, message: aClientMessage({ text: "x" }) })],
  ])("%s with the right secret is refused with 400 and nothing is published", async (_name, body) => {
    let status = 0;
    const added = await publishedBy(async () => {
      status = (await post(active.id, body, fromTelegram())).statusCode;
    });
    expect(status).toBe(400);
    expect(added).toBe(0);
  });

  test.each([
    ["a message that is not an object", { update_id: 9001, message: "hello" }],
    ["a message without a chat", { update_id: 9002, message: { message_id: 1, date: 1 } }],
    [
      "a message whose chat is a string",
      { update_id: 9003, message: { message_id: 1, date: 1, chat: "private" } },
    ],
    [
      "a message whose text is a number",
      { update_id: 9004, message: { message_id: 1, date: 1, chat: { id: 1, type: "private" }, text: 5 } },
    ],
    [
      "a reaction without its reaction list",
      { update_id: 9005, message_reaction: { chat: { id: 1, type: "private" } } },
    ],
    [
      "a private membership change without its author",
      {
        update_id: 9006,
        my_chat_member: { chat: { id: 1, type: "private" }, new_chat_member: { status: "kicked" } },
      },
    ],
  ])("an authenticated body with %s is refused with 400, not a server error", async (_name, body) => {
    let status = 0;
    const added = await publishedBy(async () => {
      status = (await post(active.id, body, fromTelegram())).statusCode;
    });
    expect(status).toBe(400);
    expect(added).toBe(0);
  });

  test("a body over the limit is refused with 413 and nothing is published", async () => {
    const huge = messageUpdate(aClientMessage({ text: "x".repeat(1_100_000) }));
    let status = 0;
    const added = await publishedBy(async () => {
      status = (await post(active.id, huge, fromTelegram())).statusCode;
    });
    expect(status).toBe(413);
    expect(added).toBe(0);
  });

  test("a body that is not JSON is refused with 415 and nothing is published", async () => {
    let status = 0;
    const added = await publishedBy(async () => {
      const response = await app.inject({
        method: "POST",
        url: `/telegram/${active.id}`,
        headers: { "content-type": "application/x-www-form-urlencoded", ...fromTelegram() },
        payload: "update_id=1",
      });
      status = response.statusCode;
    });
    expect(status).toBe(415);
    expect(added).toBe(0);
  });

  test("an update kind the help desk does not use is acknowledged and dropped", async () => {
    let status = 0;
    const added = await publishedBy(async () => {
      status = (await post(active.id, callbackQueryUpdate(), fromTelegram())).statusCode;
    });
    expect(status).toBe(200);
    expect(added).toBe(0);
  });

  test("an update for a paused connection is acknowledged and dropped", async () => {
    const paused = await createBotConnection(testDb, { status: "paused" });
    let status = 0;
    const added = await publishedBy(async () => {
      status = (
        await post(paused.id, messageUpdate(aClientMessage({ text: "x" })), fromTelegram(paused.secret))
      ).statusCode;
    });
    expect(status).toBe(200);
    expect(added).toBe(0);
  });

  test("when NATS is unavailable the webhook answers 503, so Telegram retries, and the retry is stored", async () => {
    const failingBus = await connectSecondBus("ingress-webhook-failing");
    const failingApp = await webhookApp(testDb.db, failingBus, testBus.naming);
    const update: Update = messageUpdate(aClientMessage({ text: "during the outage" }));
    try {
      await failingBus.close();
      let status = 0;
      const added = await publishedBy(async () => {
        const response = await failingApp.inject({
          method: "POST",
          url: `/telegram/${active.id}`,
          headers: { "content-type": "application/json", ...fromTelegram() },
          payload: JSON.stringify(update),
        });
        status = response.statusCode;
      });
      expect(status).toBe(503);
      expect(added).toBe(0);
    } finally {
      await failingApp.close();
    }

    const retried = await publishedBy(async () => {
      expect((await post(active.id, update, fromTelegram())).statusCode).toBe(200);
    });
    expect(retried).toBe(1);
  });
});
